"""Three runs in sequence, changing parameters, single values, slices and an external name between them.

Brian2 resolves external names such as tau again at each run(), so the last run uses tau = 4 ms.
Monitors keep recording across runs.
"""
from brian2 import *

tau = 10*ms
eqs = '''
dv/dt = (I - v)/tau : 1 (unless refractory)
I : 1
'''
G = NeuronGroup(6, eqs, threshold='v > 1', reset='v = 0', refractory=2*ms, method='exact')
G.I = 1.5
trace = StateMonitor(G, 'v', record=True)
spikes = SpikeMonitor(G)
run(20*ms)

G.I = [0, 0.5, 1.2, 2, 3, 5]
G.v[3] = 0.9
run(15*ms)

G.v[0:2] = 0.7
tau = 4*ms
run(25*ms)
