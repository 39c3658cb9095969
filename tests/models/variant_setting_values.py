"""Initial values and parameters set every way a user can: Quantity, string, list, index, slice, condition."""
from brian2 import *

N = 12
El = -70*mV
eqs = '''
dv/dt = gain*(v0 - v)/tau : volt
v0 : volt
tau : second
gain : 1
'''
G = NeuronGroup(N, eqs, threshold='v > -52*mV', reset='v = -70*mV', method='exact')
G.v = -70*mV
G.v0 = 'El + i*2*mV'
G.tau = [10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32]*ms
G.gain = [0.5 + 0.1*k for k in range(N)]
G.v[3] = -55*mV
G.v['i >= 8'] = 'v0 - 5*mV'
G.tau[0:2] = 5*ms
spikes = SpikeMonitor(G)
trace = StateMonitor(G, 'v', record=[0, 3, 8, 11])
run(100*ms)
