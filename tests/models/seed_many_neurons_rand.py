"""Seed notes, 'Many neurons' (also the tutorial's 'Multiple neurons' cell): 100 neurons from rand().

Each neuron starts at a uniform random v in [0, 1); after that everything is deterministic.
"""
from brian2 import *

start_scope()

N = 100
tau = 10*ms
eqs = '''
dv/dt = (2-v)/tau : 1
'''

G = NeuronGroup(N, eqs, threshold='v>1', reset='v=0', method='exact')
G.v = 'rand()'
spikemon = SpikeMonitor(G)
run(50*ms)
