"""Generator syntax with a fixed-size sample: each of 100 neurons connects to exactly 8 distinct
targets out of 50, chosen at random."""
from brian2 import *

start_scope()

P = NeuronGroup(100, 'v : 1')
Q = NeuronGroup(50, 'v : 1')
S = Synapses(P, Q)
S.connect(j='k for k in sample(N_post, size=8)')
