"""The network benchmarks (CUBA, COBAHH, STDP): their sizes and the cases that time them under the C
reference, Ranvier and Brian2's modes.

Each benchmark is a Brian2-syntax script in benchmarks/ (see benchscript.py for what it prints). A case's
key is ``("model", benchmark, neurons, program)``; cases of one benchmark, size and simulated duration
form a rate check: their mean firing rates must agree statistically, since the programs draw different
random numbers (see targets.rate_groups).
"""

import dataclasses
import pathlib

from .cases import Case

BENCHMARKS = pathlib.Path(__file__).resolve().parent.parent
RATE_TOLERANCE = 0.15  # relative difference of spike counts accepted between programs (see targets.counts_agree)
SHORT_WARMUP_SECONDS = 0.001
RATE_CHECK_SEEDS = (1, 2, 3, 4, 5, 6)


@dataclasses.dataclass(frozen=True)
class Size:
    """One network size: how long to simulate, how often to time it, and Brian2 numpy's shorter
    duration (None: numpy is not run at this size)."""

    neurons: int
    duration: float
    reps: int
    numpy_duration: float = None


@dataclasses.dataclass(frozen=True)
class ModelBenchmark:
    """A benchmark script, its sizes and, where one exists, the name of its C reference program."""

    name: str
    title: str
    script: str
    sizes: tuple
    c_program: str = None

    @property
    def path(self) -> pathlib.Path:
        return BENCHMARKS / self.script


def full_benchmarks(reps=None) -> tuple:
    """The sizes of a full run (about 14 minutes together with the LIF, seed and import sections).
    `reps` caps the repetitions of every size."""
    def size(neurons, duration, default_reps, numpy_duration):
        return Size(neurons, duration, min(default_reps, reps) if reps else default_reps, numpy_duration)

    cuba_sizes = (size(1000, 1.0, 5, 0.1), size(4000, 1.0, 5, 0.1), size(16000, 1.0, 3, 0.1),
                  size(64000, 1.0, 2, 0.1), size(256000, 1.0, 1, 0.1))
    return (
        ModelBenchmark("cuba", "CUBA (Brette et al. 2007, benchmark 2)", "cuba.py", cuba_sizes, "cuba"),
        ModelBenchmark("cobahh", "COBAHH (Brette et al. 2007, benchmark 3)", "cobahh.py",
                       (size(4000, 1.0, 3, 0.1),)),
        ModelBenchmark("stdp", "STDP (Song, Miller & Abbott 2000): Poisson inputs onto one neuron", "stdp.py",
                       (size(1000, 10.0, 3, 1.0),)),
    )


def smoke_benchmarks() -> tuple:
    """Tiny sizes, one repetition each: every script runs, in seconds. Two CUBA sizes exercise the
    scaling table, the memory estimate and the plot."""
    return (
        ModelBenchmark("cuba", "CUBA (Brette et al. 2007, benchmark 2)", "cuba.py",
                       (Size(500, 0.05, 1, 0.05), Size(1000, 0.05, 1, None)), "cuba"),
        ModelBenchmark("cobahh", "COBAHH (Brette et al. 2007, benchmark 3)", "cobahh.py", (Size(200, 0.02, 1, 0.02),)),
        ModelBenchmark("stdp", "STDP (Song, Miller & Abbott 2000): Poisson inputs onto one neuron", "stdp.py",
                       (Size(100, 0.2, 1, 0.2),)),
    )


def model_cases(benchmark: ModelBenchmark, settings, tools) -> list:
    """Every program's case at every size of `benchmark`."""
    cases = []
    for size in benchmark.sizes:
        cases += _c_cases(benchmark, size, tools)
        cases.append(_script_case(benchmark, size, "ranvier", tools.ranvier_python, None, size.duration, size.reps,
                                  tools))
        if settings.ranvier_variants and benchmark.c_program and size == benchmark.sizes[-1]:
            cases.append(_two_threads(cases[-1]))
        if not tools.brian2_python:
            continue
        if not benchmark.c_program and size.numpy_duration is not None and "numpy" in settings.brian2_modes:
            cases += _ranvier_rate_checks(benchmark, size, tools)
        for mode in settings.brian2_modes:
            if mode == "numpy" and size.numpy_duration is None:
                continue
            duration = size.numpy_duration if mode == "numpy" else size.duration
            reps = 1 if mode == "numpy" else max(1, size.reps - 1) if mode == "cpp_standalone" else size.reps
            cases.append(_script_case(benchmark, size, "brian2", tools.brian2_python, mode, duration, reps, tools))
    return cases


def _two_threads(ranvier: Case) -> Case:
    """Ranvier's case with two threads (`--threads 2`), shown beside the default run of the largest
    network, where threads share the neuron updates and the synaptic delivery."""
    return dataclasses.replace(ranvier, key=ranvier.key[:-1] + ("ranvier-2-threads",), label="Ranvier, 2 threads",
                               command=ranvier.command + ["--threads", "2"], compared=False)


def _c_cases(benchmark, size, tools) -> list:
    """The C reference at the size's duration and, for the rate check only, at Brian2 numpy's duration."""
    binary = tools.c_programs.get(benchmark.c_program) if benchmark.c_program else None
    if not binary:
        return []
    key = ("model", benchmark.name, size.neurons)
    cases = [Case(key + ("c",), "C, gcc -O3 -march=native", [binary, str(size.neurons), repr(size.duration)], size.reps,
                  rate_check=key[1:] + (size.duration,))]
    durations = [size.duration]
    if tools.brian2_python and size.numpy_duration not in (None, size.duration):
        durations.append(size.numpy_duration)
        cases.append(Case(key + ("c-numpy-duration",), "C (at Brian2 numpy's duration, rate check)",
                          [binary, str(size.neurons), repr(size.numpy_duration)], 1,
                          rate_check=key[1:] + (size.numpy_duration,), compared=False))
    for duration in durations:
        seeds = seed_count(size.neurons, duration)
        if seeds:
            cases.append(Case(key + (f"c-seeds-{duration!r}",), f"C, mean over {seeds} seeds (rate check)",
                              [binary, str(size.neurons), repr(duration), "1", str(seeds)], 1,
                              rate_check=key[1:] + (duration,), compared=False))
    return cases


def seed_count(neurons: int, duration: float) -> int:
    """How many networks the C program simulates to measure the seed-to-seed spread of the rate:
    10 for small runs, 4 up to 70,000 neuron-seconds, none beyond (~1 s of C time per 10^4)."""
    work = neurons * duration
    return 10 if work <= 20_000 else 4 if work <= 70_000 else 0


def _ranvier_rate_checks(benchmark, size, tools) -> list:
    """Without a C reference, Brian2 numpy's shorter run is checked against Ranvier runs of the same
    duration with RATE_CHECK_SEEDS different seeds (their mean and spread: short runs are dominated
    by the random initial transient)."""
    check = _script_case(benchmark, size, "ranvier", tools.ranvier_python, None, size.numpy_duration, 1, tools)
    cases = []
    for seed in RATE_CHECK_SEEDS:
        if seed == 1 and size.numpy_duration == size.duration:
            continue  # the timed Ranvier case is this run
        cases.append(dataclasses.replace(check, key=check.key[:-1] + (f"ranvier-seed-{seed}",), warmups=[],
                                         command=check.command + ["--seed", str(seed)], compared=False,
                                         label=f"Ranvier, seed {seed} (rate check)"))
    return cases


def script_command(python, script, simulator, mode, neurons, duration, build_dir=None) -> list:
    """The command line of a benchmark script."""
    command = [python, str(script), "--simulator", simulator, "--neurons", str(neurons), "--duration", repr(duration)]
    if mode:
        command += ["--target", mode]
    if build_dir:
        command += ["--build-dir", str(build_dir)]
    return command


def _script_case(benchmark, size, simulator, python, mode, duration, reps, tools) -> Case:
    """One simulator or Brian2 mode at one size. Warm-ups: a very short run of the same network fills
    Brian2's cython cache (its code does not depend on the duration) and Ranvier's .pyc files; a
    cpp_standalone project is warmed by the identical command, because the duration is compiled into
    its main.cpp, and kept per benchmark and size so make finds its objects next time."""
    build_dir = tools.standalone_dir / f"{benchmark.name}-{size.neurons}" if mode == "cpp_standalone" else None
    command = script_command(python, benchmark.path, simulator, mode, size.neurons, duration, build_dir)
    if mode == "cpp_standalone":
        warmups = [command]
    elif mode == "numpy":
        warmups = []
    else:
        warmups = [script_command(python, benchmark.path, simulator, mode, size.neurons,
                                  min(duration, SHORT_WARMUP_SECONDS))]
    program = "ranvier" if simulator == "ranvier" else f"brian2-{mode}"
    label = "Ranvier" if simulator == "ranvier" else f"Brian2 {mode}"
    return Case(("model", benchmark.name, size.neurons, program), label, command, reps, warmups,
                rate_check=(benchmark.name, size.neurons, duration))
