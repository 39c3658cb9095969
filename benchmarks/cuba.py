"""CUBA (Brette et al. 2007, benchmark 2) as a Brian2-syntax script, for timing Ranvier against Brian2.

N leaky integrate-and-fire neurons with exponentially decaying current-based synaptic input, integrated
exactly (taum 20 ms, taue 5 ms, taui 10 ms, threshold Vt = -50 mV, reset Vr = -60 mV, rest El = -49 mV,
5 ms refractory period during which v is clamped). The first 80% of the neurons excite (ge += we,
we = 60*0.27/10 mV), the rest inhibit (gi += wi, wi = -20*4.5/10 mV); every pair is connected with
probability p = 80/N (0.02 at N = 4,000, the original size). v starts uniformly between Vr and Vt;
a SpikeMonitor records every spike; dt = 0.1 ms. benchmarks/c/cuba.c is the same model in C.

Usage:
    python cuba.py --simulator ranvier [--neurons N] [--duration SECONDS] [--seed S]
    python cuba.py --simulator brian2 --target {cython,numpy,cpp_standalone} [--build-dir D] ...

Prints ``key=value`` lines (see benchmarks/benchscript.py) and ``synapses``, ``total_spikes`` and
``rate_hz`` (mean firing rate). With ``--snapshot-file PATH`` it then times ``store()`` and
``restore()`` after the run, in memory and to that file (``store_memory_seconds``,
``restore_memory_seconds``, ``store_file_seconds``, ``restore_file_seconds``, ``snapshot_file_bytes``;
benchmarks/store_restore.py runs it).
"""

import os

from benchscript import Benchmark


def snapshot_argument(parser):
    parser.add_argument("--snapshot-file", default=None, help="time store()/restore() after the run, to this file too")


bench = Benchmark.from_command_line(__doc__, neurons=4000, duration=1.0, extra=snapshot_argument)
if bench.simulator == "ranvier":
    from ranvier import *
else:
    from brian2 import *
bench.imported()

seed(bench.arguments.seed)
N = bench.arguments.neurons
taum = 20*ms
taue = 5*ms
taui = 10*ms
Vt = -50*mV
Vr = -60*mV
El = -49*mV
we = 60*0.27/10*mV
wi = -20*4.5/10*mV
p = 80/N

eqs = '''
dv/dt = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
'''

P = NeuronGroup(N, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms, method='exact')
P.v = 'Vr + rand() * (Vt - Vr)'
P.ge = 0*mV
P.gi = 0*mV
excitatory = P[:int(0.8*N)]
inhibitory = P[int(0.8*N):]
Ce = Synapses(excitatory, P, on_pre='ge += we')
Ci = Synapses(inhibitory, P, on_pre='gi += wi')
with bench.phase("connect"):
    Ce.connect(p=p)
    Ci.connect(p=p)
spikes = SpikeMonitor(P)

with bench.running():
    run(bench.arguments.duration*second)

synapses = len(Ce) + len(Ci)
total = int(spikes.num_spikes)
if bench.arguments.snapshot_file:
    path = bench.arguments.snapshot_file
    with bench.phase("store_memory"):
        store()
    with bench.phase("restore_memory"):
        restore()
    with bench.phase("store_file"):
        store(filename=path)
    bench.values["snapshot_file_bytes"] = os.path.getsize(path)
    with bench.phase("restore_file"):
        restore(filename=path)
    assert int(spikes.num_spikes) == total, "restore() changed the recorded spikes"
    os.remove(path)
bench.finish(synapses=synapses, total_spikes=total, rate_hz=total/(N*bench.arguments.duration))
