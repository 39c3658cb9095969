"""A multi-line reset that computes a temporary first: `excess = v - 1`, then uses it.

Names assigned in a reset without being model variables are temporaries in Brian2's code strings,
so v is reset to 0.2 minus half of how far it overshot the threshold. (A factor above 1 would make
the reset an expanding map: rounding differences of 1e-16 between any two correct implementations
would grow by that factor at every spike until spike times differ, as they did with 5.)
"""
from brian2 import *

eqs = '''
dv/dt = (I - v)/(10*ms) : 1
I : 1
'''
reset = '''
excess = v - 1
v = 0.2 - 0.5*excess
'''
G = NeuronGroup(3, eqs, threshold='v > 1', reset=reset, method='exact')
G.I = [1.5, 3, 8]
spikes = SpikeMonitor(G)
trace = StateMonitor(G, 'v', record=True)
run(60*ms)
