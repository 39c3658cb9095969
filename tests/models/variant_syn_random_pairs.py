"""Random connectivity at scale: 200 neurons, each pair i != j connected with probability 0.1, and
a uniformly drawn weight per synapse."""
from brian2 import *

start_scope()

N = 200
G = NeuronGroup(N, 'v : 1')
S = Synapses(G, G, 'w : 1')
S.connect(condition='i != j', p=0.1)
S.w = 'rand()'
