"""The "parameters per neuron" LIF model as a Brian2-syntax script, for timing Ranvier against Brian2.

Model (the same arithmetic as benchmarks/c/per_neuron_lif.c): N neurons, each driven towards its own
v0 = i*3/(N-1) with tau = 10 ms, threshold v > 1, reset v = 0, 5 ms refractory with
``(unless refractory)``, exact integration, dt = 0.1 ms, every spike recorded by a SpikeMonitor.

Usage:
    python per_neuron_lif.py --simulator ranvier [--neurons N] [--duration SECONDS]
    python per_neuron_lif.py --simulator brian2 --target {cython,numpy,cpp_standalone} [--build-dir D] ...

Prints ``key=value`` lines: ``run_seconds`` (wall time of the call to ``run()``), ``run_cpu_seconds``
(CPU time of this process during ``run()``), ``loop_seconds`` (the simulation loop alone where the
simulator reports it separately: Brian2's standalone binary; otherwise equal to run_seconds),
``total_spikes`` and ``count_checksum`` (sum of (i+1)*count[i], to compare spike counts per neuron
with the C program).
"""

import argparse
import time

import numpy


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--simulator", choices=("ranvier", "brian2"), required=True)
    parser.add_argument("--target", choices=("cython", "numpy", "cpp_standalone"), default="cython",
                        help="Brian2's code generation target (ignored for Ranvier)")
    parser.add_argument("--neurons", type=int, default=1_000_000)
    parser.add_argument("--duration", type=float, default=1.0, help="simulated time in seconds")
    parser.add_argument("--build-dir", default=None,
                        help="project folder for Brian2's cpp_standalone (reused between runs to keep make's objects)")
    return parser.parse_args()


arguments = parse_arguments()

# A module-level star import is chosen at run time so one script serves both simulators unchanged.
if arguments.simulator == "ranvier":
    from ranvier import *
else:
    from brian2 import *

    if arguments.target == "cpp_standalone":
        set_device("cpp_standalone", directory=arguments.build_dir, build_on_run=True)
    else:
        prefs.codegen.target = arguments.target

N = arguments.neurons
tau = 10*ms
v0_max = 3.
duration = arguments.duration*second

eqs = '''
dv/dt = (v0-v)/tau : 1 (unless refractory)
v0 : 1
'''

G = NeuronGroup(N, eqs, threshold='v>1', reset='v=0', refractory=5*ms, method='exact')
M = SpikeMonitor(G)
G.v0 = 'i*v0_max/(N-1)'

wall_start, cpu_start = time.perf_counter(), time.process_time()
run(duration)
run_seconds, run_cpu_seconds = time.perf_counter() - wall_start, time.process_time() - cpu_start

if arguments.simulator == "brian2" and arguments.target == "cpp_standalone":
    # Brian2 reports the standalone binary's own simulation time; run() above also generated and compiled it.
    loop_seconds = device._last_run_time
else:
    loop_seconds = run_seconds

# int64: the weighted sum overflows int32 for a million neurons.
counts = numpy.asarray(M.count[:], dtype=numpy.int64)
checksum = int(numpy.dot(numpy.arange(1, len(counts) + 1, dtype=numpy.int64), counts))
print(f"neurons={N}")
print(f"duration={arguments.duration!r}")
print(f"run_seconds={run_seconds:.6f}")
print(f"run_cpu_seconds={run_cpu_seconds:.6f}")
print(f"loop_seconds={loop_seconds:.6f}")
print(f"total_spikes={int(M.num_spikes)}")
print(f"count_checksum={checksum}")
