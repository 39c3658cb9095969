"""Event-driven STDP with per-synapse delays and 2 synapses per pair (n=2): the traces are brought
up to date only when a pathway runs, so lastupdate and the final traces are compared too."""
from brian2 import *

start_scope()

taupre = 10*ms
taupost = 30*ms
pre_group = NeuronGroup(3, '''dv/dt = (I - v)/(8*ms) : 1
                              I : 1''', threshold='v > 1', reset='v = 0', method='exact')
pre_group.I = [1.3, 1.8, 2.6]
post_group = NeuronGroup(2, '''dv/dt = (I - v)/(12*ms) : 1
                               I : 1''', threshold='v > 1', reset='v = 0', method='exact')
post_group.I = [1.4, 2.2]
S = Synapses(pre_group, post_group,
             '''w : 1
                dapre/dt = -apre/taupre : 1 (event-driven)
                dapost/dt = -apost/taupost : 1 (event-driven)''',
             on_pre='''apre += 0.02
                       w += apost''',
             on_post='''apost -= 0.015
                        w += apre''')
S.connect(n=2)
S.delay = '(i + 2*j)*0.7*ms'
S.w = 0.5
run(80*ms)
