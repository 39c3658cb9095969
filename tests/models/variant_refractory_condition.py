"""Refractoriness given as a condition: no reset, refractory while v > 0.95.

Each neuron follows an oscillating drive; without a reset it would fire on every step above 1.
The condition makes it fire once per upward crossing and re-arm only after v falls below 0.95.
"""
from brian2 import *

tau = 5*ms
eqs = '''
dv/dt = (0.9 + amplitude*sin(2*pi*40*Hz*t) - v)/tau : 1
amplitude : 1
'''
G = NeuronGroup(3, eqs, threshold='v > 1', refractory='v > 0.95', method='euler')
G.amplitude = [0.3, 0.5, 0.7]
spikes = SpikeMonitor(G)
trace = StateMonitor(G, 'v', record=True)
run(100*ms)
