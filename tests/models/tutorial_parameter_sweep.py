"""Tutorial part 1, 'Parameters': 100 neurons, each driven towards its own v0 from 0 to 3, 1 s.

The firing rate against v0 is the model's f-I curve: zero for v0 <= 1.
"""
from brian2 import *

start_scope()
N = 100
tau = 10*ms
v0_max = 3.
duration = 1000*ms
eqs = '''
dv/dt = (v0-v)/tau : 1 (unless refractory)
v0 : 1
'''
G = NeuronGroup(N, eqs, threshold='v>1', reset='v=0', refractory=5*ms, method='exact')
M = SpikeMonitor(G)
G.v0 = 'i*v0_max/(N-1)'
run(duration)
