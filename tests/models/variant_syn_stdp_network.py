"""Clock-driven STDP between two driven populations: 4 inputs with different rates drive 3 outputs
through all-to-all plastic synapses; traces, weights and output potentials are recorded."""
from brian2 import *

start_scope()

taupre, taupost = 15*ms, 25*ms
wmax = 0.6
Apre = 0.05
Apost = -Apre*1.1
inputs = NeuronGroup(4, '''dv/dt = (I - v)/(10*ms) : 1
                           I : 1''', threshold='v > 1', reset='v = 0', method='exact')
inputs.I = [1.5, 2.0, 3.0, 4.5]
outputs = NeuronGroup(3, 'dv/dt = -v/(20*ms) : 1', threshold='v > 1', reset='v = 0', method='exact')
S = Synapses(inputs, outputs,
             '''w : 1
                dapre/dt = -apre/taupre : 1 (clock-driven)
                dapost/dt = -apost/taupost : 1 (clock-driven)''',
             on_pre='''v_post += w
                       apre += Apre
                       w = clip(w + apost, 0, wmax)''',
             on_post='''apost += Apost
                        w = clip(w + apre, 0, wmax)''', method='exact')
S.connect()
S.w = '0.2 + 0.1*i - 0.05*j'
M = StateMonitor(S, ['w', 'apre', 'apost'], record=[0, 5, 11])
Mv = StateMonitor(outputs, 'v', record=True)
out_spikes = SpikeMonitor(outputs)
run(100*ms)
