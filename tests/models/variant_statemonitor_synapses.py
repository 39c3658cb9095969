"""StateMonitors on Synapses: the postsynaptic potential each synapse sees (v_post), the
presynaptic one (v_pre), the synaptic weight (w, for the synapses leaving neuron 0, S[0, :]) and,
through a second Synapses object, the postsynaptic variable that a summed variable writes (g_post).
Three neurons driven above threshold excite three targets; the targets' g is the sum of the
synapses' clock-driven traces. Euler, 40 ms."""
from brian2 import *

start_scope()

sources = NeuronGroup(3, 'dv/dt = (1.5 + 0.2*i - v)/(10*ms) : 1', threshold='v > 1', reset='v = 0', method='exact')
targets = NeuronGroup(3, '''dv/dt = (g - v)/(5*ms) : 1
g : 1''', method='exact')
S = Synapses(sources, targets, 'w : 1', on_pre='v_post += w')
S.connect(condition='i != j')
S.w = '0.1 + 0.05*i + 0.02*j'
traces = Synapses(sources, targets, '''dx/dt = -x/(3*ms) : 1 (clock-driven)
g_post = x*(1 + j) : 1 (summed)''', on_pre='x += 1', method='euler')
traces.connect(condition='i <= j')
post_side = StateMonitor(S, ['v_post', 'v_pre'], record=True)
weights = StateMonitor(S, 'w', record=S[0, :])
summed = StateMonitor(traces, 'g_post', record=[0, 2, 5])
target_g = StateMonitor(targets, 'g', record=True)
run(40*ms)
