"""Runs Ranvier's performance benchmarks and writes benchmarks/RESULTS.md.

    python benchmarks/run.py            full run (1M-neuron LIF, CUBA at five sizes, COBAHH, STDP, seed
                                        scripts, import time; ~15 min), writes RESULTS.md and cuba_scaling.png
    python benchmarks/run.py --smoke    tiny sizes, Ranvier + C (+ Brian2 numpy when available), < 60 s;
                                        writes its report to a temporary file unless --output is given

Run it with the interpreter of an environment where Ranvier is installed (`pip install .`). Brian2 runs
in its own interpreter, by default the oracle's `.venv-oracle/` (tests/oracle/setup_oracle.sh), with
Cython installed for its cython target. The exit status is non-zero when a benchmark failed or the
simulators counted different spikes. See benchmarks/README.md.
"""

import argparse
import os
import pathlib
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

from benchlib import machine, models, plot, report, schedule, targets
from benchlib.cases import BRIAN2_MODES, Settings, Tools, import_cases, lif_cases, seed_cases

BENCHMARKS = pathlib.Path(__file__).resolve().parent
REPOSITORY = BENCHMARKS.parent
C_SOURCE = BENCHMARKS / "c" / "per_neuron_lif.c"
C_MODEL_SOURCES = {"cuba": BENCHMARKS / "c" / "cuba.c"}  # benchmark name -> its C reference
# For the CPU it runs on, as Ranvier's engine (RANVIER_NATIVE_CPU, on by default) and Brian2's compiled code are.
C_MODEL_FLAGS = ("-O3", "-march=native")
MODEL_SECTIONS = ("cuba", "cobahh", "stdp")
SECTIONS = ("lif",) + MODEL_SECTIONS + ("seeds", "import")


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes and one repetition (for CI)")
    parser.add_argument("--only", action="append", choices=SECTIONS, help="run only these sections (repeatable)")
    parser.add_argument("--neurons", type=int, help="LIF size (default 1,000,000; smoke 2,000)")
    parser.add_argument("--duration", type=float, help="LIF simulated seconds (default 1; smoke 0.05)")
    parser.add_argument("--numpy-duration", type=float,
                        help="simulated seconds for Brian2's slow numpy target (default duration/10)")
    parser.add_argument("--reps", type=int,
                        help="timed repetitions of the LIF cases (default 3) and at most this many of each network size")
    parser.add_argument("--seed-reps", type=int, help="timed repetitions of each seed script (default 3)")
    parser.add_argument("--import-reps", type=int, help="timed repetitions of the imports (default 7)")
    parser.add_argument("--brian2-modes", help=f"comma-separated subset of {','.join(BRIAN2_MODES)}")
    parser.add_argument("--no-seed-plots", action="store_true", help="time the seed scripts without plots only")
    parser.add_argument("--ranvier-python", default=sys.executable,
                        help="interpreter with Ranvier installed (default: this one)")
    parser.add_argument("--brian2-python",
                        default=os.environ.get("RANVIER_BRIAN2_PYTHON") or str(REPOSITORY / ".venv-oracle" / "bin" / "python"),
                        help="interpreter with Brian2 installed, or 'none' to skip Brian2 (default: $RANVIER_BRIAN2_PYTHON, "
                             "else the repository's .venv-oracle)")
    parser.add_argument("--note", default="", help="text for the report's introduction (e.g. the commit Ranvier was built from)")
    parser.add_argument("--output", help="report file (default benchmarks/RESULTS.md; smoke: a temporary file)")
    parser.add_argument("--standalone-dir", default=str(default_standalone_dir()),
                        help="where Brian2's cpp_standalone projects are kept between runs (default: %(default)s)")
    parser.add_argument("--keep-work-dir", action="store_true", help="keep compiled programs and generated scripts")
    return parser.parse_args(argv)


def default_standalone_dir() -> pathlib.Path:
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return pathlib.Path(cache) / "ranvier-benchmarks" / "brian2-standalone"


def settings_from(arguments) -> Settings:
    smoke = arguments.smoke

    def choose(value, full, tiny):
        return value if value is not None else (tiny if smoke else full)

    duration = choose(arguments.duration, 1.0, 0.05)
    modes = tuple(arguments.brian2_modes.split(",")) if arguments.brian2_modes else (("numpy",) if smoke else BRIAN2_MODES)
    unknown = set(modes) - set(BRIAN2_MODES)
    if unknown:
        raise SystemExit(f"run.py: unknown Brian2 mode(s) {', '.join(sorted(unknown))}; choose from {', '.join(BRIAN2_MODES)}")
    return Settings(
        neurons=choose(arguments.neurons, 1_000_000, 2_000),
        duration=duration,
        numpy_duration=choose(arguments.numpy_duration, duration / 10, duration),
        reps=choose(arguments.reps, 3, 1),
        seed_reps=choose(arguments.seed_reps, 3, 1),
        import_reps=choose(arguments.import_reps, 7, 1),
        brian2_modes=modes,
        seed_brian2_modes=() if smoke else modes,
        seed_plots=not (smoke or arguments.no_seed_plots),
        c_variants=not smoke,
        ranvier_variants=not smoke,
        models=models.smoke_benchmarks() if smoke else models.full_benchmarks(arguments.reps),
    )


def compile_c_reference(work_dir: pathlib.Path, log) -> dict:
    """The C reference compiled at -O3 and -O2; an empty dict (and a message) without a working gcc."""
    binaries = {}
    for flag in ("-O3", "-O2"):
        binary = work_dir / f"per_neuron_lif{flag}"
        command = ["gcc", "-std=c11", flag, "-o", str(binary), str(C_SOURCE), "-lm"]
        try:
            subprocess.run(command, check=True, capture_output=True, text=True)
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"run.py: cannot compile the C reference ({error}); its cases are skipped", file=log)
            return {}
        binaries[flag] = str(binary)
    return binaries


def compile_c_models(work_dir: pathlib.Path, names, log) -> dict:
    """The C references of the network benchmarks in `names`, compiled with C_MODEL_FLAGS (name -> program)."""
    programs = {}
    for name in names:
        if name not in C_MODEL_SOURCES:
            continue
        binary = work_dir / name
        command = ["gcc", "-std=c11", *C_MODEL_FLAGS, "-o", str(binary), str(C_MODEL_SOURCES[name]), "-lm"]
        try:
            subprocess.run(command, check=True, capture_output=True, text=True)
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"run.py: cannot compile {C_MODEL_SOURCES[name].name} ({error}); its cases are skipped", file=log)
            continue
        programs[name] = str(binary)
    return programs


def brian2_interpreter(path: str, log):
    if path == "none":
        return None
    if not os.access(path, os.X_OK):
        print(f"run.py: no Brian2 interpreter at {path} (run tests/oracle/setup_oracle.sh); Brian2 is skipped",
              file=log)
        return None
    return path


def child_environment() -> dict:
    """Figures render off-screen; no PYTHONPATH leaks the source tree in place of the installed package."""
    env = dict(os.environ, MPLBACKEND="Agg")
    env.pop("PYTHONPATH", None)
    return env


def main(argv=None) -> int:
    arguments = parse_arguments(argv)
    settings = settings_from(arguments)
    sections = arguments.only or SECTIONS
    log = sys.stderr
    started, load_at_start = time.perf_counter(), machine.load_average()
    work_dir = pathlib.Path(tempfile.mkdtemp(prefix="ranvier-bench-"))
    try:
        brian2_python = brian2_interpreter(arguments.brian2_python, log)
        model_names = [name for name in MODEL_SECTIONS if name in sections]
        tools = Tools(arguments.ranvier_python, brian2_python,
                      compile_c_reference(work_dir, log) if "lif" in sections else {}, work_dir,
                      pathlib.Path(arguments.standalone_dir), compile_c_models(work_dir, model_names, log))
        cases = []
        if "lif" in sections:
            cases += lif_cases(settings, tools)
        for benchmark in settings.models:
            if benchmark.name in model_names:
                cases += models.model_cases(benchmark, settings, tools)
        if "seeds" in sections:
            cases += seed_cases(settings, tools)
        if "import" in sections:
            cases += import_cases(settings, tools)
        results = schedule.run_all(cases, child_environment(), log)
        command_line = "python benchmarks/run.py " + " ".join(map(shlex.quote, argv if argv is not None else sys.argv[1:]))
        output = output_path(arguments)
        # Before the plot is written: the commit's "uncommitted changes" mark must not count this run's own output.
        machine_rows = machine.describe(str(REPOSITORY), arguments.ranvier_python, brian2_python)
        figure = plot.cuba_scaling(results, output.parent / "cuba_scaling.png", log)
        text = report.render(results, settings, machine_rows, command_line.strip(), time.perf_counter() - started,
                             (load_at_start, machine.load_average()), arguments.note, figure)
    finally:
        if not arguments.keep_work_dir:
            shutil.rmtree(work_dir, ignore_errors=True)
        else:
            print(f"run.py: work files kept in {work_dir}", file=log)
    output.write_text(text)
    print(f"run.py: report written to {output}", file=log)
    return exit_status(results, log)


def output_path(arguments) -> pathlib.Path:
    """The report file: --output, else RESULTS.md (a temporary file for --smoke). The plot goes next to it."""
    if arguments.output:
        return pathlib.Path(arguments.output)
    if arguments.smoke:
        return pathlib.Path(tempfile.gettempdir()) / "ranvier-bench-smoke.md"
    return BENCHMARKS / "RESULTS.md"


def exit_status(results: dict, log) -> int:
    """1 when a case failed, spike counts disagree or mean rates differ beyond the tolerance, so CI
    notices a broken benchmark."""
    failed = [" / ".join(map(str, key)) for key, result in results.items() if result.failure]
    disagreeing = [size for size, _, agree in targets.spike_count_groups(results) if not agree]
    rates_differ = [group for group, _, agree in targets.rate_groups(results) if not agree]
    for key in failed:
        print(f"run.py: FAILED {key}", file=log)
    for size in disagreeing:
        print(f"run.py: spike counts DISAGREE for {size[0]} neurons, {size[1]} s", file=log)
    for name, neurons, duration in rates_differ:
        print(f"run.py: mean rates DIFFER beyond the tolerance for {name}, {neurons} neurons, "
              f"{duration} s", file=log)
    return 1 if failed or disagreeing or rates_differ else 0


if __name__ == "__main__":
    sys.exit(main())
