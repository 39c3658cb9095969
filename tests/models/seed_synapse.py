"""Seed notes, 'The simplest synapse': neuron 0 fires and each spike adds 0.2 to neuron 1's v.

Neuron 1's own input (I = 0) never makes it fire; only the synapse moves it.
"""
from brian2 import *

start_scope()

eqs = '''
dv/dt = (I-v)/tau : 1
I : 1
tau : second
'''

G = NeuronGroup(2, eqs, threshold='v>1', reset='v = 0', method='exact')
G.I = [2, 0]
G.tau = [10, 100]*ms

S = Synapses(G, G, on_pre='v_post += 0.2')
S.connect(i=0, j=1)

M = StateMonitor(G, 'v', record=True)
run(100*ms)
