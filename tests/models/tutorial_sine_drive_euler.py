"""Tutorial part 1: a neuron driven by a 100 Hz sine, integrated with Euler from v = 5.

The equation depends on t, so 'exact' does not apply.
"""
from brian2 import *

start_scope()
tau = 10*ms
eqs = '''
dv/dt = (sin(2*pi*100*Hz*t)-v)/tau : 1
'''
G = NeuronGroup(1, eqs, method='euler')
M = StateMonitor(G, 'v', record=0)
G.v = 5
run(60*ms)
