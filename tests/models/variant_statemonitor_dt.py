"""StateMonitors with their own recording periods: every second step (dt=2*defaultclock.dt), on a
0.3 ms clock in the `end` slot, and on the default clock, over two runs whose boundary (7.05 ms) is
not a multiple of the longer periods."""
from brian2 import *

G = NeuronGroup(3, 'dv/dt = (I - v)/(6*ms) : 1\nI : 1', threshold='v > 1', reset='v = 0', method='exact')
G.I = [0.8, 1.3, 2.2]
every_other = StateMonitor(G, 'v', record=True, dt=2*defaultclock.dt)
slow = StateMonitor(G, 'v', record=[0, 2], clock=Clock(dt=0.3*ms), when='end')
every = StateMonitor(G, 'v', record=1)
run(7.05*ms)
run(5*ms)
