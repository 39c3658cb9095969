"""Tutorial part 2, 'The simplest Synapse': neuron 0 fires regularly and each of its spikes adds 0.2
to neuron 1's v through the synapse 0 -> 1 (default integration method)."""
from brian2 import *

start_scope()

eqs = '''
dv/dt = (I-v)/tau : 1
I : 1
tau : second
'''
G = NeuronGroup(2, eqs, threshold='v>1', reset='v = 0')
G.I = [2, 0]
G.tau = [10, 100]*ms

# Comment these two lines out to see what happens without Synapses
S = Synapses(G, G, on_pre='v_post += 0.2')
S.connect(i=0, j=1)

M = StateMonitor(G, 'v', record=True)

run(100*ms)
