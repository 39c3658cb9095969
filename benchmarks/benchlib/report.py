"""Writing RESULTS.md from the measurements: machine, targets, and one table per benchmark."""

from . import report_models, targets
from .cases import BRIAN2_MODES
from .formatting import format_ratio, format_seconds, per_simulated_second, simulated_seconds


def _code(text: str) -> str:
    """Inline Markdown code; double backticks let the text contain single ones."""
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def render(results: dict, settings, machine_rows: list, command_line: str, elapsed: float, loads: tuple,
           note: str = "", figure=None) -> str:
    """The whole report; `figure` is the CUBA scaling plot's file (None when none was drawn)."""
    lines = [
        "# Benchmark results",
        "",
        f"Written by {_code(command_line)} in {elapsed / 60:.1f} min. Every time is the median over the runs "
        "counted in its row; repetitions of different cases were interleaved (alternating order), and "
        "compiled-code caches were warmed by an untimed run first. *Wall* is elapsed time, *CPU* is the "
        "process's user+system time (less sensitive to other load on the machine). "
        "See benchmarks/README.md for what each number measures and benchmarks/PROFILE.md for where "
        "Ranvier's time goes.",
        "",
        report_models.PHASES_EXPLAINED,
        "",
        *([note, ""] if note else []),
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {label} | {value} |" for label, value in machine_rows],
        f"| load average (1, 5, 15 min) at start / end | {loads[0]} / {loads[1]} |",
        "",
    ]
    lines += _targets_section(results, settings)
    lines += _lif_section(results, settings)
    lines += report_models.sections(results, settings, figure)
    lines += _seed_section(results, settings)
    lines += _import_section(results)
    lines += _failures_section(results)
    return "\n".join(lines) + "\n"


def _targets_section(results, settings) -> list:
    lines = ["## Targets (from the issue)", "", "| target | measured | verdict |", "|---|---|---|"]
    for target, measured, verdict in targets.evaluate(results, settings):
        lines.append(f"| {target} | {measured} | {verdict} |")
    return lines + [""]


def _lif_section(results, settings) -> list:
    lif = [result for key, result in results.items() if key[0] == "lif"]
    if not lif:
        return []
    lines = [
        f"## Per-neuron-parameter LIF: {settings.neurons:,} neurons, {settings.duration:g} s simulated, dt = 0.1 ms",
        "",
        "`benchmarks/per_neuron_lif.py` (Brian2 syntax, SpikeMonitor on) and `benchmarks/c/per_neuron_lif.c`. "
        "*Loop* is the C program's timed loop, the wall time of `run()` for Ranvier, Brian2 numpy and cython "
        "(their `run()` includes preparing the code), and the standalone binary's own simulation time for "
        "cpp_standalone (whose `run()` also generates and compiles the program: shown as *run()*). "
        "*Process* is from process start to exit.",
        "",
        "| program | runs | loop wall (s) | loop CPU (s) | run() wall (s) | process wall (s) | process CPU (s) | simulated (s) | spikes |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for result in lif:
        lines.append(_lif_row(result))
    lines += ["", "Ratios of Ranvier's times to the others' (below 1 means Ranvier is faster; Brian2 numpy is "
              "compared per simulated second):", "",
              "| compared with | loop wall | loop CPU | process wall |", "|---|---|---|---|"]
    ranvier = results.get(("lif", "ranvier"))
    for result in lif:
        if (result is ranvier or not result.case.compared or not result.successful or not ranvier
                or not ranvier.successful):
            continue
        lines.append(_ratio_row(ranvier, result))
    lines += _ranvier_variant_lines(results, ranvier)
    lines += ["", "Phases (explained at the top):", ""] + report_models.phase_table(lif)
    lines += ["", "Spike counts (total, and the checksum sum((i+1)·count[i]) over neurons):", ""]
    for size, rows, agree in targets.spike_count_groups(results):
        verdict = "all agree" if agree else "**DISAGREE**"
        lines.append(f"- {size[0]:,} neurons, {size[1]:g} s: {verdict} — " +
                     "; ".join(f"{label}: {total} / {checksum}" for label, total, checksum in rows))
    return lines + [""]


def _ranvier_variant_lines(results, ranvier) -> list:
    """Ranvier's loop with two threads and with float32 storage, relative to its default run."""
    base = ranvier.median("loop_seconds") if ranvier and ranvier.successful else None
    lines = []
    for key, meaning in ((("lif", "ranvier-2-threads"), "two threads (`prefs.ranvier.threads = 2`)"),
                         (("lif", "ranvier-float32"), "float32 storage (`prefs.core.default_float_dtype = float32`)")):
        variant = results.get(key)
        if not base or not variant or not variant.successful:
            continue
        loop = variant.median("loop_seconds")
        lines.append(f"- Ranvier with {meaning}: loop {format_seconds(loop)} s, {base / loop:.2f}x the speed of "
                     f"the default run ({format_seconds(base)} s)")
    return ["", "Ranvier's options, same run:", ""] + lines if lines else []


def _lif_row(result) -> str:
    case = result.case
    if not result.successful:
        return f"| {case.label} | 0 | failed | | | | | | |"
    loop_cpu = result.median("loop_cpu_seconds")
    if loop_cpu is None and case.key[1] != "brian2-cpp_standalone":
        loop_cpu = result.median("run_cpu_seconds")
    run_wall = result.median("run_seconds")
    return (f"| {case.label} | {len(result.successful)} | {format_seconds(result.median('loop_seconds'))} | "
            f"{format_seconds(loop_cpu)} | {format_seconds(run_wall)} | {format_seconds(result.median('wall_seconds'))} | "
            f"{format_seconds(result.median('cpu_seconds'))} | {simulated_seconds(result):g} | "
            f"{result.printed('total_spikes')} |")


def _ratio_row(ranvier, other) -> str:
    def ratio(field, other_field=None):
        return format_ratio(per_simulated_second(ranvier, field), per_simulated_second(other, other_field or field))
    loop_cpu_field = "loop_cpu_seconds" if other.median("loop_cpu_seconds") is not None else "run_cpu_seconds"
    loop_cpu = "–" if other.case.key[1] == "brian2-cpp_standalone" else ratio("run_cpu_seconds", loop_cpu_field)
    process = ratio("wall_seconds") if other.case.key[1] != "brian2-numpy" else "–"
    return f"| {other.case.label} | {ratio('loop_seconds')} | {loop_cpu} | {process} |"


def _seed_section(results, settings) -> list:
    seeds = {key: result for key, result in results.items() if key[0] == "seed"}
    if not seeds:
        return []
    columns = [("ranvier", "engine")] + [("brian2", mode) for mode in BRIAN2_MODES
                                         if any(key[3:] == ("brian2", mode) for key in seeds)]
    header = ["script", "plots"] + ["Ranvier" if simulator == "ranvier" else f"Brian2 {mode}"
                                    for simulator, mode in columns] + ["Ranvier / fastest Brian2"]
    lines = [
        "## Seed-note scripts end to end (process start to exit, wall seconds)",
        "",
        "`benchmarks/seed_scripts/`, with only the import line changed (and Brian2's mode chosen on it). "
        "*plots*: the plotting lines kept and the figure rendered to PNG in memory, as a notebook does.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for script in sorted({key[1] for key in seeds}):
        for plots in (False, True):
            row = [seeds.get(("seed", script, plots) + column) for column in columns]
            if not any(row):
                continue
            cells = [_seed_cell(result) for result in row]
            fastest = targets.fastest_brian2_seed(seeds, script, plots)
            ranvier = row[0].median("wall_seconds") if row[0] else None
            lines.append(f"| {script} | {'yes' if plots else 'no'} | " + " | ".join(cells) +
                         f" | {format_ratio(ranvier, fastest)} |")
    return lines + [""]


def _seed_cell(result) -> str:
    if result is None:
        return "–"
    if not result.successful:
        return "failed"
    return f"{format_seconds(result.median('wall_seconds'))} (n={len(result.successful)})"


def _import_section(results) -> list:
    imports = [result for key, result in results.items() if key[0] == "import"]
    lines = ["## Import time (whole process)", "", "| command | runs | wall (s) | CPU (s) |", "|---|---|---|---|"]
    for result in imports:
        lines.append(f"| {result.case.label} | {len(result.successful)} | "
                     f"{format_seconds(result.median('wall_seconds'))} | {format_seconds(result.median('cpu_seconds'))} |")
    return lines + [""]


def _failures_section(results) -> list:
    failed = [result for result in results.values() if result.failure]
    if not failed:
        return []
    lines = ["## Failures", ""]
    for result in failed:
        detail = result.failure.strip().replace("\n", " ⏎ ")
        lines.append(f"- `{' / '.join(map(str, result.case.key))}` ({result.case.label}): {detail}")
    return lines + [""]
