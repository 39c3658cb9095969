"""Two coupled linear variables recorded for a subset of neurons with several monitors."""
from brian2 import *

N = 10
tau = 10*ms
tau_w = 30*ms
eqs = '''
dv/dt = (w - v)/tau : 1
dw/dt = (I - w)/tau_w : 1
I : 1
'''
G = NeuronGroup(N, eqs, threshold='v > 1', reset='v = 0', method='exact')
G.I = 'i*0.3'
both = StateMonitor(G, ['v', 'w'], record=[0, 5])
last_only = StateMonitor(G, 'v', record=[9])
spikes = SpikeMonitor(G)
run(150*ms)
