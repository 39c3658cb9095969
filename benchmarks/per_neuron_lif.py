"""The "parameters per neuron" LIF model as a Brian2-syntax script, for timing Ranvier against Brian2.

Model (the same arithmetic as benchmarks/c/per_neuron_lif.c): N neurons, each driven towards its own
v0 = i*3/(N-1) with tau = 10 ms, threshold v > 1, reset v = 0, 5 ms refractory with
``(unless refractory)``, exact integration, dt = 0.1 ms, every spike recorded by a SpikeMonitor.

Usage:
    python per_neuron_lif.py --simulator ranvier [--neurons N] [--duration SECONDS]
    python per_neuron_lif.py --simulator brian2 --target {cython,numpy,cpp_standalone} [--build-dir D] ...

Prints ``key=value`` lines: the phases of benchmarks/benchscript.py (``run_seconds``, ``loop_seconds``...),
``total_spikes`` and ``count_checksum`` (sum of (i+1)*count[i], to compare spike counts per neuron
with the C program).
"""

import numpy

from benchscript import Benchmark

bench = Benchmark.from_command_line(__doc__, neurons=1_000_000, duration=1.0)
if bench.simulator == "ranvier":
    from ranvier import *
else:
    from brian2 import *
bench.imported()

N = bench.arguments.neurons
tau = 10*ms
v0_max = 3.

eqs = '''
dv/dt = (v0-v)/tau : 1 (unless refractory)
v0 : 1
'''

G = NeuronGroup(N, eqs, threshold='v>1', reset='v=0', refractory=5*ms, method='exact')
M = SpikeMonitor(G)
G.v0 = 'i*v0_max/(N-1)'

with bench.running():
    run(bench.arguments.duration*second)

# int64: the weighted sum overflows int32 for a million neurons.
counts = numpy.asarray(M.count[:], dtype=numpy.int64)
checksum = int(numpy.dot(numpy.arange(1, len(counts) + 1, dtype=numpy.int64), counts))
bench.finish(total_spikes=int(M.num_spikes), count_checksum=checksum)
