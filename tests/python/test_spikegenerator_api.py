"""SpikeGeneratorGroup: when spikes are emitted, repetition, replacement, and bad input."""

import numpy as np
import pytest

from ranvier import (DimensionMismatchError, SpikeGeneratorGroup, SpikeMonitor, ms, run, second,
                     start_scope)


@pytest.fixture(autouse=True)
def fresh_scope():
    start_scope()
    yield
    start_scope()


def test_spikes_come_in_the_step_of_their_time_and_repeat_with_the_period():
    G = SpikeGeneratorGroup(3, [0, 1, 2, 0], [0.26, 0.09, 0.3, 0.999999] * ms, period=1.5 * ms)
    M = SpikeMonitor(G)
    run(2 * ms)
    # Brian2 2.11 gives the same: timestep(t, dt) puts 0.26 ms in step 2, 0.999999 ms in step 10.
    assert list(M.i[:]) == [1, 0, 2, 0, 1, 0, 2]
    np.testing.assert_allclose(M.t_[:] / 1e-3, [0, 0.2, 0.3, 1.0, 1.5, 1.7, 1.8])
    # Brian2 2.11 sorts the spikes by time too: G.neuron_index is [1, 0, 2, 0].
    assert list(G.neuron_index) == [1, 0, 2, 0] and G.period == 1.5 * ms


def test_set_spikes_replaces_the_schedule_for_later_runs():
    G = SpikeGeneratorGroup(2, [1, 0], [0.3, 0.1] * ms)
    M = SpikeMonitor(G)
    run(0.5 * ms)
    G.set_spikes([0], [0.7] * ms)
    run(0.5 * ms)
    assert list(M.i[:]) == [0, 1, 0]
    np.testing.assert_allclose(M.t_[:] / 1e-3, [0.1, 0.3, 0.7])


@pytest.mark.parametrize("arguments, error, message", [
    ((2, [0, 1], [1, 2]), DimensionMismatchError, "have to be times"),
    ((2, [0, 1], [1] * ms), ValueError, "must match"),
    ((2, [0, 2], [1, 2] * ms), IndexError, "index 2 is outside"),
    ((2, [0, 1], [-1, 2] * ms), ValueError, "non-negative"),
    ((2, [0, 1], [0.5, 1.2] * ms, None, None, 1 * ms), ValueError, "greater than every spike time"),
    ((2, [0.5], [1] * ms), TypeError, "integers"),
])
def test_bad_spikes_are_refused_when_given(arguments, error, message):
    with pytest.raises(error, match=message):
        SpikeGeneratorGroup(*arguments)


def test_two_spikes_of_a_neuron_in_one_step_are_refused_at_run():
    G = SpikeGeneratorGroup(2, [0, 0], [0.1, 0.14] * ms)  # noqa: F841 (collected by run)
    with pytest.raises(ValueError, match="more than once in a time step"):
        run(0.2 * ms)
