"""Tutorial part 2, 'More complex connectivity': 10 neurons, every pair i != j connected with
probability 0.2."""
from brian2 import *

start_scope()

N = 10
G = NeuronGroup(N, 'v:1')
S = Synapses(G, G)
S.connect(condition='i!=j', p=0.2)
