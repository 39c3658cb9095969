"""Cost of an empty network_operation called at every time step, per call, in Ranvier and Brian2.

Model: the per-neuron-parameter LIF of per_neuron_lif.py with 1,000 neurons (dt = 0.1 ms). One
network runs alternately without and with ``@network_operation def nothing(): pass`` (switched
on and off with its ``active`` flag; repetitions
interleaved, after an untimed warm-up run of each); the cost per call is the difference of the
median loop times divided by the number of steps; and the time per step of a network holding only
an empty operation (an upper bound of the call's cost, without the noise of the LIF's loop). Brian2 runs its runtime (numpy) target, in the
oracle's interpreter.

Usage:
    python benchmarks/network_operation_overhead.py [--duration 1.0] [--reps 5] [--brian2-python PATH|none]
    python benchmarks/network_operation_overhead.py --simulator {ranvier,brian2} [--target numpy] ...

The first form runs both simulators and prints a table; the second (used by the first) prints
``key=value`` lines: ``loop_plain_seconds``, ``loop_operation_seconds``, ``steps``, ``per_call_us``,
``alone_per_step_us``.
"""

import os
import pathlib
import statistics
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent


def measure():
    from benchscript import Benchmark

    bench = Benchmark.from_command_line(__doc__, neurons=1000, duration=1.0,
                                        extra=lambda parser: parser.add_argument("--reps", type=int, default=5))
    if bench.simulator == "ranvier":
        import ranvier as simulator
    else:
        import brian2 as simulator
    bench.imported()
    ms, second = simulator.ms, simulator.second

    group = simulator.NeuronGroup(bench.arguments.neurons, "dv/dt = (v0-v)/(10*ms) : 1 (unless refractory)\nv0 : 1",
                                  threshold="v>1", reset="v=0", refractory=5 * ms, method="exact")
    group.v0 = "i*3.0/(N-1)"

    @simulator.network_operation
    def nothing():
        pass

    network = simulator.Network(group, nothing)
    alone = simulator.Network(simulator.NetworkOperation(lambda: None))

    def loop_seconds(duration, network=network):
        """The time-step loop of one run (Ranvier: the engine's; Brian2: run() minus before_run)."""
        before = bench._brian2_before_run_seconds
        start = _now()
        network.run(duration * second, namespace={})
        if bench.simulator == "ranvier":
            return network.last_run_timing["loop"]
        return _now() - start - (bench._brian2_before_run_seconds - before)

    duration = bench.arguments.duration
    timings = {"plain": [], "operation": []}
    for warm_up in (True, False):
        for repetition in range(1 if warm_up else bench.arguments.reps):
            order = ("plain", "operation") if repetition % 2 == 0 else ("operation", "plain")
            for case in order:
                nothing.active = case == "operation"  # Brian2 refuses to add an object again
                seconds = loop_seconds(0.01 if warm_up else duration)
                if not warm_up:
                    timings[case].append(seconds)
    loop_seconds(0.01, alone)
    alone_seconds = statistics.median(loop_seconds(duration, alone) for _ in range(bench.arguments.reps))
    steps = int(round(duration / float(simulator.defaultclock.dt)))
    plain, operation = statistics.median(timings["plain"]), statistics.median(timings["operation"])
    for key, value in (("loop_plain_seconds", plain), ("loop_operation_seconds", operation), ("steps", steps),
                       ("per_call_us", (operation - plain) / steps * 1e6),
                       ("alone_per_step_us", alone_seconds / steps * 1e6)):
        print(f"{key}={value}")


def _now():
    import time
    return time.perf_counter()


def drive(arguments):
    """Runs both simulators in their own processes and prints the comparison."""
    import argparse
    import platform

    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--duration", type=float, default=1.0)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--brian2-python", default=os.environ.get("RANVIER_BRIAN2_PYTHON",
                                                                  str(REPO / ".venv-oracle" / "bin" / "python")))
    options = parser.parse_args(arguments)
    runs = [("Ranvier", sys.executable, ["--simulator", "ranvier"])]
    if options.brian2_python != "none":
        runs.append(("Brian2 numpy", options.brian2_python, ["--simulator", "brian2", "--target", "numpy"]))
    print(f"host: {platform.node()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    print("| simulator | LIF loop without (s) | LIF loop with (s) | steps | per call: difference (µs) "
          "| per step of a network holding only the operation (µs) |")
    print("|---|---|---|---|---|---|")
    for label, python, extra in runs:
        command = [python, str(HERE / "network_operation_overhead.py"), *extra, "--duration", str(options.duration),
                   "--reps", str(options.reps)]
        output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=HERE,
                                env={**os.environ, "PYTHONPATH": str(HERE)}).stdout
        values = dict(line.split("=", 1) for line in output.splitlines() if "=" in line)
        print(f"| {label} | {float(values['loop_plain_seconds']):.4f} | {float(values['loop_operation_seconds']):.4f} "
              f"| {values['steps']} | {float(values['per_call_us']):.2f} | {float(values['alone_per_step_us']):.2f} |")


if __name__ == "__main__":
    if "--simulator" in sys.argv:
        sys.path.insert(0, str(HERE))
        measure()
    else:
        drive(sys.argv[1:])
