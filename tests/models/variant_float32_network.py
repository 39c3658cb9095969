"""A deterministic CUBA-like network stored in single precision (`default_float_dtype = float32`).

Twenty neurons with graded drive, exponential excitatory and inhibitory currents, a clamped
refractory period and all-to-all synapses whose weights depend on the indices. Everything the
model stores (v, ge, gi, the drive, the weights) is float32.
"""
from brian2 import *

prefs.core.default_float_dtype = float32

eqs = '''
dv/dt = (drive + ge + gi - v)/(20*ms) : 1 (unless refractory)
dge/dt = -ge/(5*ms) : 1
dgi/dt = -gi/(10*ms) : 1
drive : 1
'''
G = NeuronGroup(20, eqs, threshold='v > 1', reset='v = 0', refractory=3*ms, method='exact')
G.drive = '1.05 + 0.02*i'
G.v = 'i/20.0'
S = Synapses(G, G, 'w : 1', on_pre='ge_post += w')
S.connect(condition='i != j')
S.w = '0.003 + 0.001*((i + 3*j) % 5)'
inhibition = Synapses(G[:5], G, on_pre='gi_post -= 0.01')
inhibition.connect(p=1)
spikes = SpikeMonitor(G)
trace = StateMonitor(G, ['v', 'ge'], record=[0, 7, 19])
run(200*ms)
