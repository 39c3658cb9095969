"""Generator syntax with a random sample: each of 300 neurons connects to each of 150 targets with
probability 0.05 (self-connections allowed as the groups differ)."""
from brian2 import *

start_scope()

P = NeuronGroup(300, 'v : 1')
Q = NeuronGroup(150, 'v : 1')
S = Synapses(P, Q)
S.connect(j='k for k in sample(N_post, p=0.05)')
