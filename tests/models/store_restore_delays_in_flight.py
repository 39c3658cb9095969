"""A ring with per-synapse delays stored mid-run, while spikes are on their way, then restored with
stronger weights: the second continuation depends on the spikes in flight at the snapshot.

The monitors rewind to the snapshot and then record the second continuation.
"""
from brian2 import *

N = 12
neurons = NeuronGroup(N, 'dv/dt = (1.1 - v)/(8*ms) : 1 (unless refractory)', threshold='v > 1', reset='v = 0',
                      refractory=2*ms, method='exact')
neurons.v = 'i*0.08'
synapses = Synapses(neurons, neurons, 'w : 1', on_pre='v_post += w')
synapses.connect(j='(i + 1) % 12')
synapses.connect(j='(i + 5) % 12')
synapses.w = 0.2
synapses.delay = '(1 + (i + 2*j) % 7)*0.35*ms'
spikes = SpikeMonitor(neurons)
trace = StateMonitor(neurons, 'v', record=[0, 3])
rate = PopulationRateMonitor(neurons)
run(7.35*ms)
store('middle')
run(20*ms)
restore('middle')
synapses.w = 0.35
run(20*ms)
