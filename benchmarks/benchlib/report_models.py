"""The report's sections on the network benchmarks (CUBA, COBAHH, STDP): phases and ratios per size,
CUBA's scaling and memory, and the rate checks. Also the phase table of any group of cases (the LIF
section uses it too)."""

from . import targets
from .formatting import format_ratio, format_seconds, per_simulated_second, simulated_seconds
from .models import RATE_TOLERANCE

PROGRAM_ORDER = ("c", "ranvier", "brian2-cpp_standalone", "brian2-cython", "brian2-numpy")
PHASES_EXPLAINED = (
    "Phases (wall seconds, medians): *import* is the star import; *construction* everything from there to "
    "`run()` (groups, `connect()`, monitors, initial values; the C program: allocation and connection), "
    "*connect* its `connect()` calls; *prepare* the part of `run()` before the time steps (Ranvier: the "
    "engine's preparation plus the Python side of `run()`; Brian2 numpy/cython: `Network.before_run`, "
    "i.e. code generation and loading the compiled cache; cpp_standalone: generating, compiling (make, "
    "warm) and starting the binary and reading its results back) and *loop* the time steps (Ranvier: "
    "`magic_network.last_run_timing['loop']`; cpp_standalone: the binary's own `_last_run_time`). "
    "*run() CPU* is the process's CPU time during `run()` (for C: the loop's). *Process* is from process "
    "start to exit as the harness sees it. *Peak RSS* is the process's maximum resident memory "
    "(cpp_standalone: the larger of the Python process and its children, the binary included).")


def sections(results: dict, settings, figure) -> list:
    """One section per network benchmark that ran, in the order of settings.models."""
    lines = []
    for benchmark in settings.models:
        keys = [key for key in results if key[:2] == ("model", benchmark.name)]
        if not keys:
            continue
        lines += [f"## {benchmark.title}", "", f"`benchmarks/{benchmark.script}`"
                  + (f" and `benchmarks/c/{benchmark.c_program}.c`" if benchmark.c_program else "")
                  + ". Phases as explained at the top.", ""]
        for neurons in sorted({key[2] for key in keys}):
            group = _ordered([results[key] for key in keys if key[2] == neurons and not key[3].startswith(("c-seeds", "ranvier-seed-"))])
            lines += [f"### N = {neurons:,}" + _synapse_note(group), ""]
            lines += phase_table(group) + [""] + ratio_table(group)
        if benchmark.name == "cuba" and len({key[2] for key in keys}) > 1:
            lines += _cuba_scaling(results, figure)
        lines += _rate_lines(results, benchmark.name)
    return lines


def _ordered(group: list) -> list:
    def rank(result):
        program = result.case.key[-1]
        return PROGRAM_ORDER.index(program) if program in PROGRAM_ORDER else len(PROGRAM_ORDER)
    return sorted(group, key=rank)


def _synapse_note(group) -> str:
    synapses = next((result.printed("synapses") for result in group if result.printed("synapses")), None)
    return f" ({synapses:,} synapses in Ranvier's run)" if isinstance(synapses, int) else ""


def _peak_rss(result):
    own, children = result.median("peak_rss_mib"), result.median("children_peak_rss_mib")
    if result.case.key[-1] == "brian2-cpp_standalone" and children:
        return max(own or 0, children)
    return own


def _mib(value) -> str:
    return "–" if value is None else f"{value:.0f}"


def phase_table(group: list) -> list:
    """The phases of each case of `group` (same model and size), one row per program."""
    lines = ["| program | runs | simulated (s) | import | construction | connect | prepare | loop wall | "
             "run() CPU | process wall | process CPU | peak RSS (MiB) | rate (Hz) / spikes |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for result in group:
        if not result.successful:
            lines.append(f"| {result.case.label} | 0 | failed | | | | | | | | | | |")
            continue
        run_cpu = result.median("run_cpu_seconds") or result.median("loop_cpu_seconds")
        rate = result.printed("rate_hz")
        activity = f"{rate:.2f}" if isinstance(rate, float) else str(result.printed("total_spikes"))
        cells = [result.case.label, str(len(result.successful)), f"{simulated_seconds(result):g}"]
        cells += [format_seconds(result.median(field)) for field in
                  ("import_seconds", "construction_seconds", "connect_seconds", "prepare_seconds", "loop_seconds")]
        cells += [format_seconds(run_cpu), format_seconds(result.median("wall_seconds")),
                  format_seconds(result.median("cpu_seconds")), _mib(_peak_rss(result)), activity]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


RATIO_FIELDS = (("import", "import_seconds"), ("construction", "construction_seconds"),
                ("prepare", "prepare_seconds"), ("loop wall", "loop_seconds"))


def ratio_table(group: list) -> list:
    """Ranvier's median phases divided by each other program's (below 1: Ranvier is faster). Runs of a
    different simulated duration (Brian2 numpy) are compared per simulated second for the loop and
    run() CPU only."""
    ranvier = next((result for result in group if result.case.key[-1] == "ranvier" and result.successful), None)
    others = [result for result in group if result is not ranvier and result.successful and result.case.compared]
    if not ranvier or not others:
        return []
    lines = ["Ratios Ranvier / other program (below 1 means Ranvier is faster):", "",
             "| compared with | " + " | ".join(label for label, _ in RATIO_FIELDS) +
             " | run() CPU | process wall | process CPU |", "|---|" + "---|" * (len(RATIO_FIELDS) + 3)]
    for other in others:
        same_duration = simulated_seconds(other) == simulated_seconds(ranvier)
        cells = []
        for _, field in RATIO_FIELDS:
            if field == "loop_seconds":
                cells.append(format_ratio(per_simulated_second(ranvier, field), per_simulated_second(other, field)))
            else:
                cells.append(format_ratio(ranvier.median(field), other.median(field)) if same_duration or
                             field != "prepare_seconds" else "–")
        other_cpu = "run_cpu_seconds" if other.median("run_cpu_seconds") is not None else "loop_cpu_seconds"
        cells.append(format_ratio(per_simulated_second(ranvier, "run_cpu_seconds"),
                                  per_simulated_second(other, other_cpu)))
        for field in ("wall_seconds", "cpu_seconds"):
            cells.append(format_ratio(ranvier.median(field), other.median(field)) if same_duration else "–")
        lines.append(f"| {other.case.label} | " + " | ".join(cells) + " |")
    return lines + [""]


def _cuba_scaling(results, figure) -> list:
    """Loop, process, connect and memory against N for every program, and the derived targets' inputs."""
    sizes = targets.cuba_sizes(results)
    programs = [program for program in PROGRAM_ORDER if any(("model", "cuba", n, program) in results for n in sizes)]
    labels = {program: next(results[("model", "cuba", n, program)].case.label for n in sizes
                            if ("model", "cuba", n, program) in results) for program in programs}
    lines = ["### CUBA scaling (p = 80/N)", ""]
    if figure:
        lines += [f"![CUBA loop and whole-process time against N]({figure.name})", ""]
    tables = (("loop wall (s per simulated second)", lambda r: per_simulated_second(r, "loop_seconds"), format_seconds),
              ("process wall (s; Brian2 numpy ran a shorter simulation)", lambda r: r.median("wall_seconds"),
               format_seconds),
              ("connect() (s)", lambda r: r.median("connect_seconds"), format_seconds),
              ("peak RSS after construction (MiB; cpp_standalone: its binary's peak)",
               lambda r: r.median("children_peak_rss_mib") if r.case.key[-1] == "brian2-cpp_standalone"
               else r.median("construction_peak_rss_mib"), _mib))
    header = "| N | synapses | " + " | ".join(labels[program] for program in programs) + " |"
    for title, value, show in tables:
        lines += [f"{title}:", "", header, "|---|---|" + "---|" * len(programs)]
        for n in sizes:
            row = [results.get(("model", "cuba", n, program)) for program in programs]
            synapses = next((r.printed("synapses") for r in row if r and r.printed("synapses")), None)
            cells = [show(value(r)) if r and r.successful else "–" for r in row]
            lines.append(f"| {n:,} | {synapses:,} | " if isinstance(synapses, int) else f"| {n:,} | – | ")
            lines[-1] += " | ".join(cells) + " |"
        lines.append("")
    per_synapse = [(labels[program], targets.bytes_per_synapse(results, program)) for program in programs]
    lines.append("Memory per synapse (growth of the peak RSS between the two largest sizes, divided by the added "
                 "synapses; it includes the neurons added too, a small share): " +
                 "; ".join(f"{label} {value:.1f} B" for label, value in per_synapse if value is not None) + ".")
    return lines + [""]


def _rate_lines(results, name) -> list:
    groups = [group for group in targets.rate_groups(results) if group[0][0] == name]
    if not groups:
        return []
    lines = ["Mean firing rates (Hz) and spike counts. The programs draw different random numbers, so the "
             "rates must agree statistically, not exactly: within "
             f"{RATE_TOLERANCE:.0%} or 4 standard deviations of the mean over several seeds where it was "
             f"measured (C program, or Ranvier without one), else within {RATE_TOLERANCE:.0%} or 4 standard deviations of Poisson counting "
             "noise of the first program's count:", ""]
    for (_, neurons, duration), rows, agree in sorted(groups, key=lambda group: group[0][1:]):
        verdict = "agree" if agree else "**DIFFER**"
        lines.append(f"- N = {neurons:,}, {duration:g} s: {verdict} — " + "; ".join(_rate_text(*row) for row in rows))
    return lines + [""]


def _rate_text(label, rate, total, spread) -> str:
    if spread is not None:
        return f"{label}: {rate:.3f} ± {spread:.3f} Hz"
    return f"{label}: {rate:.3f} Hz ({total} spikes)" if isinstance(rate, float) else f"{label}: {rate}"
