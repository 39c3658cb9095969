"""A TimedArray input to a coupled linear system (membrane and synaptic current, exact integration,
refractory), the current driven by spikes from a SpikeGeneratorGroup."""
from brian2 import *

background = TimedArray([0.5, 1.3, 0.9, 1.6, 0.2], dt=6*ms)
taum, taue = 10*ms, 3*ms
G = NeuronGroup(3, '''dv/dt = (background(t) + ge - v)/taum : 1 (unless refractory)
                      dge/dt = -ge/taue : 1''', threshold='v > 1', reset='v = 0', refractory=2*ms)
inputs = SpikeGeneratorGroup(1, [0, 0, 0, 0], [3, 9.5, 14, 21]*ms)
S = Synapses(inputs, G, on_pre='ge_post += 0.4 + 0.3*j')
S.connect()
spikes = SpikeMonitor(G)
trace = StateMonitor(G, ['v', 'ge'], record=True)
run(35*ms)
