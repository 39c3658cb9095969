"""store() / restore(): snapshots of a network in memory and in files (Brian2's semantics).

Spike-for-spike agreement with Brian2 is in the differential models store_restore_*; these tests
check the behaviours one by one, and the errors against what Brian2 raises for the same code.
"""

import subprocess
import sys
import textwrap

import numpy as np
import pytest

import ranvier
from ranvier import (Network, NeuronGroup, PopulationRateMonitor, SpikeMonitor, StateMonitor, Synapses,
                     defaultclock, ms, restore, run, seed, start_scope, store)


def delayed_ring(noise=False):
    """Twelve neurons in a ring with per-synapse delays (spikes are in flight between steps)."""
    extra = " + 0.2*xi*sqrt(1/(8*ms))" if noise else ""
    neurons = NeuronGroup(12, "dv/dt = (1.1 - v)/(8*ms)" + extra + " : 1 (unless refractory)", threshold="v > 1",
                          reset="v = 0", refractory=2 * ms, method="euler" if noise else "exact")
    neurons.v = "i*0.08"
    synapses = Synapses(neurons, neurons, "w : 1", on_pre="v_post += w")
    synapses.connect(j="(i + 1) % 12")
    synapses.w = 0.2
    synapses.delay = "(1 + (i + 2*j) % 7)*0.35*ms"
    spikes = SpikeMonitor(neurons)
    trace = StateMonitor(neurons, "v", record=[0, 3])
    rate = PopulationRateMonitor(neurons)
    return Network(neurons, synapses, spikes, trace, rate), spikes, trace, rate


def train(spikes):
    return list(zip(spikes.i[:].tolist(), spikes.t_[:].tolist()))


def test_restoring_a_snapshot_taken_at_zero_repeats_the_run_spike_for_spike():
    net, spikes, trace, rate = delayed_ring()
    net.store()
    net.run(30 * ms)
    first, first_trace = train(spikes), np.array(trace.v)
    assert len(first) > 10
    net.restore()
    assert net.t == 0 * ms
    assert len(spikes.t) == 0 and spikes.num_spikes == 0 and trace.t.shape == (0,) and len(rate.rate) == 0
    net.run(30 * ms)
    assert train(spikes) == first
    assert np.array_equal(np.array(trace.v), first_trace)


def test_network_operations_and_run_regularly_code_hold_no_state_and_run_again_after_restore():
    # Brian2 leaves objects without state of their own out of a snapshot; they run as before.
    start_scope()
    neurons = NeuronGroup(2, "dv/dt = -v/(10*ms) : 1", threshold="v > 1", reset="v = 0", method="exact")
    neurons.run_regularly("v += 0.5", dt=1 * ms)
    calls = []
    operation = ranvier.NetworkOperation(lambda t: calls.append(float(t)), dt=2 * ms)
    spikes = SpikeMonitor(neurons)
    net = Network(neurons, spikes, operation)
    net.store()
    net.run(10 * ms)
    first, first_calls = train(spikes), list(calls)
    net.restore()
    calls.clear()
    net.run(10 * ms)
    assert train(spikes) == first and first
    assert calls == first_calls == [0.0, 0.002, 0.004, 0.006, 0.008]


def test_values_recorded_at_spikes_rewind_with_the_spike_monitor():
    start_scope()
    neurons = NeuronGroup(3, "dv/dt = (2 - v)/(5*ms) : 1", threshold="v > 1", reset="v = 0", method="exact")
    neurons.v = "i*0.3"
    spikes = SpikeMonitor(neurons, variables="v")
    net = Network(neurons, spikes)
    net.run(5 * ms)
    recorded = (spikes.i[:].tolist(), spikes.v[:].tolist(), spikes.count[:].tolist())
    net.store()
    net.run(5 * ms)
    assert len(spikes.v) > len(recorded[1])
    net.restore()
    assert (spikes.i[:].tolist(), spikes.v[:].tolist(), spikes.count[:].tolist()) == recorded


def test_a_snapshot_taken_mid_run_keeps_spikes_in_flight_and_monitors_rewind_to_its_length():
    net, spikes, trace, rate = delayed_ring()
    net.run(7.3 * ms)
    recorded = (len(spikes.t), len(trace.t), len(rate.t))
    net.store("middle")
    net.run(20 * ms)
    continued = train(spikes)
    net.restore("middle")
    assert float(net.t / ms) == pytest.approx(7.3)
    assert (len(spikes.t), len(trace.t), len(rate.t)) == recorded
    net.run(20 * ms)
    assert train(spikes) == continued


def test_cuba_continues_identically_after_restoring_a_mid_run_snapshot():
    # CUBA runs on the engine's fused kernels and its subgroup synapses: the fast paths restore too.
    seed(11)
    eqs = """
    dv/dt = (ge + gi - (v + 49*mV))/(20*ms) : volt (unless refractory)
    dge/dt = -ge/(5*ms) : volt
    dgi/dt = -gi/(10*ms) : volt
    """
    P = NeuronGroup(2000, eqs, threshold="v > -50*mV", reset="v = -60*mV", refractory=5 * ms, method="exact")
    P.v = "-60*mV + rand()*10*mV"
    Ce = Synapses(P[:1600], P, on_pre="ge += 1.62*mV")
    Ci = Synapses(P[1600:], P, on_pre="gi += -9*mV")
    Ce.connect(p=0.04)
    Ci.connect(p=0.04)
    spikes = SpikeMonitor(P)
    net = Network(P, Ce, Ci, spikes)
    net.run(30 * ms)
    net.store()
    net.run(50 * ms)
    continued = train(spikes)
    assert len(continued) > 500
    net.restore()
    net.run(50 * ms)
    assert train(spikes) == continued


def test_several_named_snapshots_coexist():
    net, spikes, _, _ = delayed_ring()
    net.store("start")
    net.run(10 * ms)
    net.store("ten")
    net.run(10 * ms)
    net.restore("start")
    assert net.t == 0 * ms
    net.restore("ten")
    assert float(net.t / ms) == pytest.approx(10)
    net.restore("start")
    assert spikes.num_spikes == 0


def test_arrays_read_before_a_restore_keep_their_values():
    net, spikes, _, _ = delayed_ring()
    net.store()
    net.run(30 * ms)
    times = spikes.t_
    before = times.copy()
    net.restore()
    assert np.array_equal(times, before)


def test_the_random_state_is_restored_only_on_request():
    seed(3)
    net, spikes, _, _ = delayed_ring(noise=True)
    net.store()
    net.run(30 * ms)
    first = train(spikes)
    net.restore(restore_random_state=True)
    net.run(30 * ms)
    assert train(spikes) == first
    net.restore()
    net.run(30 * ms)
    assert train(spikes) != first


def test_restoring_a_snapshot_from_before_connect_removes_the_synapses():
    group = NeuronGroup(3, "v : 1", threshold="v > 1")
    synapses = Synapses(group, group, "w : 1", on_pre="v_post += w")
    net = Network(group, synapses)
    net.store()
    synapses.connect()
    synapses.w = "i + j"
    assert len(synapses) == 9 and len(synapses.w) == 9
    net.restore()
    assert len(synapses) == 0 and len(synapses.w) == 0 and len(synapses.i) == 0
    net.run(1 * ms)


def test_a_spike_generator_gets_back_the_spikes_it_had_when_stored():
    # Brian2 2.11 restores the neuron indices but keeps the new spike times here ([0, 1] at 3 and 4 ms):
    # Ranvier restores the whole schedule.
    from ranvier import SpikeGeneratorGroup
    generator = SpikeGeneratorGroup(2, [1, 0], [2, 1] * ms)
    spikes = SpikeMonitor(generator)
    net = Network(generator, spikes)
    net.store()
    generator.set_spikes([0, 0], [3, 4] * ms)
    assert list(generator.neuron_index) == [0, 0]
    net.restore()
    assert list(generator.neuron_index) == [0, 1] and list(generator.spike_time / ms) == [1, 2]
    net.run(5 * ms)
    assert list(spikes.i) == [0, 1] and list(np.round(spikes.t_ / 1e-3, 9)) == [1, 2]


def test_the_time_step_is_restored_with_the_snapshot():
    net, _, _, _ = delayed_ring()
    defaultclock.dt = 0.1 * ms
    net.store()
    defaultclock.dt = 0.05 * ms
    try:
        net.restore()
        assert defaultclock.dt == 0.1 * ms
    finally:
        defaultclock.dt = 0.1 * ms


def test_module_level_store_and_restore_use_the_visible_objects_and_continue_the_simulation():
    start_scope()
    group = NeuronGroup(2, "dv/dt = (2 - v)/(10*ms) : 1", threshold="v > 1", reset="v = 0", method="exact")
    spikes = SpikeMonitor(group)
    store()
    run(20 * ms)
    first = train(spikes)
    restore()
    assert spikes.num_spikes == 0 and ranvier.magic_network.t == 0 * ms
    run(20 * ms)  # the objects now belong to the magic network: no MagicError, no new simulation
    assert train(spikes) == first and ranvier.magic_network.t == 20 * ms


def test_files_hold_several_snapshots_and_replace_a_stored_name(tmp_path):
    path = tmp_path / "snapshots.bin"
    net, spikes, _, _ = delayed_ring()
    net.store("a", filename=path)
    net.run(5 * ms)
    net.store("b", filename=str(path))
    net.run(5 * ms)
    net.store("a", filename=path)
    net.restore("b", filename=path)
    assert float(net.t / ms) == pytest.approx(5)
    net.restore("a", filename=path)
    assert float(net.t / ms) == pytest.approx(10)
    with pytest.raises(KeyError) as missing:
        net.restore("c", filename=path)
    assert missing.value.args == ("c",)


PROCESS_SCRIPT = """
import sys
import numpy as np
from ranvier import *
neurons = NeuronGroup(12, 'dv/dt = (1.1 - v)/(8*ms) : 1 (unless refractory)', threshold='v > 1', reset='v = 0',
                      refractory=2*ms, method='exact')
neurons.v = 'i*0.08'
synapses = Synapses(neurons, neurons, 'w : 1', on_pre='v_post += w')
spikes = SpikeMonitor(neurons)
if sys.argv[1] == 'store':
    synapses.connect(j='(i + 1) % 12')
    synapses.w = 0.2
    synapses.delay = '(1 + (i + 2*j) % 7)*0.35*ms'
    run(7.35*ms)
    store('middle', filename=sys.argv[2])
else:
    restore('middle', filename=sys.argv[2])  # brings the synapses, their delays and spikes in flight
run(20*ms)
np.save(sys.argv[3], np.array([spikes.i[:], spikes.t_[:]]))
"""


def test_a_file_restores_a_network_built_the_same_way_in_another_process(tmp_path):
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(PROCESS_SCRIPT))
    snapshot = tmp_path / "state.bin"
    for step in ("store", "restore"):
        subprocess.run([sys.executable, str(script), step, str(snapshot), str(tmp_path / f"{step}.npy")],
                       check=True, capture_output=True, timeout=120)
    stored, restored = np.load(tmp_path / "store.npy"), np.load(tmp_path / "restore.npy")
    assert stored.shape[1] > 10
    assert np.array_equal(stored, restored)


def test_bad_files_give_clear_errors(tmp_path):
    net, _, _, _ = delayed_ring()
    with pytest.raises(FileNotFoundError):
        net.restore(filename=tmp_path / "missing.bin")
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(b"garbage")
    with pytest.raises(ValueError, match="is not a Ranvier snapshot file"):
        net.restore(filename=garbage)
    with pytest.raises(ValueError, match="is not a Ranvier snapshot file"):
        net.store(filename=garbage)  # never overwrites a file that is not a snapshot file
    assert garbage.read_bytes() == b"garbage"
    good = tmp_path / "good.bin"
    net.store(filename=good)
    good.write_bytes(good.read_bytes()[:-3])
    with pytest.raises(ValueError, match="truncated"):
        net.restore(filename=good)
    with pytest.raises(OSError):
        net.store(filename=tmp_path / "no-such-dir" / "x.bin")
    with pytest.raises(TypeError):
        net.store(3, filename=good)


def test_a_file_from_a_different_model_is_refused_without_changing_anything(tmp_path):
    path = tmp_path / "other.bin"
    other = Network(NeuronGroup(5, "v : 1", name="neurons"))
    other.store(filename=path)
    group = NeuronGroup(6, "v : 1", name="neurons")
    group.v = 1
    with pytest.raises(ValueError, match="Cannot restore 'neurons'.*5 elements, but the object has 6"):
        Network(group).restore(filename=path)
    assert np.all(group.v[:] == 1)


# The errors Brian2 raises for names that do not match, checked against Brian2 itself.
ERROR_SNIPPETS = {
    "unknown_name": """
G = NeuronGroup(1, 'v : 1')
net = Network(G)
net.store('a')
net.restore('nope')
""",
    "never_stored": """
net = Network(NeuronGroup(1, 'v : 1'))
net.restore()
""",
    "object_created_after_store": """
G = NeuronGroup(1, 'v : 1', name='first')
net = Network(G)
net.store()
net.add(NeuronGroup(1, 'v : 1', name='second'))
net.restore()
""",
    "object_removed_after_store": """
G = NeuronGroup(1, 'v : 1', name='first')
M = StateMonitor(G, 'v', record=0, name='trace')
net = Network(G, M)
net.store()
net.remove(M)
net.restore()
""",
    "missing_file": """
net = Network(NeuronGroup(1, 'v : 1'))
net.restore(filename='/nonexistent-directory/snapshot.bin')
""",
    "name_missing_in_file": """
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), 'snapshot.bin')
net = Network(NeuronGroup(1, 'v : 1'))
net.store('a', filename=path)
net.restore('b', filename=path)
""",
    "magic_monitor_created_after_store": """
G = NeuronGroup(1, 'v : 1', threshold='v > 1', name='group')
store()
M = SpikeMonitor(G, name='late')
restore()
""",
}


@pytest.mark.parametrize("name", sorted(ERROR_SNIPPETS))
def test_mismatched_names_raise_what_brian2_raises(oracle, name):
    [expected] = oracle.brian2_snippet_outcomes([ERROR_SNIPPETS[name]])
    outcome = oracle.ranvier_snippet_outcome(ERROR_SNIPPETS[name])
    assert expected["raised"] and outcome["raised"], (expected, outcome)
    assert outcome["chain"][0]["type"] == expected["chain"][0]["type"]
    assert outcome["chain"][0]["message"] == expected["chain"][0]["message"]
