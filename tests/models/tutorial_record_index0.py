"""Tutorial part 1: the relaxing neuron recorded with record=0, to compare with 1 - exp(-t/tau)."""
from brian2 import *

start_scope()
tau = 10*ms
eqs = '''
dv/dt = (1-v)/tau : 1
'''
G = NeuronGroup(1, eqs, method='exact')
M = StateMonitor(G, 'v', record=0)
run(30*ms)
