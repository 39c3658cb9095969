"""Tutorial part 2: the neighbour connectivity with the generator syntax, range bounds clipped to
the group."""
from brian2 import *

start_scope()

N = 10
G = NeuronGroup(N, 'v:1')

S = Synapses(G, G)
S.connect(j='k for k in range(clip(i-3, 0, N_post), clip(i+4, 0, N_post)) if i!=k')
