"""Pre- and postsynaptic pathways with delays: the presynaptic group fires at fixed times, the
postsynaptic group at other fixed times; on_pre adds w to the target and on_post (delayed by 2 ms)
changes w by a value depending on the postsynaptic neuron's own variable."""
from brian2 import *

start_scope()

P = NeuronGroup(3, 'ts : second', threshold='t > ts', refractory=8*ms)
P.ts = [1, 4, 9]*ms
Q = NeuronGroup(2, '''ts : second
                      x : 1''', threshold='t > ts', refractory=6*ms)
Q.ts = [3, 7]*ms
S = Synapses(P, Q, 'w : 1',
             on_pre='x_post += w',
             on_post='w += 0.5*x_post - 0.1',
             delay={'pre': 1*ms, 'post': 2*ms})
S.connect()
S.w = 'i + 0.1*j'
M = StateMonitor(S, 'w', record=True)
Mq = StateMonitor(Q, 'x', record=True)
run(30*ms)
