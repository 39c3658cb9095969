"""Tutorial part 2: neurons placed 50 um apart, all pairs i != j connected, weights decaying with
distance as exp(-(x_pre-x_post)**2/(2*width**2)) (plotting left out; nothing is simulated)."""
from brian2 import *

start_scope()

N = 30
neuron_spacing = 50*umetre
width = N/4.0*neuron_spacing

# Neuron has one variable x, its position
G = NeuronGroup(N, 'x : metre')
G.x = 'i*neuron_spacing'

# All synapses are connected (excluding self-connections)
S = Synapses(G, G, 'w : 1')
S.connect(condition='i!=j')
# Weight varies with distance
S.w = 'exp(-(x_pre-x_post)**2/(2*width**2))'
