"""Tutorial part 2: one-to-one connectivity, j='i'."""
from brian2 import *

start_scope()

N = 10
G = NeuronGroup(N, 'v:1')

S = Synapses(G, G)
S.connect(j='i')
