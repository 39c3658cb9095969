"""Tests of SpikeMonitor's recorded variables and counts-only mode, StateMonitor's variables=True,
synaptic and single-step recording, and PoissonInput (python/ranvier/monitors/, groups/poissoninput.py).

Part 1 runs the real engine on models whose results follow by hand (values Brian2 2.11 gave for the
same code say so; the statistics and full traces are compared with Brian2 by the differential
tests: tests/models/variant_*spike_values.py, variant_statemonitor_*.py, variant_poisson_input.py).
Part 2 feeds bad input to Ranvier and to Brian2 and checks that Ranvier raises Brian2's exception.
"""


import numpy as np
import pytest

from oracle.exceptions import assert_raises_as_brian2_does, outcomes_under_both

import ranvier
from ranvier import (Hz, NeuronGroup, PoissonGroup, PoissonInput, SpikeMonitor, StateMonitor, Synapses, defaultclock,
                     mV, ms, run, start_scope, volt)


@pytest.fixture(autouse=True)
def fresh_scope():
    start_scope()
    defaultclock.dt = 0.1 * ms
    yield


def ramp_group(n=3, **kwargs):
    """v grows by 0.3 per step from 0.15*i and resets to 0 above 1: neurons 1 and 2 spike in step 2
    (v = 1.05 and 1.2), neuron 0 in step 3 (v = 1.2), then each every fourth step."""
    G = NeuronGroup(n, '''dv/dt = 0.3/dt : 1
                          x = 2*v : 1
                          flag : boolean''', threshold='v > 1', reset='v = 0', method='euler', **kwargs)
    G.v = '0.15*i'
    return G


# ================================================================================================
# Part 1: behaviour
# ================================================================================================

def test_variables_are_recorded_at_each_spike_before_the_reset():
    G = ramp_group()
    M = SpikeMonitor(G, variables=['v', 'x', 'flag'])
    run(0.4 * ms)
    assert list(M.i) == [1, 2, 0]
    assert np.allclose(M.v, [1.05, 1.2, 1.2]) and np.allclose(M.x, [2.1, 2.4, 2.4])
    assert M.v.dtype == np.float64 and M.flag.dtype == np.bool_ and not M.flag.any()
    assert np.array_equal(M.v_, M.v)
    assert M.record_variables == {'i', 't', 'v', 'x', 'flag'}


def test_values_and_all_values_map_every_neuron_to_its_values_in_time_order():
    G = ramp_group()
    M = SpikeMonitor(G, variables='v')
    run(1 * ms)
    values = M.values('v')
    assert sorted(values) == [0, 1, 2]
    assert np.allclose(values[1], [1.05, 1.2]) and np.allclose(values[0], [1.2, 1.2])
    everything = M.all_values()
    assert sorted(everything) == ['t', 'v']  # as Brian2: t and the variables, not i
    assert np.allclose(np.asarray(everything['t'][0]), [0.3e-3, 0.7e-3]) and everything['t'][0].dim == ms.dim
    assert list(M.values('i')[2]) == [2, 2]
    trains = M.spike_trains()
    assert all(np.array_equal(np.asarray(trains[k]), np.asarray(everything['t'][k])) for k in range(3))


def test_recorded_variables_keep_their_units():
    G = NeuronGroup(2, 'dv/dt = 10*volt/second : volt', threshold='v > 1*mV', reset='v = 0*volt', method='euler')
    M = SpikeMonitor(G, variables='v')
    run(0.3 * ms)
    # 1 mV per step: above 1 mV after the second step, in both neurons.
    assert M.v.dim == volt.dim and np.allclose(np.asarray(M.v), [2e-3, 2e-3])
    assert np.allclose(M.values('v')[1] / mV, [2])


def test_without_recording_only_counts_and_variables_exist():
    G = ramp_group()
    counts = SpikeMonitor(G, record=False)
    values = SpikeMonitor(G, variables='v', record=False)
    run(1 * ms)
    # Ten steps: neuron 0 spikes in steps 3 and 7, neurons 1 and 2 in steps 2 and 6.
    assert list(counts.count) == [2, 2, 2] and counts.count.dtype == np.int32
    assert counts.num_spikes == 6 and len(counts) == 6
    assert np.allclose(values.v, [1.05, 1.2, 1.2, 1.2, 1.2, 1.2])
    for name in ('i', 't', 't_', 'it', 'it_'):
        with pytest.raises(AttributeError):
            getattr(counts, name)
    for call in (lambda: values.values('v'), values.all_values, values.spike_trains):
        with pytest.raises(AttributeError, match="Indices and times have not been recorded"):
            call()
    with pytest.raises(AttributeError):
        counts.v


def test_subgroup_monitor_uses_the_subgroups_indices_and_values():
    G = ramp_group(5)
    M = SpikeMonitor(G[2:4], variables=['v', 'x'])
    run(0.3 * ms)
    # Neuron 3 (index 1 of the slice) spikes in step 1 with v = 1.05, neuron 2 in step 2 with v = 1.2.
    assert list(M.i) == [1, 0] and np.allclose(M.v, [1.05, 1.2]) and list(M.count) == [1, 1]


def test_poisson_group_rates_can_be_recorded_at_its_spikes():
    P = PoissonGroup(3, [0, 2e4, 3e4] * Hz)  # rates*dt of 0, 2 and 3: neurons 1 and 2 spike every step
    M = SpikeMonitor(P, variables='rates')
    run(0.2 * ms)
    assert list(M.i) == [1, 2, 1, 2] and np.allclose(np.asarray(M.rates), [2e4, 3e4, 2e4, 3e4])


def test_float32_variables_are_recorded_as_float32():
    G = ramp_group(dtype=np.float32)
    M = SpikeMonitor(G, variables='v')
    run(0.4 * ms)
    assert M.v.dtype == np.float32 and np.allclose(M.v, [1.05, 1.2, 1.2], atol=1e-6)


def test_statemonitor_of_everything_lists_the_model_names_as_brian2_does():
    # Brian2 2.11: subexpressions and parameters, and lastspike/not_refractory only given refractoriness.
    G = NeuronGroup(2, 'dv/dt = -v/(10*ms) : 1\nx = 2*v : 1\nc : 1', threshold='v > 1', refractory=1 * ms)
    assert sorted(StateMonitor(G, True, record=True).record_variables) == ['c', 'lastspike', 'not_refractory', 'v', 'x']
    assert sorted(StateMonitor(G[:1], True, record=True).record_variables) == ['c', 'lastspike', 'not_refractory', 'v', 'x']
    H = NeuronGroup(2, 'dv/dt = -v/(10*ms) : 1\nx = 2*v : 1', threshold='v > 1', reset='v = 0')
    assert sorted(StateMonitor(H, True, record=True).record_variables) == ['v', 'x']
    # Brian2 2.11: event-driven synaptic variables are not in the model's equations.
    S = Synapses(G, G, 'w : 1\ndx2/dt = -x2/ms : 1 (event-driven)\ny = 2*w : 1', on_pre='w += 1')
    assert sorted(StateMonitor(S, True, record=True).record_variables) == ['w', 'y']


def test_statemonitor_records_subexpressions_and_neuron_variables_through_synapses():
    G = NeuronGroup(3, 'v : 1\nx = 3*v : 1')
    G.v = 'i + 1'
    S = Synapses(G, G, 'w : 1')
    S.connect(condition='i != j')
    S.w = 'i + 0.1*j'
    on_neurons = StateMonitor(G, 'x', record=[0, 2])
    on_synapses = StateMonitor(S, ['v_post', 'v_pre', 'w'], record=S[1, :])
    subexpression = StateMonitor(S, 'x_post', record=True)  # Brian2 2.11: accepted or TypeError, by case
    run(0.2 * ms)
    assert np.allclose(subexpression.x_post[:, 0], 3 * np.array([2, 3, 1, 3, 1, 2]))
    assert np.allclose(on_neurons.x, [[3, 3], [9, 9]])
    # The synapses leaving neuron 1 go to neurons 0 and 2.
    assert list(on_synapses.record) == [2, 3]
    assert np.allclose(on_synapses.v_post[:, 0], [1, 3]) and np.allclose(on_synapses.v_pre[:, 0], [2, 2])
    assert np.allclose(on_synapses.w[:, 0], [1.0, 1.2])


def test_record_single_timestep_adds_the_values_at_the_end_of_the_run():
    G = NeuronGroup(1, 'dv/dt = 1/second : 1', method='euler')
    M = StateMonitor(G, 'v', record=True)
    with pytest.raises(TypeError, match="after the network has been run"):
        M.record_single_timestep()
    run(0.3 * ms)
    M.record_single_timestep()
    # Brian2 2.11: t = [0, 0.1, 0.2, 0.3] ms, the last sample being v at the end of the run.
    assert np.allclose(np.asarray(M.t), [0, 1e-4, 2e-4, 3e-4]) and np.allclose(M.v[0], [0, 1e-4, 2e-4, 3e-4])


def test_poisson_input_is_exported_and_keeps_its_arguments():
    assert 'PoissonInput' in ranvier.__all__
    G = NeuronGroup(2, 'v : volt')
    P = PoissonInput(G, 'v', 10, 5 * Hz, '2*mV')
    assert (P.N, P.target_var, P.weight, P.when, P.order) == (10, 'v', '2*mV', 'synapses', 0)
    assert P.rate == 5 * Hz


def test_certain_inputs_add_n_times_the_weight_each_step():
    # rate*dt = 1: each of the N inputs fires in every step.
    G = NeuronGroup(4, 'v : volt\nscale : 1')
    G.scale = 'i'
    unit = 0.5 * mV
    drive = PoissonInput(G[1:3], 'v', 3, 1e4 * Hz, 'scale*unit')  # noqa: F841 - collected by run()
    run(1 * ms)
    assert np.allclose(G.v / mV, [0, 3 * 10 * 0.5 * 1, 3 * 10 * 0.5 * 2, 0])


def test_inputs_at_rate_zero_change_nothing_and_subexpressions_cannot_be_targeted():
    G = NeuronGroup(3, 'v : volt\nx = 2*v : volt')
    silent = PoissonInput(G, 'v', 100, 0 * Hz, 1 * mV)  # noqa: F841 - collected by run()
    run(1 * ms)
    assert np.all(np.asarray(G.v) == 0)
    with pytest.raises(KeyError):
        PoissonInput(G, 'x', 1, 1 * Hz, 1 * mV)


# ================================================================================================
# Part 2: bad input gets the exception Brian2 raises
# ================================================================================================

GROUP = "G = NeuronGroup(3, 'dv/dt = (2 - v)/(10*ms) : 1\\nu : volt', threshold='v > 1', reset='v = 0', method='exact')\n"

BAD_INPUT = {
    "spike monitor of every variable": GROUP + "M = SpikeMonitor(G, variables=True)",
    "spike monitor of an unknown variable": GROUP + "M = SpikeMonitor(G, variables=['nope'])",
    "values of an unrecorded variable": GROUP + "M = SpikeMonitor(G)\nrun(1*ms)\nM.values('nope')",
    "indices of a counts-only monitor": GROUP + "M = SpikeMonitor(G, record=False)\nrun(1*ms)\nM.i",
    "values of a counts-only monitor": GROUP + "M = SpikeMonitor(G, 'v', record=False)\nrun(1*ms)\nM.values('v')",
    "single timestep before a run": GROUP + "M = StateMonitor(G, 'v', record=True)\nM.record_single_timestep()",
    "poisson input rate as a string": GROUP + "PoissonInput(G, 'u', 10, '5*Hz', 1*mV)",
    "poisson input rates per neuron": GROUP + "PoissonInput(G, 'u', 10, [5, 6, 7]*Hz, 1*mV)",
    "poisson input rate without units": GROUP + "PoissonInput(G, 'u', 10, 5, 1*mV)",
    "poisson input of no inputs": GROUP + "PoissonInput(G, 'u', 0, 5*Hz, 1*mV)",
    "poisson input of a fractional number of inputs": GROUP + "PoissonInput(G, 'u', 2.5, 5*Hz, 1*mV)",
    "poisson input negative rate": GROUP + "PoissonInput(G, 'u', 10, -5*Hz, 1*mV)",
    "poisson input unknown variable": GROUP + "PoissonInput(G, 'nope', 10, 5*Hz, 1*mV)",
    "poisson input weight in the wrong unit": GROUP + "PoissonInput(G, 'u', 10, 5*Hz, 1*second)",
    "poisson input weight without units": GROUP + "PoissonInput(G, 'u', 10, 5*Hz, 0.1)",
    "poisson input weight string in the wrong unit": GROUP + "P = PoissonInput(G, 'u', 10, 5*Hz, '2*second')\nrun(1*ms)",
    "poisson input weight string with an unknown name": GROUP + "P = PoissonInput(G, 'u', 10, 5*Hz, 'nope*mV')\nrun(1*ms)",
}


@pytest.fixture(scope="module")
def bad_input_outcomes(oracle):
    return outcomes_under_both(oracle, BAD_INPUT)


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_input_raises_brian2s_exception(bad_input_outcomes, name):
    brian2, ranvier = bad_input_outcomes[name]
    assert_raises_as_brian2_does(name, brian2, ranvier)
