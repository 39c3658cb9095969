"""A multi-line reset that computes a temporary first: `excess = v - 1`, then uses it.

Names assigned in a reset without being model variables are temporaries in Brian2's code strings,
so v is reset to 0.2 minus five times how far it overshot the threshold.
"""
from brian2 import *

eqs = '''
dv/dt = (I - v)/(10*ms) : 1
I : 1
'''
reset = '''
excess = v - 1
v = 0.2 - 5*excess
'''
G = NeuronGroup(3, eqs, threshold='v > 1', reset=reset, method='exact')
G.I = [1.5, 3, 8]
spikes = SpikeMonitor(G)
trace = StateMonitor(G, 'v', record=True)
run(60*ms)
