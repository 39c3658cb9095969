"""10,000 independent Ornstein-Uhlenbeck processes (white noise xi, Euler-Maruyama) from v = 0.

The variance of the discretised process after n steps is known in closed form, so the run is
compared with mathematics rather than with one random Brian2 run.
"""
from brian2 import *

N = 10000
tau = 10*ms
sigma = 1.0
eqs = '''
dv/dt = -v/tau + sigma*xi*tau**-0.5 : 1
'''
G = NeuronGroup(N, eqs, method='euler')
trace = StateMonitor(G, 'v', record=range(0, N, 10))
run(50*ms)
