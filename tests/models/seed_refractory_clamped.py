"""Seed notes, 'Refractoriness': the notes' NeuronGroup with (unless refractory) and 5 ms refractory.

The notes show only the group; tau (10 ms, as in the tutorial they follow), the monitors and the run
length are the definitions they assume.
"""
from brian2 import *

tau = 10*ms
eqs = '''
dv/dt = (1-v)/tau : 1 (unless refractory)
'''

G = NeuronGroup(1, eqs, threshold='v>0.8', reset='v = 0', refractory=5*ms, method='exact')
statemon = StateMonitor(G, 'v', record=True)
spikemon = SpikeMonitor(G)
run(100*ms)
