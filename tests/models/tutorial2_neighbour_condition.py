"""Tutorial part 2: connect only neighbouring neurons, condition 'abs(i-j)<4 and i!=j'."""
from brian2 import *

start_scope()

N = 10
G = NeuronGroup(N, 'v:1')

S = Synapses(G, G)
S.connect(condition='abs(i-j)<4 and i!=j')
