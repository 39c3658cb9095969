"""Tutorial part 2: the same connectivity for p = 0.1, 0.5 and 1.0 (plotting left out). The last
Synapses object, with p = 1.0, connects every pair i != j, whatever the random draws before it."""
from brian2 import *

start_scope()

N = 10
G = NeuronGroup(N, 'v:1')

for p in [0.1, 0.5, 1.0]:
    S = Synapses(G, G)
    S.connect(condition='i!=j', p=p)
