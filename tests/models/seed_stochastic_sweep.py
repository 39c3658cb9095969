"""Seed notes, 'Parameters per neuron' with noise (also the tutorial's 'Stochastic neurons' cell).

100 neurons driven towards v0 = 0..3 plus white noise sigma*xi*tau**-0.5, Euler-Maruyama, 1 s.
"""
from brian2 import *

start_scope()

N = 100
tau = 10*ms
v0_max = 3.
duration = 1000*ms
sigma = 0.2

eqs = '''
dv/dt = (v0-v)/tau+sigma*xi*tau**-0.5 : 1 (unless refractory)
v0 : 1
'''

G = NeuronGroup(N, eqs, threshold='v>1', reset='v=0', refractory=5*ms, method='euler')
M = SpikeMonitor(G)
G.v0 = 'i*v0_max/(N-1)'
run(duration)
