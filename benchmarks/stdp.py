"""Spike-timing-dependent plasticity in the style of Song, Miller & Abbott (2000) as a Brian2-syntax
script, for timing Ranvier against Brian2.

N = 1,000 PoissonGroup inputs firing at 15 Hz drive one conductance-based integrate-and-fire neuron
(taum 10 ms, El -74 mV, threshold -54 mV, reset -60 mV, excitatory reversal 0 mV, taue 5 ms, Euler)
through all-to-all synapses with additive STDP: event-driven traces Apre and Apost (time constants
20 ms), dApre = 0.01*gmax, dApost = -1.05*dApre, weights clipped to [0, gmax = 0.01] and started at
rand()*gmax. SpikeMonitors on the inputs and the neuron; dt = 0.1 ms, 10 s simulated by default.

Usage:
    python stdp.py --simulator ranvier [--neurons N] [--duration SECONDS] [--seed S]
    python stdp.py --simulator brian2 --target {cython,numpy,cpp_standalone} [--build-dir D] ...

``--neurons`` is the number of Poisson inputs. Prints ``key=value`` lines (see benchmarks/benchscript.py)
and ``synapses``, ``total_spikes`` (input spikes), ``rate_hz`` (mean input rate), ``output_spikes``,
``mean_weight`` (final mean w/gmax).
"""

from benchscript import Benchmark

bench = Benchmark.from_command_line(__doc__, neurons=1000, duration=10.0)
if bench.simulator == "ranvier":
    from ranvier import *
else:
    from brian2 import *
bench.imported()

seed(bench.arguments.seed)
N = bench.arguments.neurons
taum = 10*ms
taupre = 20*ms
taupost = taupre
Ee = 0*mV
vt = -54*mV
vr = -60*mV
El = -74*mV
taue = 5*ms
F = 15*Hz
gmax = 0.01
dApre = 0.01*gmax
dApost = -dApre*taupre/taupost*1.05

inputs = PoissonGroup(N, rates=F)
neuron = NeuronGroup(1, '''dv/dt = (ge*(Ee - v) + El - v)/taum : volt
                           dge/dt = -ge/taue : 1''',
                     threshold='v > vt', reset='v = vr', method='euler')
neuron.v = vr
S = Synapses(inputs, neuron,
             '''w : 1
                dApre/dt = -Apre/taupre : 1 (event-driven)
                dApost/dt = -Apost/taupost : 1 (event-driven)''',
             on_pre='''ge += w
                       Apre += dApre
                       w = clip(w + Apost, 0, gmax)''',
             on_post='''Apost += dApost
                        w = clip(w + Apre, 0, gmax)''')
with bench.phase("connect"):
    S.connect()
S.w = 'rand()*gmax'
input_spikes = SpikeMonitor(inputs)
output_spikes = SpikeMonitor(neuron)

with bench.running():
    run(bench.arguments.duration*second)

total = int(input_spikes.num_spikes)
bench.finish(synapses=len(S), total_spikes=total, rate_hz=total/(N*bench.arguments.duration),
             output_spikes=int(output_spikes.num_spikes), mean_weight=float(mean(S.w[:]))/gmax)
