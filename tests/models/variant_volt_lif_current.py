"""50 volt-valued LIF neurons driven by per-neuron currents (amp) through a resistance (ohm).

Threshold and reset are written with mV literals; the drive R*I spans 0.5 to 49.5 mV above rest,
so the neurons with R*I below 20 mV never fire and the others fire faster with more current.
"""
from brian2 import *

N = 50
El = -70*mV
R = 100*Mohm
tau = 20*ms
eqs = '''
dv/dt = (El - v + R*I)/tau : volt (unless refractory)
I : amp
'''
G = NeuronGroup(N, eqs, threshold='v > -50*mV', reset='v = -65*mV', refractory=3*ms,
                method='exact')
G.v = El
G.I = 'i*0.01*nA + 0.005*nA'
spikes = SpikeMonitor(G)
trace = StateMonitor(G, 'v', record=[0, 25, 49])
run(200*ms)
