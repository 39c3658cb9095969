"""Run one Brian2-syntax script under a chosen backend and save what it simulated to an .npz file.

Usage: python run_script.py --backend {brian2,ranvier} --out results.npz [--seed N] script.py

The same file runs under Brian2 (in the oracle's virtual environment) and under Ranvier (in the
project's environment), so it imports neither package itself: the script's own import line decides.
Objects are recognised by class name, which both packages share, never by isinstance.

Saved keys (all float64 arrays in SI units):
    <monitor>.i, <monitor>.t, <monitor>.count       every SpikeMonitor bound to a global name (i and t
                                                    unless record=False)
    <monitor>.<var>                                 each variable a SpikeMonitor records at the spikes
    <monitor>.t, <monitor>.<var>                    every StateMonitor (one row per recorded index)
    <monitor>.t, <monitor>.rate, <monitor>.smooth_flat, <monitor>.smooth_gaussian
                                                    every PopulationRateMonitor (smoothed over 1 ms / 0.5 ms)
    <group>.<var>                                   every NeuronGroup's state variables
    <synapses>.i, <synapses>.j, <synapses>.<var>    every Synapses object's synapses and synaptic variables,
                                                    sorted by (i, j) (stable), so that the comparison does
                                                    not depend on the order in which synapses were created
    _meta.dt, _meta.t                               the default clock's step and final time
"""

import argparse
import re
import sys

import numpy as np

BRIAN2_IMPORT = re.compile(r"^from brian2 import \*[ \t]*$", re.MULTILINE)

# Group bookkeeping that every group has and that says nothing about the model's behaviour.
GROUP_BOOKKEEPING = {"N", "i", "t", "dt", "t_in_timesteps"}

# Synapses' bookkeeping besides the group's: sizes and synapse counts derived from i and j.
SYNAPSES_BOOKKEEPING = GROUP_BOOKKEEPING | {"j", "N_pre", "N_post", "N_incoming", "N_outgoing"}


def prepare_source(source: str, backend: str) -> str:
    """Returns the script text to execute under `backend`, keeping line numbers unchanged."""
    if not BRIAN2_IMPORT.search(source):
        raise SystemExit("run_script: the script has no line `from brian2 import *`")
    if backend == "ranvier":
        return BRIAN2_IMPORT.sub("from ranvier import *", source)
    # Brian2's numpy target needs no compiler and gives the same results as its other targets for
    # these models; appending on the same line keeps traceback line numbers right.
    return BRIAN2_IMPORT.sub("from brian2 import *; prefs.codegen.target = 'numpy'", source)


def class_names(obj) -> set:
    """Names of the object's class and its bases, so a subclass still counts as a monitor."""
    return {cls.__name__ for cls in type(obj).__mro__}


def as_si_array(value) -> np.ndarray:
    """A plain float64 copy of a value; Quantities of both packages store SI values already."""
    return np.array(np.asarray(value), dtype=np.float64)


def spike_monitor_results(name: str, monitor) -> dict:
    results = {f"{name}.count": as_si_array(monitor.count)}
    if monitor.record:
        results[f"{name}.i"] = as_si_array(monitor.i)
        results[f"{name}.t"] = as_si_array(monitor.t)
    for variable in sorted(set(monitor.record_variables) - {"i", "t"}):
        results[f"{name}.{variable}"] = as_si_array(getattr(monitor, variable))
    return results


def state_monitor_results(name: str, monitor) -> dict:
    results = {f"{name}.t": as_si_array(monitor.t)}
    for variable in monitor.record_variables:
        results[f"{name}.{variable}"] = as_si_array(getattr(monitor, variable))
    return results


def rate_monitor_results(name: str, monitor) -> dict:
    results = {f"{name}.t": as_si_array(monitor.t), f"{name}.rate": as_si_array(monitor.rate)}
    if len(monitor.t) > 1:
        step = monitor.t[1] - monitor.t[0]
        results[f"{name}.smooth_flat"] = as_si_array(monitor.smooth_rate("flat", 10 * step))
        results[f"{name}.smooth_gaussian"] = as_si_array(monitor.smooth_rate("gaussian", 5 * step))
    return results


def neuron_group_results(name: str, group) -> dict:
    get_states = getattr(group, "get_states", None)
    if get_states is None:
        # The comparison then reports these variables as missing, after comparing the monitors.
        return {}
    states = get_states(units=False)
    return {
        f"{name}.{variable}": as_si_array(value)
        for variable, value in states.items()
        if variable not in GROUP_BOOKKEEPING
    }


def synapses_results(name: str, synapses) -> dict:
    """i, j and the synapses' own variables (not the neurons' variables they can also read as
    x_pre, x_post or x), each per-synapse array in the (i, j) order of the synapses."""
    states = synapses.get_states(units=False)
    neuron_variables = set(synapses.target.get_states(units=False))
    pre, post = as_si_array(states["i"]), as_si_array(states["j"])
    order = np.lexsort((post, pre))  # lexsort is stable: synapses of the same pair keep their order
    results = {f"{name}.i": pre[order], f"{name}.j": post[order]}
    for variable, value in states.items():
        if (variable in SYNAPSES_BOOKKEEPING or variable.endswith(("_pre", "_post"))
                or variable in neuron_variables):
            continue
        values = as_si_array(value)
        results[f"{name}.{variable}"] = values[order] if values.shape == pre.shape else values
    return results


def collect_results(namespace: dict) -> dict:
    """Everything the harness compares, taken from the script's final global names."""
    collectors = (
        ("SpikeMonitor", spike_monitor_results),
        ("StateMonitor", state_monitor_results),
        ("PopulationRateMonitor", rate_monitor_results),
        ("NeuronGroup", neuron_group_results),
        ("Synapses", synapses_results),
    )
    results = {}
    for name, obj in sorted(namespace.items()):
        if name.startswith("_"):
            continue
        kinds = class_names(obj)
        for kind, collect in collectors:
            if kind in kinds:
                results.update(collect(name, obj))
                break
    clock = namespace["defaultclock"]
    results["_meta.dt"] = as_si_array(clock.dt)
    results["_meta.t"] = as_si_array(clock.t)
    return results


def use_headless_plotting() -> None:
    """Lets scripts that plot run without a display; matplotlib is optional for model scripts."""
    try:
        import matplotlib
    except ImportError:
        return
    matplotlib.use("Agg")


def run(script_path: str, backend: str, seed) -> dict:
    """Executes the script as `__main__` and returns its collected results."""
    use_headless_plotting()
    with open(script_path, encoding="utf-8") as handle:
        source = prepare_source(handle.read(), backend)
    module = __import__(backend)
    if seed is not None:
        module.seed(seed)
    namespace = {"__name__": "__main__", "__file__": script_path}
    exec(compile(source, script_path, "exec"), namespace)
    return collect_results(namespace)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("brian2", "ranvier"), required=True)
    parser.add_argument("--out", required=True, help="path of the .npz file to write")
    parser.add_argument("--seed", type=int, default=None, help="seed the backend's generator first")
    parser.add_argument("script")
    args = parser.parse_args(argv)
    results = run(args.script, args.backend, args.seed)
    np.savez(args.out, **results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
