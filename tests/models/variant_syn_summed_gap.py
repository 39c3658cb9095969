"""Gap junctions with a summed variable: each neuron's Igap is the sum over its synapses of
w*(v_pre - v_post), updated every step; all-to-all coupling with weights depending on i and j."""
from brian2 import *

start_scope()

tau = 10*ms
G = NeuronGroup(4, '''dv/dt = (v0 - v + Igap)/tau : 1
                      Igap : 1
                      v0 : 1''', threshold='v > 1', reset='v = 0', method='euler')
G.v0 = [1.5, 1.2, 0.9, 0.5]
G.v = [0.0, 0.3, 0.6, 0.9]
S = Synapses(G, G, '''w : 1
                      Igap_post = w*(v_pre - v_post) : 1 (summed)''')
S.connect(condition='i != j')
S.w = '0.05 + 0.02*i + 0.01*j'
M = StateMonitor(G, ['v', 'Igap'], record=True)
spikes = SpikeMonitor(G)
run(50*ms)
