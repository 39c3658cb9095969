"""A subexpression (`I_drive = ... : volt`) depending on t and a parameter, recorded by a monitor."""
from brian2 import *

El = -65*mV
tau = 10*ms
f = 25*Hz
eqs = '''
dv/dt = (El - v + I_drive)/tau : volt
I_drive = A*(1 + cos(2*pi*f*t))/2 : volt
A : volt
'''
G = NeuronGroup(5, eqs, threshold='v > -55*mV', reset='v = El', method='euler')
G.v = El
G.A = 'i*6*mV'
spikes = SpikeMonitor(G)
trace = StateMonitor(G, ['v', 'I_drive'], record=[1, 4])
run(100*ms)
