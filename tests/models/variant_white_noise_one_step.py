"""One Euler-Maruyama step of pure white noise for 10,000 neurons: v = sigma*sqrt(dt/tau)*N(0, 1).

A single step exposes the distribution of the noise draws themselves (normal, independent across
neurons), which a long run would hide behind the central limit theorem.
"""
from brian2 import *

N = 10000
tau = 10*ms
sigma = 2.0
eqs = '''
dv/dt = sigma*xi*tau**-0.5 : 1
'''
G = NeuronGroup(N, eqs, method='euler')
run(defaultclock.dt)
