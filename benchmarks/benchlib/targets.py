"""The issue's performance targets, checked against the measurements, and the spike-count and rate
agreement between programs."""

from .models import RATE_TOLERANCE

IMPORT_LIMIT_SECONDS = 0.5
C_RATIO_LIMIT = 2.0
SEED_LIMIT_SECONDS = 0.3
SEED_SPEEDUP = 5.0
CUBA_TARGET_NEURONS = 4000
CUBA_C_RATIO_LIMIT = 1.5
CUBA_STANDALONE_SPEEDUP = 2.0
CUBA_PROCESS_LIMIT_SECONDS = 0.5
CONNECT_LIMIT_SECONDS = 0.5
CONNECT_SYNAPSES = 5_000_000
LINEAR_LIMIT = 1.5  # loop time per neuron at the largest size over that at 4,000 neurons
BRIAN2_PROGRAMS = ("brian2-numpy", "brian2-cython", "brian2-cpp_standalone")


def evaluate(results: dict, settings) -> list:
    """(target, measured, verdict) rows; a target whose measurements are missing says so. The issue's
    targets first, then the earlier ones of the LIF benchmark and the import."""
    return [_seed_script_targets(results), _cuba_c_ratio(results), _cuba_standalone_ratio(results),
            _cuba_process(results), _cobahh_standalone(results), _cuba_linear(results), _cuba_connect(results),
            _cuba_memory(results),
            ("no regression of any differential test", "not measured by the benchmarks: run the test suite",
             "see tests/"),
            _c_ratio(results, settings), _cython_ratio(results), _import_time(results), _seed_scripts(results)]


def _model(results, name, neurons, program, field):
    """A median of one network benchmark case, None when it did not run."""
    return _median(results, ("model", name, neurons, program), field)


def _over(ratio, limit) -> str:
    return "met" if ratio <= limit else f"missed by {ratio / limit:.2f}x ({ratio:.2f}x against {limit:.2f}x)"


def _seed_script_targets(results):
    target = (f"each seed script without plots, whole process: <= {SEED_LIMIT_SECONDS:g} s and at least "
              f"{SEED_SPEEDUP:g}x faster than Brian2's fastest warm mode")
    seeds = {key: result for key, result in results.items() if key[0] == "seed"}
    rows, misses = [], []
    for key, result in sorted(seeds.items(), key=lambda item: str(item[0])):
        if key[2] or key[3] != "ranvier" or not result.successful:
            continue
        ranvier = result.median("wall_seconds")
        fastest = fastest_brian2_seed(seeds, key[1], False)
        speedup = fastest / ranvier if fastest else None
        rows.append(f"{key[1]} {ranvier:.3f} s" + (f" ({speedup:.1f}x)" if speedup else ""))
        if ranvier > SEED_LIMIT_SECONDS:
            misses.append(f"{key[1]} {ranvier:.4f} s, {ranvier - SEED_LIMIT_SECONDS:.4f} s over")
        if speedup is not None and speedup < SEED_SPEEDUP:
            misses.append(f"{key[1]} only {speedup:.1f}x")
    if not rows:
        return target, "not measured", "not measured"
    return target, "; ".join(rows), "met" if not misses else "missed: " + ", ".join(misses)


def _cuba_c_ratio(results):
    n = CUBA_TARGET_NEURONS
    target = f"CUBA N={n:,}, simulation loop: <= {CUBA_C_RATIO_LIMIT:g}x the C reference"
    ranvier, c = _model(results, "cuba", n, "ranvier", "loop_seconds"), _model(results, "cuba", n, "c", "loop_seconds")
    if ranvier is None or c is None:
        return target, "not measured", "not measured"
    return target, f"{ranvier:.3f} s vs {c:.3f} s = {ranvier / c:.2f}x", _over(ranvier / c, CUBA_C_RATIO_LIMIT)


def _faster_than_standalone(results, name, neurons, speedup):
    """(measured, verdict) of Ranvier's loop against `speedup` times Brian2 cpp_standalone's loop."""
    ranvier = _model(results, name, neurons, "ranvier", "loop_seconds")
    standalone = _model(results, name, neurons, "brian2-cpp_standalone", "loop_seconds")
    if ranvier is None or standalone is None:
        return "not measured", "not measured"
    measured = f"{ranvier:.3f} s vs {standalone:.3f} s = {standalone / ranvier:.2f}x faster"
    if standalone / ranvier >= speedup:
        return measured, "met"
    return measured, f"missed: {ranvier * speedup / standalone:.2f}x too slow for {speedup:g}x"


def _cuba_standalone_ratio(results):
    n = CUBA_TARGET_NEURONS
    target = f"CUBA N={n:,}, simulation loop: at least {CUBA_STANDALONE_SPEEDUP:g}x faster than Brian2 cpp_standalone's"
    return (target, *_faster_than_standalone(results, "cuba", n, CUBA_STANDALONE_SPEEDUP))


def _cuba_process(results):
    n = CUBA_TARGET_NEURONS
    target = f"CUBA N={n:,}, whole process: <= {CUBA_PROCESS_LIMIT_SECONDS:g} s"
    ranvier = _model(results, "cuba", n, "ranvier", "wall_seconds")
    if ranvier is None:
        return target, "not measured", "not measured"
    brian2 = [_model(results, "cuba", n, program, "wall_seconds") for program in BRIAN2_PROGRAMS[1:]]
    brian2 = [value for value in brian2 if value is not None]
    measured = f"{ranvier:.3f} s" + (f" (Brian2's fastest warm mode {min(brian2):.2f} s)" if brian2 else "")
    verdict = "met" if ranvier <= CUBA_PROCESS_LIMIT_SECONDS else f"missed by {ranvier - CUBA_PROCESS_LIMIT_SECONDS:.3f} s"
    return target, measured, verdict


def _cobahh_standalone(results):
    sizes = sorted({key[2] for key in results if key[:2] == ("model", "cobahh")})
    n = 4000 if 4000 in sizes else (sizes[-1] if sizes else 4000)
    target = f"COBAHH N={n:,}, simulation loop: faster than Brian2 cpp_standalone's"
    return (target, *_faster_than_standalone(results, "cobahh", n, 1.0))


def cuba_sizes(results) -> list:
    return sorted({key[2] for key in results if key[:2] == ("model", "cuba")})


def per_neuron_loop_ratio(results, program):
    """Loop time per neuron at the largest CUBA size over that at 4,000 neurons (or the smallest)."""
    sizes = [n for n in cuba_sizes(results) if _model(results, "cuba", n, program, "loop_seconds") is not None]
    if len(sizes) < 2:
        return None
    base = CUBA_TARGET_NEURONS if CUBA_TARGET_NEURONS in sizes[:-1] else sizes[0]
    cost = {n: _model(results, "cuba", n, program, "loop_seconds") / n for n in (base, sizes[-1])}
    return base, sizes[-1], cost[sizes[-1]] / cost[base]


def _cuba_linear(results):
    target = (f"CUBA scaling: cost linear in N (loop time per neuron at the largest size <= {LINEAR_LIMIT:g}x "
              "that at 4,000, or within 1.1x of the C program's own growth)")
    ranvier = per_neuron_loop_ratio(results, "ranvier")
    if ranvier is None:
        return target, "not measured", "not measured"
    base, largest, ratio = ranvier
    c = per_neuron_loop_ratio(results, "c")
    measured = f"per-neuron loop cost at N={largest:,} / at N={base:,}: Ranvier {ratio:.2f}x"
    limit = LINEAR_LIMIT
    if c:
        measured += f", C {c[2]:.2f}x"
        limit = max(limit, 1.1 * c[2])
    return target, measured, _over(ratio, limit)


def _cuba_connect(results):
    target = f"connect() of {CONNECT_SYNAPSES / 1e6:g} million synapses under {CONNECT_LIMIT_SECONDS:g} s"
    sizes = [n for n in cuba_sizes(results)
             if (_model(results, "cuba", n, "ranvier", "synapses") or 0) >= 0.9 * CONNECT_SYNAPSES]
    if not sizes:
        return target, "not measured", "not measured"
    n = sizes[0]
    seconds = _model(results, "cuba", n, "ranvier", "connect_seconds")
    synapses = _model(results, "cuba", n, "ranvier", "synapses")
    others = [(label, _model(results, "cuba", n, program, "connect_seconds"))
              for label, program in (("C", "c"), ("Brian2 cython", "brian2-cython"), ("Brian2 numpy", "brian2-numpy"))]
    measured = f"CUBA N={n:,} ({synapses / 1e6:.2f} M synapses): {seconds:.3f} s" + "".join(
        f"; {label} {value:.3f} s" for label, value in others if value is not None)
    verdict = "met" if seconds < CONNECT_LIMIT_SECONDS else f"missed by {seconds - CONNECT_LIMIT_SECONDS:.3f} s"
    return target, measured, verdict


def bytes_per_synapse(results, program):
    """Growth of the construction-time peak RSS between the two largest CUBA sizes, per added synapse
    (the standalone binary's peak RSS for cpp_standalone); None without both sizes."""
    field = "children_peak_rss_mib" if program == "brian2-cpp_standalone" else "construction_peak_rss_mib"
    sizes = [n for n in cuba_sizes(results) if _model(results, "cuba", n, program, field)
             and _model(results, "cuba", n, program, "synapses")]
    if len(sizes) < 2:
        return None
    small, large = sizes[-2], sizes[-1]
    memory = _model(results, "cuba", large, program, field) - _model(results, "cuba", small, program, field)
    synapses = _model(results, "cuba", large, program, "synapses") - _model(results, "cuba", small, program, "synapses")
    return memory * 2**20 / synapses if synapses > 0 else None


def _cuba_memory(results):
    target = "memory per synapse no more than Brian2's (CUBA, growth of peak RSS between the two largest sizes)"
    ranvier = bytes_per_synapse(results, "ranvier")
    brian2 = {program: bytes_per_synapse(results, program) for program in BRIAN2_PROGRAMS}
    brian2 = {program: value for program, value in brian2.items() if value is not None}
    if ranvier is None or not brian2:
        return target, "not measured" if ranvier is None else f"Ranvier {ranvier:.1f} B", "not measured"
    measured = f"Ranvier {ranvier:.1f} B; " + "; ".join(f"{program.replace('brian2-', 'Brian2 ')} {value:.1f} B"
                                                       for program, value in brian2.items())
    least = min(brian2.values())
    verdict = "met" if ranvier <= least else f"missed: {ranvier / least:.2f}x Brian2's smallest"
    return target, measured, verdict


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


def rate_groups(results: dict) -> list:
    """For each (benchmark, neurons, duration): (group, [(label, rate, total spikes, rate sd)], whether
    the rates agree). Where the C program measured the seed-to-seed spread of the rate (a row with a
    standard deviation; without C, Ranvier's runs with several seeds give it), every rate must be within
    RATE_TOLERANCE of that mean or 4 of those standard deviations; otherwise every spike count is compared with the first row's (the C program's) by
    `counts_agree`."""
    groups, samples = {}, {}
    for result in results.values():
        group = result.case.rate_check
        if group is None or not result.successful:
            continue
        groups.setdefault(group, []).append((result.case.label, result.printed("rate_hz"),
                                             result.printed("total_spikes"), result.printed("rate_sd_hz")))
        if result.case.key[-1] == "ranvier" or result.case.key[-1].startswith("ranvier-seed-"):
            samples.setdefault(group, []).append(result.printed("rate_hz"))
    summary = []
    for group, rows in groups.items():
        rates = [rate for rate in samples.get(group, []) if isinstance(rate, (int, float))]
        if len(rates) >= 3 and all(row[3] is None for row in rows):
            mean = sum(rates) / len(rates)
            spread = (sum((rate - mean) ** 2 for rate in rates) / (len(rates) - 1)) ** 0.5
            rows.append((f"Ranvier, mean over {len(rates)} seeds", mean, None, spread))
        rows.sort(key=lambda row: (row[3] is None, not row[0].startswith("C")))
        _, mean, reference, spread = rows[0]
        if spread is not None:
            agree = all(isinstance(rate, (int, float)) and abs(rate - mean) <= max(RATE_TOLERANCE * mean, 4 * spread)
                        for _, rate, _, _ in rows)
        else:
            agree = all(counts_agree(total, reference) for _, _, total, _ in rows)
        summary.append((group, rows, agree))
    return summary


def counts_agree(count, reference) -> bool:
    """Two spike counts of the same network size and duration agree when they differ by at most
    RATE_TOLERANCE of the reference or by 4 standard deviations of Poisson counting noise (which
    dominates in tiny runs)."""
    if not isinstance(count, int) or not isinstance(reference, int):
        return False
    return abs(count - reference) <= max(RATE_TOLERANCE * reference, 4 * (count + reference) ** 0.5)
