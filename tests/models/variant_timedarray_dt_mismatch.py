"""TimedArrays whose dt differs from the simulation's: 0.25 ms (not a multiple of 0.1 ms: the default
method is then Euler, as in Brian2), 0.03 ms (finer than a step) and 0.4 ms (a multiple), read at
sample boundaries through recorded subexpressions, with a second run at a finer dt (one that keeps
0.25 ms a non-multiple: Brian2 reuses its cached choice of method for unchanged equations)."""
from brian2 import *

coarse = TimedArray(np.arange(40)*0.5, dt=0.25*ms)
fine = TimedArray(np.arange(400)*0.1, dt=0.03*ms)
multiple = TimedArray(np.arange(30)*1.0, dt=0.4*ms)
tau = 1*ms
G = NeuronGroup(2, '''dv/dt = (coarse(t) - v)/tau : 1
                      du/dt = (multiple(t) - u)/tau : 1
                      a = coarse(t) : 1
                      b = fine(t) : 1
                      c = multiple(t) : 1''')
trace = StateMonitor(G, ['v', 'u', 'a', 'b', 'c'], record=[0])
run(6*ms)
defaultclock.dt = 0.02*ms
run(4*ms)
