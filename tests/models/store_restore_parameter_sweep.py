"""Tutorial part 3 style parameter sweep: store once, then for each tau restore, run and count spikes.

The inputs are a fixed spike pattern (not Poisson) so that every backend gives the same spikes.
`counts.n[k]` is the number of output spikes for the k-th tau; `spikes` holds the last run's.
"""
from brian2 import *

num_inputs = 50
weight = 0.12
tau_range = [2, 5, 10, 20, 40]*ms
indices = [k % num_inputs for k in range(400)]
times = [(k*7.3 % 500)*ms for k in range(400)]
inputs = SpikeGeneratorGroup(num_inputs, indices, times)
neuron = NeuronGroup(1, 'dv/dt = -v/tau : 1', threshold='v > 1', reset='v = 0', method='exact')
synapses = Synapses(inputs, neuron, on_pre='v += weight')
synapses.connect()
spikes = SpikeMonitor(neuron)
net = Network(inputs, neuron, synapses, spikes)
net.store()
counts = NeuronGroup(len(tau_range), 'n : 1')
for k, tau in enumerate(tau_range):
    net.restore()
    net.run(500*ms)
    counts.n[k] = spikes.num_spikes
