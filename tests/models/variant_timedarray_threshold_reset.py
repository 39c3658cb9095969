"""TimedArrays in a threshold (a moving threshold) and in a reset (a reset level that changes over
time), with Euler integration of a constant drive."""
from brian2 import *

threshold_level = TimedArray([1.0, 0.6, 1.4, 0.8], dt=20*ms)
reset_level = TimedArray([0.0, 0.3, -0.2, 0.5, 0.1], dt=17*ms)
tau = 10*ms
G = NeuronGroup(3, 'dv/dt = (1.5 + 0.1*i - v)/tau : 1', threshold='v > threshold_level(t)',
                reset='v = reset_level(t)', method='euler')
spikes = SpikeMonitor(G)
trace = StateMonitor(G, 'v', record=True)
run(100*ms)
