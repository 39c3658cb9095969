"""A single LIF neuron over 1 s: drive 1.5, threshold 0.7, 4 ms clamped refractory period.

Its period is 9.0 ms (5.0 ms to climb from 0 to 0.7 plus 4.0 ms clamped), so it spikes at 5.0,
14.0, 23.0 ms ... 995.0 ms: a long run where rounding could drift if the update were wrong.
"""
from brian2 import *

eqs = '''
dv/dt = (1.5 - v)/(8*ms) : 1 (unless refractory)
'''
G = NeuronGroup(1, eqs, threshold='v > 0.7', reset='v = 0', refractory=4*ms, method='exact')
spikes = SpikeMonitor(G)
trace = StateMonitor(G, 'v', record=0)
run(1*second)
