"""run_regularly at several periods and slots, on neurons and on synapses, across two runs.

The drive I steps up every 1 ms from t = 0 (in `start`), v is halved every 2.5 ms at the end of the
step (a period that is not a multiple of dt's 0.1 ms... in whole steps, 25), every reset step counts
up `n` (in `resets`, after the reset), and the synaptic weights decay every 3 ms. The halving also
acts on refractory neurons: run_regularly code ignores refractoriness.
"""
from brian2 import *

eqs = '''
dv/dt = (I - v)/(5*ms) : 1 (unless refractory)
I : 1
n : 1
'''
G = NeuronGroup(4, eqs, threshold='v > 1', reset='v = 0', refractory=3*ms, method='exact')
G.I = [0.9, 1.1, 1.5, 2.5]
G.run_regularly('I += 0.05', dt=1*ms)
G.run_regularly('v = v * 0.5', dt=2.5*ms, when='end')
G.run_regularly('n += int(not_refractory)', when='resets')
S = Synapses(G, G, 'w : 1', on_pre='v_post += w')
S.connect(j='(i + 1) % 4')
S.w = 0.3
S.run_regularly('w *= 0.9', dt=3*ms, when='start', order=1)
trace = StateMonitor(G, ['v', 'I'], record=True)
spikes = SpikeMonitor(G)
run(17*ms)
G.I = 1.2
run(13.35*ms)
