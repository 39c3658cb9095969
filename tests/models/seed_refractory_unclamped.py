"""Seed notes, 'without (unless refractory)': refractory=15*ms while v keeps integrating.

The notes show only the group; tau = 5 ms (the tutorial's value for this example), the monitors and
the run length are the definitions they assume.
"""
from brian2 import *

tau = 5*ms
eqs = '''
dv/dt = (1-v)/tau : 1
'''

G = NeuronGroup(1, eqs, threshold='v>0.8', reset='v = 0', refractory=15*ms, method='exact')
statemon = StateMonitor(G, 'v', record=True)
spikemon = SpikeMonitor(G)
run(100*ms)
