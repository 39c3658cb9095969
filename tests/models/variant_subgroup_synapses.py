"""Subgroups as synapse sources and targets, with indices relative to each subgroup (Brian2's
semantics): conditions, explicit index arrays, a generator using N_post, per-synapse weights from i
and j, a delay, values set on subgroups (code strings using their own i, arrays, index and condition
slices, a subgroup of a subgroup, a single-neuron subgroup) and StateMonitors on subgroups.

The synapses live inside a function because run_script.py collects Synapses through get_states(),
which in Brian2 has no i and j when a subgroup does not start at 0; their i, j and w are kept,
sorted by (i, j), in plain NeuronGroups so that they are compared too."""
from brian2 import *

start_scope()


def index_record(S):
    """A NeuronGroup holding the synapses' i, j and w in (i, j) order, for the comparison."""
    pre, post = np.asarray(S.i[:]), np.asarray(S.j[:])
    order = np.lexsort((post, pre))
    record = NeuronGroup(len(pre), '''pre : 1
                                      post : 1
                                      weight : 1''')
    record.pre = pre[order]
    record.post = post[order]
    record.weight = np.asarray(S.w[:])[order]
    return record


def simulate():
    G = NeuronGroup(12, '''dv/dt = (drive - v)/(10*ms) : 1 (unless refractory)
                           drive : 1''',
                    threshold='v > 1', reset='v = 0', refractory=2*ms, method='exact')
    H = NeuronGroup(6, 'dv/dt = -v/(20*ms) : 1', threshold='v > 0.4', reset='v = 0', method='exact')
    G[:4].drive = '1.2 + 0.2*i'
    G[4:9].drive = 0.5
    G[9:].drive = [1.5, 1.1, 1.3]
    quiet = G[4:9]  # kept in a name: Brian2's views of a temporary subgroup lose it
    quiet.v['i >= 3'] = 0.6
    quiet.v[1:3] = 0.2
    middle = G[3:10]
    middle[2:4].v = '0.1*i + 0.35'
    G[10].v = 0.9

    forward = Synapses(G[:4], H[2:], 'w : 1', on_pre='v_post += w')
    forward.connect('j >= i')
    forward.w = '0.1 + 0.05*i + 0.02*j + 0.001*N_post'
    lateral = Synapses(G[9:], quiet, 'w : 1', on_pre='v += w')
    lateral.connect(j='k for k in range(i, N_post) if k % 2 == 0')
    lateral.w = '0.3 - 0.05*j'
    backward = Synapses(H[1:4], G[6:], 'w : 1', on_pre='v_post += w', delay=1*ms)
    backward.connect(i=[0, 2, 1], j=[5, 0, 3])
    backward.w = [0.25, 0.5, 0.125]

    trace = StateMonitor(quiet, ['v', 'drive'], record=[0, 3])
    trace_h = StateMonitor(H[:3], 'v', record=True)
    spikes_g = SpikeMonitor(G)
    spikes_h = SpikeMonitor(H)
    run(60*ms)
    records = [index_record(S) for S in (forward, lateral, backward)]
    return G, H, trace, trace_h, spikes_g, spikes_h, records


G, H, trace, trace_h, spikes_g, spikes_h, (forward_synapses, lateral_synapses, backward_synapses) = simulate()
