"""The issue's performance targets, checked against the measurements, and the spike-count agreement."""

IMPORT_LIMIT_SECONDS = 0.5
C_RATIO_LIMIT = 2.0


def evaluate(results: dict, settings) -> list:
    """(target, measured, verdict) rows; a target whose measurements are missing says so."""
    return [_c_ratio(results, settings), _cython_ratio(results), _import_time(results), _seed_scripts(results)]


def _median(results, key, field):
    result = results.get(key)
    return result.median(field) if result and result.successful else None


def _c_ratio(results, settings):
    target = f"LIF, {settings.neurons:,} neurons: Ranvier's loop within {C_RATIO_LIMIT:g}x of the C program (gcc -O3)"
    ranvier, c = _median(results, ("lif", "ranvier"), "loop_seconds"), _median(results, ("lif", "c-O3"), "loop_seconds")
    if ranvier is None or c is None:
        return target, "not measured", "not measured"
    ratio = ranvier / c
    cpu = _median(results, ("lif", "ranvier"), "run_cpu_seconds"), _median(results, ("lif", "c-O3"), "loop_cpu_seconds")
    cpu_text = f"; CPU {cpu[0] / cpu[1]:.2f}x" if None not in cpu else ""
    measured = f"{ranvier:.2f} s vs {c:.2f} s wall = {ratio:.2f}x{cpu_text}"
    verdict = "met" if ratio <= C_RATIO_LIMIT else f"missed: {ratio / C_RATIO_LIMIT:.2f}x over the limit"
    return target, measured, verdict


def _cython_ratio(results):
    target = "LIF: Ranvier's loop faster than Brian2's cython target"
    ranvier = _median(results, ("lif", "ranvier"), "loop_seconds")
    cython = _median(results, ("lif", "brian2-cython"), "loop_seconds")
    if ranvier is None or cython is None:
        return target, "not measured", "not measured"
    measured = f"{ranvier:.2f} s vs {cython:.2f} s wall = {ranvier / cython:.2f}x"
    verdict = "met" if ranvier < cython else f"missed: Ranvier {ranvier / cython:.2f}x slower"
    return target, measured, verdict


def _import_time(results):
    target = f"`import ranvier` under {IMPORT_LIMIT_SECONDS:g} s"
    whole = _median(results, ("import", "ranvier"), "wall_seconds")
    if whole is None:
        return target, "not measured", "not measured"
    bare = _median(results, ("import", "ranvier-python"), "wall_seconds")
    measured = f"{whole:.3f} s whole process" + (f" ({whole - bare:.3f} s beyond a bare interpreter)" if bare else "")
    verdict = "met" if whole < IMPORT_LIMIT_SECONDS else f"missed by {whole - IMPORT_LIMIT_SECONDS:.3f} s"
    return target, measured, verdict


def fastest_brian2_seed(seeds: dict, script: str, plots: bool):
    """The fastest median of Brian2's modes for one seed script variant (None when none ran)."""
    times = [result.median("wall_seconds") for key, result in seeds.items()
             if key[1:4] == (script, plots, "brian2") and result.successful]
    return min(times) if times else None


def _seed_scripts(results):
    target = "each seed script end to end faster under Ranvier than under Brian2 in any mode"
    seeds = {key: result for key, result in results.items() if key[0] == "seed"}
    compared, slower, failed = 0, [], []
    for key, result in seeds.items():
        if key[3] != "ranvier":
            continue
        name = f"{key[1]}{' (plots)' if key[2] else ''}"
        if not result.successful:
            failed.append(name)
            continue
        fastest = fastest_brian2_seed(seeds, key[1], key[2])
        if fastest is None:
            continue
        compared += 1
        ranvier = result.median("wall_seconds")
        if ranvier >= fastest:
            slower.append(f"{name} {ranvier / fastest:.2f}x")
    if not compared and not failed:
        return target, "not measured", "not measured"
    measured = f"{compared} script variants compared"
    if failed:
        measured += f"; failing under Ranvier: {', '.join(failed)}"
    if slower or failed:
        return target, measured, "missed" + (f": slower for {', '.join(slower)}" if slower else "")
    return target, measured, "met"


def spike_count_groups(results: dict) -> list:
    """For each model size: (size, [(label, total, checksum)], whether every run of every case agrees)."""
    groups = {}
    for result in results.values():
        size = result.case.spike_check
        if size is None:
            continue
        for run in result.successful:
            groups.setdefault(size, []).append((result.case.label, run.values.get("total_spikes"),
                                                run.values.get("count_checksum")))
    summary = []
    for size, rows in groups.items():
        distinct_rows = list(dict.fromkeys(rows))
        agree = len({(total, checksum) for _, total, checksum in rows}) == 1 and None not in rows[0][1:]
        summary.append((size, distinct_rows, agree))
    return summary
