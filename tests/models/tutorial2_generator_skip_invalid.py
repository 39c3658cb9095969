"""Tutorial part 2 (older edition): the neighbour connectivity with the generator syntax, skipping
targets outside the group (skip_if_invalid=True)."""
from brian2 import *

start_scope()

N = 10
G = NeuronGroup(N, 'v:1')

S = Synapses(G, G)
S.connect(j='k for k in range(i-3, i+4) if i!=k', skip_if_invalid=True)
