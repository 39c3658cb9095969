"""A reset that assigns a name the model does not define.

Brian2 accepts it: `w` becomes a temporary inside the reset, so v is never reset and the neuron
fires on every step once v exceeds 0.5. Ranvier must behave the same (no error, same spikes).
"""
from brian2 import *

eqs = '''
dv/dt = (1 - v)/(10*ms) : 1
'''
G = NeuronGroup(2, eqs, threshold='v > 0.5', reset='w = 0', method='exact')
spikes = SpikeMonitor(G)
run(20*ms)
