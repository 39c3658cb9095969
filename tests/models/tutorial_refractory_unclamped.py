"""Tutorial part 1: refractory=15*ms without (unless refractory), tau = 5 ms.

v keeps integrating after the reset and passes 0.8 while refractory; the next spike waits until the
refractory period ends (the tutorial's text: spikes at 8 ms and 23 ms).
"""
from brian2 import *

start_scope()
tau = 5*ms
eqs = '''
dv/dt = (1-v)/tau : 1
'''
G = NeuronGroup(1, eqs, threshold='v>0.8', reset='v = 0', refractory=15*ms, method='exact')
statemon = StateMonitor(G, 'v', record=0)
spikemon = SpikeMonitor(G)
run(50*ms)
