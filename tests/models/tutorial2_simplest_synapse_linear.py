"""Tutorial part 2 (older edition), 'The simplest Synapse' with method='linear', Brian2's former
name of the exact method."""
from brian2 import *

start_scope()

eqs = '''
dv/dt = (I-v)/tau : 1
I : 1
tau : second
'''
G = NeuronGroup(2, eqs, threshold='v>1', reset='v = 0', method='linear')
G.I = [2, 0]
G.tau = [10, 100]*ms

S = Synapses(G, G, on_pre='v_post += 0.2')
S.connect(i=0, j=1)

M = StateMonitor(G, 'v', record=True)

run(100*ms)
