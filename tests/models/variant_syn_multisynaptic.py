"""Several synapses per pair told apart by a multisynaptic index: delays and weights set from the
synapse number, then a run in which neuron 0's spikes arrive at neuron 1 three times each."""
from brian2 import *

start_scope()

G = NeuronGroup(4, '''dv/dt = (I - v)/(10*ms) : 1
                      I : 1''', threshold='v > 1', reset='v = 0', method='exact')
G.I = [2.2, 0, 0, 0]
syn = Synapses(G, G, model='w : 1', on_pre='v_post += w', multisynaptic_index='synapse_number')
syn.connect(i=numpy.arange(3), j=1, n=3)
syn.connect(i=0, j=3)
syn.delay = '1*ms + synapse_number*2*ms'
syn.w['synapse_number < 2'] = 0.1
syn.w[:, :, 2:] = 0.3
syn.w[0, 1, 1] = 0.25
M = StateMonitor(G, 'v', record=[1, 3])
run(40*ms)
