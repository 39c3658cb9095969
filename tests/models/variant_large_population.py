"""10,000 neurons sweeping their drive v0 from 0 to 3, 100 ms: a large deterministic population."""
from brian2 import *

N = 10000
tau = 10*ms
eqs = '''
dv/dt = (v0 - v)/tau : 1 (unless refractory)
v0 : 1
'''
G = NeuronGroup(N, eqs, threshold='v > 1', reset='v = 0', refractory=2*ms, method='exact')
G.v0 = 'i*3.0/(N-1)'
spikes = SpikeMonitor(G)
run(100*ms)
