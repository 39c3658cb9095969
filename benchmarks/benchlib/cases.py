"""The benchmark plan: every command to time, how often, and what to run first to warm caches."""

import dataclasses
import pathlib

from . import scripts

BENCHMARKS = pathlib.Path(__file__).resolve().parent.parent
LIF_SCRIPT = BENCHMARKS / "per_neuron_lif.py"
SEED_SCRIPTS = BENCHMARKS / "seed_scripts"
BRIAN2_MODES = ("numpy", "cython", "cpp_standalone")


@dataclasses.dataclass
class Settings:
    """Sizes and repetition counts of one benchmark run (see run.py's options)."""

    neurons: int
    duration: float
    numpy_duration: float
    reps: int
    seed_reps: int
    import_reps: int
    brian2_modes: tuple
    seed_brian2_modes: tuple
    seed_plots: bool
    c_variants: bool
    # Ranvier's options measured on the LIF: two threads (prefs.ranvier.threads) and float32 storage.
    ranvier_variants: bool = False
    models: tuple = ()  # the network benchmarks (benchlib.models.ModelBenchmark) with their sizes


@dataclasses.dataclass
class Case:
    """One timed command. `key` identifies it in the report; `spike_check` groups cases that must
    count the same spikes (same model size and duration)."""

    key: tuple
    label: str
    command: list
    reps: int
    warmups: list = dataclasses.field(default_factory=list)
    spike_check: tuple = None
    timeout: float = 900
    # False for runs that only check another case's spike counts: no ratio is computed against them.
    compared: bool = True
    # (benchmark, neurons, duration): cases whose mean firing rates must agree statistically.
    rate_check: tuple = None


@dataclasses.dataclass
class Tools:
    """The programs the cases run; a missing Brian2 interpreter or C compiler drops their cases."""

    ranvier_python: str
    brian2_python: str
    c_binaries: dict  # optimisation flag ("-O3") -> compiled reference program
    work_dir: pathlib.Path
    # Brian2's standalone projects; kept between harness runs so make finds its objects (a cold
    # project compiles for 20-30 s, which the warm-ups would otherwise pay on every run).
    standalone_dir: pathlib.Path
    c_programs: dict = dataclasses.field(default_factory=dict)  # benchmark name -> compiled C reference


def lif_cases(settings: Settings, tools: Tools) -> list:
    """The per-neuron-parameter LIF under the C reference, Ranvier and Brian2's modes."""
    size = (settings.neurons, settings.duration)
    shape = [str(settings.neurons), repr(settings.duration)]
    cases = []
    for flag, binary in tools.c_binaries.items():
        primary = flag == "-O3"
        if primary or settings.c_variants:
            cases.append(Case(("lif", f"c{flag}"), f"C, gcc {flag}", [binary, *shape], settings.reps if primary else 1,
                              spike_check=size))
    if "-O3" in tools.c_binaries and settings.c_variants:
        cases.append(Case(("lif", "c-O3-record"), "C, gcc -O3, recording (i, t) like a SpikeMonitor",
                          [tools.c_binaries["-O3"], *shape, "--record"], 1, spike_check=size))
    cases.append(Case(("lif", "ranvier"), "Ranvier", _lif_command(tools.ranvier_python, "ranvier", None, *size),
                      settings.reps, spike_check=size))
    if settings.ranvier_variants:
        # Threads must not change a single spike; single precision may.
        cases.append(Case(("lif", "ranvier-2-threads"), "Ranvier, 2 threads",
                          _lif_command(tools.ranvier_python, "ranvier", None, *size) + ["--threads", "2"],
                          settings.reps, spike_check=size, compared=False))
        cases.append(Case(("lif", "ranvier-float32"), "Ranvier, float32",
                          _lif_command(tools.ranvier_python, "ranvier", None, *size) + ["--float32"],
                          settings.reps, compared=False))
    if tools.brian2_python:
        cases += [_brian2_lif_case(settings, tools, mode) for mode in settings.brian2_modes]
        if "numpy" in settings.brian2_modes and settings.numpy_duration != settings.duration and "-O3" in tools.c_binaries:
            cases.append(Case(("lif", "c-O3-numpy-duration"), "C, gcc -O3 (at Brian2 numpy's duration, count check)",
                              [tools.c_binaries["-O3"], str(settings.neurons), repr(settings.numpy_duration)], 1,
                              spike_check=(settings.neurons, settings.numpy_duration), compared=False))
    return cases


def _lif_command(python, simulator, mode, neurons, duration, build_dir=None) -> list:
    command = [python, str(LIF_SCRIPT), "--simulator", simulator, "--neurons", str(neurons),
               "--duration", repr(duration)]
    if mode:
        command += ["--target", mode]
    if build_dir:
        command += ["--build-dir", str(build_dir)]
    return command


def _brian2_lif_case(settings: Settings, tools: Tools, mode: str) -> Case:
    """Brian2 in one mode. Cython and standalone first run a 1 ms simulation of the same size, which fills
    the compiled-code cache (standalone: make's objects) so the timed runs are warm. Numpy is slow
    enough to be timed once over a shorter simulated time."""
    build_dir = tools.standalone_dir / "lif" if mode == "cpp_standalone" else None
    duration = settings.numpy_duration if mode == "numpy" else settings.duration
    command = _lif_command(tools.brian2_python, "brian2", mode, settings.neurons, duration, build_dir)
    warmups = []
    if mode != "numpy":
        warmups.append(_lif_command(tools.brian2_python, "brian2", mode, settings.neurons, 0.001, build_dir))
    reps = 1 if mode == "numpy" else max(1, settings.reps - 1) if mode == "cpp_standalone" else settings.reps
    return Case(("lif", f"brian2-{mode}"), f"Brian2 {mode}", command, reps, warmups,
                spike_check=(settings.neurons, duration))


def seed_script_paths() -> list:
    return sorted(SEED_SCRIPTS.glob("*.py"))


def seed_cases(settings: Settings, tools: Tools) -> list:
    """Every seed script, end to end, without and (optionally) with its plots, under each simulator and mode.
    Standalone is timed without plots only: its plotting is the same Python code as the other modes'."""
    folder = tools.work_dir / "seed_variants"
    folder.mkdir(parents=True, exist_ok=True)
    cases = []
    for path in seed_script_paths():
        for plots in (False, True) if settings.seed_plots else (False,):
            cases.append(_seed_case(path, folder, tools.ranvier_python, "ranvier", "engine", plots, settings.seed_reps))
            if not tools.brian2_python:
                continue
            for mode in settings.seed_brian2_modes:
                if mode == "cpp_standalone" and plots:
                    continue
                reps = max(1, settings.seed_reps - 1) if mode == "cpp_standalone" else settings.seed_reps
                cases.append(_seed_case(path, folder, tools.brian2_python, "brian2", mode, plots, reps,
                                        tools.standalone_dir / path.stem))
    return cases


def _seed_case(path, folder, python, simulator, mode, plots, reps, build_dir=None) -> Case:
    """Every seed case runs once untimed first: compiled-code caches and .pyc files are then warm."""
    variant = scripts.write_variant(path, folder, simulator, mode, plots, str(build_dir) if build_dir else None)
    command = [python, str(variant)]
    label = "Ranvier" if simulator == "ranvier" else f"Brian2 {mode}"
    return Case(("seed", path.stem, plots, simulator, mode), label, command, reps, warmups=[command])


def import_cases(settings: Settings, tools: Tools) -> list:
    """Process time of importing each package, and of an interpreter doing nothing, for reference."""
    cases = [
        Case(("import", "ranvier"), "python -c 'import ranvier'", [tools.ranvier_python, "-c", "import ranvier"],
             settings.import_reps, warmups=[[tools.ranvier_python, "-c", "import ranvier"]]),
        Case(("import", "ranvier-python"), "python -c 'pass' (Ranvier's interpreter)", [tools.ranvier_python, "-c", "pass"],
             settings.import_reps),
    ]
    if tools.brian2_python:
        cases += [
            Case(("import", "brian2"), "python -c 'import brian2'", [tools.brian2_python, "-c", "import brian2"],
                 settings.import_reps, warmups=[[tools.brian2_python, "-c", "import brian2"]]),
            Case(("import", "brian2-python"), "python -c 'pass' (Brian2's interpreter)", [tools.brian2_python, "-c", "pass"],
                 settings.import_reps),
        ]
    return cases
