"""Synaptic effects on refractory neurons: Brian2 applies a synaptic write to a neuron variable
declared `(unless refractory)` only where that neuron is not refractory, while writes to other
variables (here the current I and the synaptic trace) always happen. Inputs arrive both while the
targets are refractory and while they integrate, through `on_pre` (postsynaptic writes) and
`on_post` (presynaptic writes)."""
from brian2 import *

eqs = '''
dv/dt = (I - v)/(10*ms) : 1 (unless refractory)
dI/dt = (1.3 - I)/(20*ms) : 1
'''
G = NeuronGroup(8, eqs, threshold='v > 1', reset='v = 0', refractory=4*ms, method='exact')
G.I = 'i*0.15'
S = Synapses(G, G, '''w : 1
                      dx/dt = -x/(8*ms) : 1 (event-driven)''',
             on_pre='''x += 1
                       v_post += w*x
                       I_post += 0.01''',
             on_post='v_pre = v_pre + 0.02')
S.connect(j='(i + 3) % N_post')
S.w = 'i*0.02'

spikes = SpikeMonitor(G)
trace = StateMonitor(G, ['v', 'I'], record=[0, 3, 7])
run(120*ms)
