"""Several connect() forms on one Synapses object, then weights set by synaptic indexing:
broadcast index arrays, n copies, a one-to-one expression with a condition, a generator with a
range step, a string multiplicity and a condition on neuron variables."""
from brian2 import *

start_scope()

P = NeuronGroup(6, 'x : 1')
Q = NeuronGroup(8, 'y : 1')
P.x = 'i*0.5'
Q.y = '7 - i'
S = Synapses(P, Q, 'w : 1')
S.connect(i=[0, 1, 2], j=3)
S.connect(i=4, j=[0, 7], n=2)
S.connect(j='i + 2 if i < 4')
S.connect(j='k for k in range(0, N_post, 3) if k != i')
S.connect(condition='x_pre > y_post', n='1 + i % 2')
S.w = 'i + j/10.0'
S.w[0, :] = 5
S.w[4, 7] = -1
S.w['j == 3'] = 'w*2'
S.w[2] = 100
T = Synapses(P, Q, 'u : 1')
T.connect(i=np.arange(6), j=np.arange(6) + 1)
T.connect(False)
T.u = 'x_pre + y_post'
