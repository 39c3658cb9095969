"""A PoissonGroup driving neurons through Synapses: 100 sources at 20 Hz; all of them excite neuron
0 by 0.5 mV per spike, the first 50 (a subgroup) excite neuron 1 by 1 mV; the neurons' potentials
decay with tau = 10 ms and have no threshold, so they are a deterministic function of the input
spikes. 1 s. The synapses live inside a function because run_script.py collects Synapses through
get_states(), which in Brian2 has no j when the target is a subgroup that does not start at 0."""
from brian2 import *

start_scope()


def simulate():
    P = PoissonGroup(100, 20*Hz)
    G = NeuronGroup(2, 'dv/dt = -v/(10*ms) : volt', method='exact')
    first_half = P[:50]
    to_first = Synapses(P, G[:1], on_pre='v_post += 0.5*mV')
    to_first.connect()
    to_second = Synapses(first_half, G[1:], on_pre='v_post += 1*mV')
    to_second.connect()
    inputs = SpikeMonitor(P)
    potentials = StateMonitor(G, 'v', record=True)
    run(1*second)
    return G, inputs, potentials


G, inputs, potentials = simulate()
