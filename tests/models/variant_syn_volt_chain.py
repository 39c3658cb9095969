"""A chain of 5 LIF neurons in volts: neuron 0 is driven, each synapse k -> k+1 carries a weight in
volts and its own delay (set from an array); a ring synapse 4 -> 0 closes the loop."""
from brian2 import *

start_scope()

tau = 10*ms
El = -70*mV
eqs = '''
dv/dt = (El - v + I*ohm)/tau : volt (unless refractory)
I : amp
'''
G = NeuronGroup(5, eqs, threshold='v > -50*mV', reset='v = -65*mV', refractory=2*ms, method='exact')
G.v = El
G.I = [25, 0, 0, 0, 0]*mA

S = Synapses(G, G, 'w : volt', on_pre='v_post += w')
S.connect(i=[0, 1, 2, 3, 4], j=[1, 2, 3, 4, 0])
S.w = [30, 25, 22, 21, 3]*mV
S.delay = [1.5, 0.3, 2.0, 0.0, 4.2]*ms

M = StateMonitor(G, 'v', record=True)
spikes = SpikeMonitor(G)
run(60*ms)
