"""A LIF population driven by a TimedArray against the same population with a constant input.

Model: N neurons (default 100,000), ``dv/dt = (drive - v)/tau : 1 (unless refractory)`` with tau = 10 ms,
threshold v > 1, reset v = 0, 5 ms refractory, exact integration, dt = 0.1 ms, every spike recorded. With
``--input timedarray`` the drive is ``stimulus(t)``, a TimedArray of 1,000 values 1 ms apart (between
0.9 and 1.5, mean 1.2); with ``--input constant`` it is the constant 1.2. The question is what reading
the array costs in the loop (goal: at most 1.3 times the constant-input loop).

Usage:
    python timedarray_input.py --simulator ranvier --input {timedarray,constant} [--neurons N] [--duration SECONDS]
    python timedarray_input.py --simulator brian2 --target {cython,numpy,cpp_standalone} --input ... [--build-dir D]

Prints ``key=value`` lines: the phases of benchmarks/benchscript.py (``run_seconds``, ``loop_seconds``...)
and ``total_spikes``.
"""

import numpy

from benchscript import Benchmark

bench = Benchmark.from_command_line(
    __doc__, neurons=100_000, duration=1.0,
    extra=lambda parser: parser.add_argument("--input", choices=("timedarray", "constant"), default="timedarray"))
if bench.simulator == "ranvier":
    from ranvier import *
else:
    from brian2 import *
bench.imported()

N = bench.arguments.neurons
tau = 10*ms
# A deterministic, irregular drive: 1.2 + 0.3*sin(k^2) for the k-th millisecond.
stimulus = TimedArray(1.2 + 0.3*numpy.sin(numpy.arange(1000)**2.0), dt=1*ms)
drive = 'stimulus(t)' if bench.arguments.input == 'timedarray' else '1.2'

G = NeuronGroup(N, f'dv/dt = ({drive} - v)/tau : 1 (unless refractory)', threshold='v>1', reset='v=0',
                refractory=5*ms, method='exact')
G.v = 'i*1.0/N'
M = SpikeMonitor(G)

with bench.running():
    run(bench.arguments.duration*second)

bench.finish(total_spikes=int(M.num_spikes))
