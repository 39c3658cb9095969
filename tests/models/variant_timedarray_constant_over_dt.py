"""A TimedArray read in a `(constant over dt)` subexpression and in a plain one, both driving a
neuron integrated with rk4 (whose last stage reads the plain one at t + dt), plus an initial value from a string `ta(0*ms, i)`."""
from brian2 import *

drive = TimedArray([0.2, 1.4, 0.7, 1.9, 0.4], dt=3*ms)
offsets = TimedArray([[0.0, 0.1, 0.2], [0.5, 0.4, 0.3]], dt=1*ms)
tau = 5*ms
G = NeuronGroup(3, '''dv/dt = (I + J - v)/tau : 1
                      I = drive(t) : 1 (constant over dt)
                      J = 0.5*offsets(t, i) : 1''', threshold='v > 1', reset='v = 0', method='rk4')
G.v = 'offsets(0*ms, i)'
spikes = SpikeMonitor(G)
trace = StateMonitor(G, ['v', 'I', 'J'], record=True)
run(20*ms)
