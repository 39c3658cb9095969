"""Connection probability as a code string: pairs i != j of 200 neurons connect with probability
exp(-|i-j|/lambda_c), lambda_c = 10 (an external name)."""
from brian2 import *

start_scope()

N = 200
lambda_c = 10.0
G = NeuronGroup(N, 'v : 1')
S = Synapses(G, G)
S.connect(condition='i != j', p='exp(-abs(i - j)/lambda_c)')
