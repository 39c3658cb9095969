"""StateMonitor(G, True) on a model with a subexpression, a parameter and refractoriness: Brian2
records every name the equations declare, subexpressions and the refractoriness variables
included. record_single_timestep() then adds the values at the end of the run (the 'start' slot
never records them), once after the first run and again after a second one. Euler, 30 + 20 ms."""
from brian2 import *

start_scope()

eqs = '''
dv/dt = (I - v)/tau : 1 (unless refractory)
I = I0*(1 + 0.5*sin(2*pi*t/(7*ms))) : 1
I0 : 1
tau : second
'''
G = NeuronGroup(4, eqs, threshold='v > 1', reset='v = 0', refractory=3*ms, method='euler')
G.I0 = '1.1 + 0.3*i'
G.tau = '(8 + 2*i)*ms'
everything = StateMonitor(G, True, record=[0, 2, 3])
run(30*ms)
everything.record_single_timestep()
run(20*ms)
everything.record_single_timestep()
