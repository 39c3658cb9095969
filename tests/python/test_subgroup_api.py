"""Tests of subgroups (python/ranvier/groups/subgroup.py): ``G[a:b]`` and its use as a group.

Part 1 runs the real engine. Brian2's rules, checked with Brian2 2.11 where marked: a subgroup is a
contiguous slice (slices with step 1, a single index, or a list of contiguous indices for neuron
groups; slices only for subgroups and Poisson groups), its variables are the parent's, ``i`` in its
code counts from 0, and synapses and monitors see indices relative to it. ``run()`` does not collect
subgroups, and an object using a subgroup depends on the parent (Brian2's add_dependency). Part 2
feeds bad input to Ranvier and to Brian2 (the oracle) and checks that Ranvier raises the exception
class Brian2 raises.
"""

import warnings

import numpy as np
import pytest

from oracle.exceptions import assert_raises_as_brian2_does, outcomes_under_both

from ranvier import (Network, NeuronGroup, PoissonGroup, SpikeMonitor, StateMonitor, Subgroup, Synapses, collect,
                     defaultclock, ms, run, start_scope)


@pytest.fixture(autouse=True)
def fresh_scope():
    start_scope()
    defaultclock.dt = 0.1 * ms
    yield


def ramp(n=10, model="v : 1"):
    group = NeuronGroup(n, model)
    group.v = "i"
    return group


# ================================================================================================
# Part 1: behaviour
# ================================================================================================

# -- slicing -------------------------------------------------------------------------------------

def test_slices_single_indices_and_contiguous_lists_give_subgroups():
    G = ramp()
    for item, (start, stop) in [(slice(2, 5), (2, 5)), (3, (3, 4)), ([3, 4, 5], (3, 6)), (slice(-3, None), (7, 10)),
                                (slice(5, 20), (5, 10)), (np.int64(4), (4, 5)), (np.arange(1, 3), (1, 3))]:
        sub = G[item]
        assert isinstance(sub, Subgroup)
        assert (sub.start, sub.stop, len(sub), sub.N) == (start, stop, stop - start, stop - start)
        assert sub.source is G


def test_a_subgroup_of_a_subgroup_is_a_slice_of_the_root_group():
    G = ramp()
    inner = G[2:8][1:3]
    assert (inner.source, inner.start, inner.stop) == (G, 3, 5)
    assert G[2:8][-2:].start == 6  # negative slice bounds count from the subgroup's end (Brian2 2.11)
    assert list(inner.v[:]) == [3, 4]
    assert (Subgroup(G[4:], 1, 3).start, Subgroup(G[4:], 1, 3).stop) == (5, 7)


def test_subgroup_names_schedule_and_representation_follow_brian2():
    G = NeuronGroup(6, "v : 1", name="cells")
    sub = G[2:5]
    assert sub.name.startswith("cells_subgroup")
    assert repr(sub) == f"<Subgroup '{sub.name}' of 'cells' from 2 to 5>"
    assert (sub.when, sub.order) == ("thresholds", 1)  # as in Brian2 2.11: the parent's order plus one
    assert sub.namespace is G.namespace
    assert Subgroup(G, 0, 2, name="first_two").name == "first_two"


# -- variables -----------------------------------------------------------------------------------

def test_subgroup_variables_are_views_of_the_parent():
    G = ramp()
    sub = G[3:6]
    assert list(sub.v[:]) == [3, 4, 5]
    sub.v = 0
    assert list(G.v[:]) == [0, 1, 2, 0, 0, 0, 6, 7, 8, 9]
    G.v[4] = 42
    assert sub.v[1] == 42
    sub.v[[True, False, True]] = 5  # a boolean mask over the subgroup (Brian2 2.11 gives the same)
    assert list(G.v[:]) == [0, 1, 2, 5, 42, 5, 6, 7, 8, 9]


def test_code_on_a_subgroup_uses_its_own_index():
    G = ramp()
    G[4:].v = "i*2"
    assert list(G.v[:]) == [0, 1, 2, 3, 0, 2, 4, 6, 8, 10]  # Brian2 2.11 gives the same
    sub = G[4:]
    assert list(sub.i[:]) == [0, 1, 2, 3, 4, 5]
    assert list(sub.v["i > 3"]) == [8, 10]  # the condition's i is the subgroup's
    sub.v["v > 5"] = -1
    assert list(G.v[:]) == [0, 1, 2, 3, 0, 2, 4, -1, -1, -1]
    G[2:8][1:3].v = "i"
    assert list(G.v[3:5]) == [0, 1]


def test_shared_variables_through_a_subgroup_are_the_parents():
    G = NeuronGroup(6, """v : 1
                          x : 1 (shared)""")
    G.x = 3
    sub = G[2:5]
    assert sub.x[:] == 3
    sub.x = 4
    assert G.x[:] == 4


def test_subexpressions_read_through_a_subgroup_are_the_parents():
    G = NeuronGroup(6, """v : 1
                          y = 10*i + N : 1""")
    sub = G[2:5]
    # Brian2 2.11: a subexpression is the parent's variable, so its i and N are the parent's, both
    # when read and when used in code on the subgroup.
    assert list(sub.y[:]) == [26, 36, 46]
    sub.v = "y"
    assert list(G.v[:]) == [0, 0, 26, 36, 46, 0]
    M = StateMonitor(sub, "y", record=True)
    run(0.1 * ms)
    assert list(M.y[:, 0]) == [26, 36, 46]


def test_get_states_of_a_subgroup_matches_brian2():
    G = NeuronGroup(6, "v : 1", threshold="v > 1", refractory=1 * ms)
    # Brian2 2.11 leaves out i when the subgroup does not start at 0 (there i is a subexpression).
    assert sorted(G[2:5].get_states()) == ["N", "dt", "lastspike", "not_refractory", "t", "t_in_timesteps", "v"]
    assert "i" in G[:3].get_states()
    assert G[2:5].get_states()["N"] == 3


# -- synapses ------------------------------------------------------------------------------------

def test_synapse_indices_are_relative_to_the_subgroups():
    G = NeuronGroup(10, "v : 1", threshold="v > 1")
    S = Synapses(G[2:5], G[5:], "w : 1", on_pre="v += w")
    S.connect("i == j")
    assert list(S.i[:]) == [0, 1, 2] and list(S.j[:]) == [0, 1, 2]  # Brian2 2.11 gives the same
    assert S.N_pre == 3 and S.N_post == 5
    G.v = "i"
    assert list(S.v_pre[:]) == [2, 3, 4] and list(S.v_post[:]) == [5, 6, 7]
    T = Synapses(G[6:], G[:3])
    T.connect(i=[0, 3], j=[2, 0])
    assert list(T.i[:]) == [0, 3] and list(T.j[:]) == [2, 0]
    U = Synapses(G[8:], G[1:4])
    U.connect(j="k for k in range(N_post) if k != i")
    assert sorted(zip(U.i[:].tolist(), U.j[:].tolist())) == [(0, 1), (0, 2), (1, 0), (1, 2)]


def test_spikes_of_a_subgroup_reach_synapses_with_relative_indices():
    G = NeuronGroup(6, """dv/dt = drive/(10*ms) : 1
                          drive : 1
                          received : 1""", threshold="v > 1", reset="v = 0", method="euler")
    G.drive = [0, 0, 0, 2, 0, 0]  # only neuron 3 fires: in G[2:], it is neuron 1
    S = Synapses(G[2:], G[:2], on_pre="received_post += 1 + 10*i")
    S.connect("j == 0")
    run(6 * ms)
    assert list(G.received[:]) == [11, 0, 0, 0, 0, 0]


def test_poisson_subgroups_are_synapse_sources():
    P = PoissonGroup(10, 0 * defaultclock.dt ** -1)
    G = NeuronGroup(3, "v : 1")
    S = Synapses(P[2:6], G, on_pre="v += 1")
    S.connect()
    assert S.N_pre == 4 and len(S) == 12  # Brian2 2.11 gives the same


# -- monitors and networks -----------------------------------------------------------------------

def test_state_monitor_on_a_subgroup_records_relative_indices():
    G = NeuronGroup(6, "dv/dt = (i + 1)/(10*ms) : 1", method="euler")
    M = StateMonitor(G[3:], "v", record=[0, 2])
    run(1 * ms)
    assert list(M.record) == [0, 2]
    np.testing.assert_allclose(M.v[:, -1], [4 * 0.9 / 10, 6 * 0.9 / 10])
    np.testing.assert_allclose(M[2].v, M.v[1])


def test_spike_monitor_on_a_subgroup_records_relative_indices():
    G = NeuronGroup(10, "dv/dt = (i+1)/(10*ms) : 1", threshold="v > 1", reset="v = 0", method="euler")
    M = SpikeMonitor(G[2:5])
    run(5 * ms)
    assert list(M.i[:]) == [2, 1, 0, 2, 1]  # Brian2 2.11 gives the same
    assert list(M.count[:]) == [1, 2, 2]


def test_run_does_not_collect_subgroups_and_needs_their_parent():
    def make():
        G = NeuronGroup(4, "dv/dt = 1/(10*ms) : 1", method="euler")
        return G[1:3]

    sub = make()
    assert collect() == set()  # as in Brian2 2.11: the subgroup is not collected, nor its parent
    M = StateMonitor(sub, "v", record=True)
    with pytest.warns(UserWarning, match="not the object on which it depends"):
        run(1 * ms)
    assert not M.active
    assert list(sub.v[:]) == [0, 0]


def test_objects_using_a_subgroup_run_with_the_parent():
    G = NeuronGroup(4, "dv/dt = 1/(10*ms) : 1", method="euler")
    sub = G[1:3]
    M = StateMonitor(sub, "v", record=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run(1 * ms)
    assert M.v.shape == (2, 10)
    np.testing.assert_allclose(sub.v[:], [0.1, 0.1])


def test_networks_need_the_parent_of_the_subgroups_their_objects_use():
    G = NeuronGroup(4, "dv/dt = 1/(10*ms) : 1", method="euler")
    with pytest.raises(ValueError, match="not the object on which it depends"):
        Network(G[2:], StateMonitor(G[2:], "v", record=True)).run(1 * ms)
    M = StateMonitor(G[1:3], "v", record=True)
    net = Network(G, G[1:3], M)  # a subgroup in a network runs nothing of its own
    net.run(1 * ms)
    np.testing.assert_allclose(G.v[:], [0.1] * 4)
    assert M.v.shape == (2, 10)


# ================================================================================================
# Part 2: bad input gets the exception Brian2 raises
# ================================================================================================

GROUP = "G = NeuronGroup(10, 'v : 1', threshold='v > 1')\n"

# name -> snippet. Ranvier must raise an exception of the class Brian2 raises.
BAD_INPUT = {
    "slice with a step": GROUP + "G[::2]",
    "indices that are not contiguous": GROUP + "G[[1, 3]]",
    "float indices": GROUP + "G[np.array([3., 4.])]",
    "empty list": GROUP + "G[[]]",
    "empty slice": GROUP + "G[5:3]",
    "index beyond the group": GROUP + "G[10]",
    "negative single index": GROUP + "G[-1]",
    "condition string": GROUP + "G['i > 3']",
    "single index of a subgroup": GROUP + "G[2:8][1]",
    "slice with a step of a subgroup": GROUP + "G[2:8][::2]",
    "empty slice of a subgroup": GROUP + "G[2:8][4:2]",
    "single index of a Poisson group": "P = PoissonGroup(5, 1*Hz)\nP[1]",
    "values of the wrong length": GROUP + "G[2:5].v = [1, 2]",
    "synapse index outside the target subgroup": GROUP + "S = Synapses(G[0:2], G[2:4])\nS.connect(i=0, j=2)",
    "synapse index outside the source subgroup": GROUP + "S = Synapses(G[0:2], G[2:4])\nS.connect(i=2, j=0)",
    "monitor of a subgroup in a network without the parent":
        GROUP + "s = G[2:5]\nM = StateMonitor(s, 'v', record=True)\nNetwork(s, M).run(1*ms)",
    "synapses of subgroups in a network without the parent":
        GROUP + "S = Synapses(G[2:5], G[5:], on_pre='v += 1')\nS.connect()\nNetwork(S).run(1*ms)",
}

# Cases where Ranvier does not raise Brian2's exception yet: name -> where it is to be fixed.
KNOWN_DIFFERENCES = {}


@pytest.fixture(scope="module")
def bad_input_outcomes(oracle):
    return outcomes_under_both(oracle, BAD_INPUT)


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_DIFFERENCES[name]))
    if name in KNOWN_DIFFERENCES else name
    for name in sorted(BAD_INPUT)])
def test_bad_subgroup_input_raises_brian2s_exception(bad_input_outcomes, name):
    brian2, ranvier = bad_input_outcomes[name]
    assert_raises_as_brian2_does(name, brian2, ranvier)
