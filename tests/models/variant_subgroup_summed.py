"""A summed variable whose target is a subgroup: the sum over synapses from one subgroup is written
into the variable of another group's subgroup only (the rest keeps its own values), every step; a
pathway adds to a parameter of a target subgroup. Both parameters enter the target's equations, so
they must be treated as changing during the run.
Brian2 updates a summed variable at the target's order minus one, and a subgroup's order is its
parent's plus one, so here the sum is taken after the groups' state updates."""
from brian2 import *

start_scope()


def simulate():
    G = NeuronGroup(8, '''dv/dt = (drive - v)/(10*ms) : 1
                          drive : 1''', threshold='v > 1', reset='v = 0', method='exact')
    G.drive = '0.9 + 0.1*i'
    H = NeuronGroup(6, '''dv/dt = (total + drive - v)/(5*ms) : 1
                          total : 1
                          drive : 1''', method='exact')
    H.total = -1
    senders = G[2:7]
    summed = Synapses(senders, H[1:4], '''w : 1
                                          total_post = w*v_pre : 1 (summed)''')
    summed.connect('i != j')
    summed.w = '1 + i - 0.5*j'
    kick = Synapses(G[5:], H[4:], on_pre='drive_post += 0.5')
    kick.connect()
    trace = StateMonitor(H, ['v', 'total'], record=True)
    spikes = SpikeMonitor(G)
    run(30*ms)
    return G, H, trace, spikes


G, H, trace, spikes = simulate()
