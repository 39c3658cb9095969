"""Equations objects as Brian2 scripts build them: a membrane equation with its time constant
substituted by a value and its drive renamed, joined with `+` to a current equation, and the same
synaptic model used twice with different substituted time constants."""
from brian2 import *

membrane = Equations('dv/dt = (I_drive - v)/tau : 1 (unless refractory)', tau=12*ms, I_drive='I')
current = Equations('dI/dt = (I_rest - I)/tau_I : 1')
eqs = membrane + current
I_rest = 1.4
tau_I = 30*ms
G = NeuronGroup(12, eqs, threshold='v > 1', reset='v = 0; I += 0.2', refractory=3*ms, method='exact')
G.I = 'i*0.2'

trace_model = 'dx/dt = -x/tau_x : 1 (event-driven)'
S_fast = Synapses(G, G, Equations(trace_model, tau_x=5*ms), on_pre='x += 1; v_post += 0.01*x', name='fast')
S_slow = Synapses(G, G, Equations(trace_model, tau_x=50*ms), on_pre='x += 1; v_post += 0.01*x', name='slow')
S_fast.connect(j='(i + 1) % N_post')
S_slow.connect(j='(i + 5) % N_post')

spikes = SpikeMonitor(G)
trace = StateMonitor(G, ['v', 'I'], record=[0, 6, 11])
run(150*ms)
