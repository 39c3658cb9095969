"""PopulationRateMonitor: recording, smoothing (values observed with Brian2 2.11) and bad input."""

import numpy as np
import pytest

from ranvier import NeuronGroup, PopulationRateMonitor, SpikeMonitor, Hz, kHz, ms, run, start_scope


@pytest.fixture
def four_neurons_in_turn():
    """Neuron k spikes in steps k, k+4, ...: one spike per step, a rate of 1/(4·0.1 ms) = 2.5 kHz."""
    start_scope()
    G = NeuronGroup(4, "v : 1", threshold="i == (t/dt) % 4", reset="")
    M = PopulationRateMonitor(G)
    run(0.5 * ms)
    yield M
    start_scope()


def test_rate_is_recorded_every_step(four_neurons_in_turn):
    M = four_neurons_in_turn
    np.testing.assert_allclose(M.t / ms, [0, 0.1, 0.2, 0.3, 0.4])
    np.testing.assert_allclose(M.rate / kHz, [2.5] * 5)
    assert M.rate.dim == Hz.dim and len(M) == 5


def test_smoothing_windows_match_brian2(four_neurons_in_turn):
    M = four_neurons_in_turn
    # Brian2 2.11: a flat 0.2 ms window becomes 3 steps; a Gaussian of 0.1 ms spans 5 steps.
    np.testing.assert_allclose(M.smooth_rate("flat", 0.2 * ms) / kHz, [5 / 3, 2.5, 2.5, 2.5, 5 / 3])
    np.testing.assert_allclose(M.smooth_rate("gaussian", 0.1 * ms) / kHz,
                               [1.75327493, 2.36377829, 2.5, 2.36377829, 1.75327493], rtol=1e-8)
    np.testing.assert_allclose(M.smooth_rate(np.array([1, 2, 1])) / kHz, [1.875, 2.5, 2.5, 2.5, 1.875])


def test_bad_smoothing_arguments(four_neurons_in_turn):
    M = four_neurons_in_turn
    with pytest.raises(TypeError, match="width"):
        M.smooth_rate("flat")
    with pytest.raises(TypeError, match="odd number"):
        M.smooth_rate(np.ones(4))
    with pytest.raises(NotImplementedError, match="'triangle'"):
        M.smooth_rate("triangle", 1 * ms)


def test_only_groups_can_be_monitored():
    with pytest.raises(TypeError, match="from a group"):
        PopulationRateMonitor(SpikeMonitor)
