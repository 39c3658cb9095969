"""A linear 3-variable neuron (membrane plus two decaying input currents) integrated 'exact'.

v is driven by ge and gi, which decay with their own time constants; each spike resets v and adds
to ge, so the coupling stays active for the whole run. Initial values vary per neuron.
"""
from brian2 import *

N = 20
taum = 20*ms
taue = 5*ms
taui = 10*ms
Vt = -50*mV
Vr = -60*mV
El = -49*mV
eqs = '''
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
'''
reset = '''
v = Vr
ge += 2*mV
'''
G = NeuronGroup(N, eqs, threshold='v>Vt', reset=reset, refractory=5*ms, method='exact')
G.v = 'Vr + i*(Vt - Vr)/N'
G.ge = 'i*0.5*mV'
G.gi = '-(N - 1 - i)*0.4*mV'
spikes = SpikeMonitor(G)
trace = StateMonitor(G, ['v', 'ge', 'gi'], record=[0, 10, 19])
run(100*ms)
