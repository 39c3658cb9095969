"""Writing RESULTS.md from the measurements: machine, targets, and one table per benchmark."""

from . import targets
from .cases import BRIAN2_MODES


def _code(text: str) -> str:
    """Inline Markdown code; double backticks let the text contain single ones."""
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def format_seconds(value) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def format_ratio(numerator, denominator) -> str:
    if numerator is None or not denominator:
        return "–"
    return f"{numerator / denominator:.2f}x"


def render(results: dict, settings, machine_rows: list, command_line: str, elapsed: float, loads: tuple,
           note: str = "") -> str:
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
    lines = [
        f"## 1. Per-neuron-parameter LIF: {settings.neurons:,} neurons, {settings.duration:g} s simulated, dt = 0.1 ms",
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
    lines += ["", "Spike counts (total, and the checksum sum((i+1)·count[i]) over neurons):", ""]
    for size, rows, agree in targets.spike_count_groups(results):
        verdict = "all agree" if agree else "**DISAGREE**"
        lines.append(f"- {size[0]:,} neurons, {size[1]:g} s: {verdict} — " +
                     "; ".join(f"{label}: {total} / {checksum}" for label, total, checksum in rows))
    return lines + [""]


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


def _duration_of(case) -> str:
    return case.command[case.command.index("--duration") + 1] if "--duration" in case.command else "–"


def simulated_seconds(result) -> float:
    return float(result.printed("duration") or _duration_of(result.case))


def per_simulated_second(result, field):
    """A median time divided by the simulated time of the case (for comparing different durations)."""
    value = result.median(field)
    return None if value is None else value / simulated_seconds(result)


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
        "## 2. Seed-note scripts end to end (process start to exit, wall seconds)",
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
    lines = ["## 3. Import time (whole process)", "", "| command | runs | wall (s) | CPU (s) |", "|---|---|---|---|"]
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
