"""10,000 neurons start from rand() (v) and randn() (w), then decay exactly for 10 ms, no threshold.

With exact integration v(10 ms) = v(0)*exp(-1), so the initial draws can be recovered and their
distribution tested.
"""
from brian2 import *

N = 10000
tau = 10*ms
eqs = '''
dv/dt = -v/tau : 1
dw/dt = -w/tau : 1
'''
G = NeuronGroup(N, eqs, method='exact')
G.v = 'rand()'
G.w = 'randn()'
run(10*ms)
