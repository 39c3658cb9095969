"""TimedArray from Python: direct calls, use in models and code strings, namespaces and bad input.

Expected values come from Brian2 2.11's own tests (brian2/tests/test_timedarray.py) or from runs of
Brian2 on the same scripts, noted where used.
"""

import re

import numpy as np
import pytest

from ranvier import (DimensionMismatchError, Network, NeuronGroup, StateMonitor, TimedArray, amp, defaultclock, mV,
                     ms, nA, run, second, start_scope)


@pytest.fixture(autouse=True)
def fresh_scope():
    start_scope()
    defaultclock.dt = 0.1 * ms
    yield
    start_scope()
    defaultclock.dt = 0.1 * ms


def test_direct_calls_hold_each_value_and_clip_outside_the_array():
    # Brian2's test_timedarray_direct_use.
    ta = TimedArray(np.linspace(0, 10, 11), 1 * ms)
    assert [ta(-1 * ms), ta(5 * ms), ta(10 * ms), ta(15 * ms)] == [0, 5, 10, 10]
    ta = TimedArray(np.linspace(0, 10, 11) * amp, 1 * ms)
    assert ta(5 * ms) == 5 * amp and ta(15 * ms) == 10 * amp
    ta2d = TimedArray((np.linspace(0, 11, 12) * amp).reshape(4, 3), 1 * ms)
    assert ta2d(-1 * ms, 0) == 0 * amp and ta2d(0 * ms, 1) == 1 * amp and ta2d(1 * ms, 1) == 4 * amp
    np.testing.assert_allclose(np.asarray(ta2d(15 * ms, [0, 1, 2])), [9, 10, 11])


def test_direct_calls_round_like_brian2_at_half_samples_and_for_unrepresentable_times():
    # Brian2 2.11 (checked on this machine): 1, 1, 2, 3, 4 mV at these times; NaN and 1e300 s give the
    # first value (numpy's integer conversion overflows); a negative column wraps as numpy indexing does.
    ta = TimedArray([1, 2, 3, 4] * mV, dt=0.1 * ms)
    np.testing.assert_allclose(np.asarray(ta(np.array([0, 0.05, 0.15, 0.25, 0.35]) * ms)), [1e-3, 1e-3, 2e-3, 3e-3, 4e-3])
    assert ta(float("nan") * ms) == 1 * mV and ta(1e300 * second) == 1 * mV
    assert TimedArray(np.arange(12).reshape(4, 3), dt=1 * ms)(1 * ms, -1) == 5


def test_each_value_holds_from_its_time_until_the_next_in_a_finer_group():
    # Brian2's test_timedarray_semantics: values hold for [t, t + dt), not around t.
    ta = TimedArray(np.array([0, 1]), dt=0.4 * ms)
    G = NeuronGroup(1, "value = ta(t) : 1")
    mon = StateMonitor(G, "value", record=0)
    run(0.8 * ms)
    np.testing.assert_allclose(mon[0].value, [0, 0, 0, 0, 1, 1, 1, 1])
    np.testing.assert_allclose(mon[0].value, np.asarray(ta(mon.t)))


def test_values_with_and_without_units_and_two_dimensional_arrays_in_models():
    # Brian2's test_timedarray_no_units, _with_units and _2d.
    plain = TimedArray(np.arange(10), dt=0.1 * ms)
    current = TimedArray(np.arange(10) * amp, dt=0.1 * ms)
    ta2d = TimedArray(np.arange(12).reshape(4, 3), dt=0.1 * ms)
    G = NeuronGroup(3, """a = plain(t) + 1 : 1
                          b = current(t) + 2*nA : amp
                          c = ta2d(t, i) + 1 : 1""")
    mon = StateMonitor(G, ["a", "b", "c"], record=True)
    run(1.1 * ms)
    steps = np.clip(np.arange(11), 0, 9)
    np.testing.assert_allclose(mon[0].a, steps + 1)
    np.testing.assert_allclose(np.asarray(mon[0].b), steps * 1.0 + 2e-9)
    for k in range(3):
        np.testing.assert_allclose(mon[k].c[:5], np.array([0, 3, 6, 9, 9]) + k + 1)


def test_no_upsampling_when_the_array_is_finer_than_the_monitor():
    # Brian2's test_timedarray_no_upsampling (its monitor records every 1 ms; this one every step).
    ta = TimedArray(np.arange(10), dt=0.01 * ms)
    G = NeuronGroup(1, "value = ta(t) : 1")
    mon = StateMonitor(G, "value", record=True)
    run(2.1 * ms)
    np.testing.assert_allclose(mon[0].value[::10], [0, 9, 9])


def test_a_long_array_with_a_coarse_dt_selects_samples_without_overflow():
    # Brian2's test_long_timedarray: 16385 samples 1 s apart, read 5 ms before and at the last one.
    ta = TimedArray(np.arange(16385), dt=1 * second)
    G = NeuronGroup(2, "value : 1")
    G.value = "ta(16384*second - 5*ms + i*5*ms)"
    assert list(G.value[:]) == [16383, 16384]
    assert ta(16384 * second - 5 * ms) == 16383 and ta(16384 * second) == 16384


def test_recreating_an_array_with_the_same_name_uses_the_new_values():
    # Brian2's test_timedarray_repeated_use.
    values = np.array([[1, 2, 3], [2, 4, 6]])
    for run_index in range(2):
        start_scope()
        ta = TimedArray(values[run_index], dt=defaultclock.dt, name="ta")
        G = NeuronGroup(1, "dx/dt = ta(t)/dt : 1", name="G")
        run(3 * defaultclock.dt)
        assert G.x[0] == 6 * (run_index + 1)


def test_string_initialisers_and_explicit_namespaces_reach_the_array():
    frames = TimedArray([[1, 2], [3, 4]] * mV, dt=1 * ms)
    G = NeuronGroup(2, "v : volt")
    G.v = "frames(1*ms, i)"
    np.testing.assert_allclose(np.asarray(G.v[:]), [3e-3, 4e-3])
    H = NeuronGroup(2, "dv/dt = (stim(t) - v)/(1*ms) : volt", namespace={"stim": TimedArray([0, 5] * mV, dt=0.1 * ms)})
    net = Network(H)
    net.run(0.2 * ms, namespace={})
    # Exact: one step towards 0 mV, then one towards 5 mV: 5 mV * (1 - exp(-0.1)).
    np.testing.assert_allclose(np.asarray(H.v[:]), 5e-3 * (1 - np.exp(-0.1)))


def test_names_default_to_brian2s_and_can_be_chosen():
    # Brian2's default `_timedarray*`: the first free name among living arrays (earlier tests' arrays
    # may still be alive, taking `_timedarray` and some suffixes).
    first, second_array = TimedArray([1], dt=1 * ms), TimedArray([1], dt=1 * ms)
    assert re.fullmatch(r"_timedarray(_\d+)?", first.name) and re.fullmatch(r"_timedarray_\d+", second_array.name)
    assert first.name != second_array.name
    assert TimedArray([1], dt=1 * ms, name="stimulus").name == "stimulus"


@pytest.mark.parametrize("code", ["ta2d(t)*amp", "ta(t, i)*amp", "ta()*amp", "ta*amp"])
def test_calls_with_the_wrong_number_of_arguments_or_without_a_call_are_value_errors(code):
    # Brian2's test_timedarray_incorrect_use.
    ta = TimedArray(np.linspace(0, 10, 11), 1 * ms)
    ta2d = TimedArray((np.linspace(0, 11, 12) * amp).reshape(4, 3), 1 * ms)
    G = NeuronGroup(3, "I : amp")
    with pytest.raises(ValueError):
        G.I = code
    assert ta is not None and ta2d is not None


def test_arguments_and_results_of_the_wrong_units_are_dimension_errors():
    ta = TimedArray([1, 2] * mV, dt=1 * ms)
    ta2d = TimedArray([[1, 2]] * mV, dt=1 * ms)
    G = NeuronGroup(3, "I : amp")
    for code, fragment in [("ta(5)*amp/mV", "Argument number 1"), ("ta2d(t, 1*mV)*amp/mV", "Argument number 2"),
                           ("ta(t)", "units V")]:
        with pytest.raises(DimensionMismatchError, match=fragment):
            G.I = code
    H = NeuronGroup(1, "dv/dt = ta(3*ms)/ms + ta(3)/ms : volt")
    with pytest.raises(DimensionMismatchError, match="Argument number 1"):
        Network(H).run(0.1 * ms)
    assert ta2d is not None


def test_bad_arrays_and_direct_calls_are_refused_with_brian2s_exception_classes():
    with pytest.raises(NotImplementedError):
        TimedArray(np.zeros((2, 2, 2)), dt=1 * ms)
    with pytest.raises(DimensionMismatchError):
        TimedArray([1, 2], dt=1)
    with pytest.raises(ValueError):
        TimedArray([], dt=1 * ms)
    with pytest.raises(ValueError):
        TimedArray([1], dt=0 * ms)
    ta = TimedArray([1, 2], dt=1 * ms)
    with pytest.raises(DimensionMismatchError):
        ta(3)
    with pytest.raises(TypeError):
        ta(1 * ms, 0)
    with pytest.raises(DimensionMismatchError):
        TimedArray([[1, 2]], dt=1 * ms)(0 * ms, 1 * mV)


def test_namespace_resolution_passes_the_array_itself_and_skips_other_callables():
    from ranvier.core.namespace import resolve_external_names
    ta = TimedArray([1, 2], dt=1 * ms)
    assert resolve_external_names(["ta"], {"ta": ta})["ta"] is ta

    def plain_function(t):
        return t
    G = NeuronGroup(1, "v : 1")
    with pytest.raises(KeyError, match="plain_function"):
        G.v = "plain_function(t)"


def test_poisson_rates_given_by_a_timed_array_follow_it_in_each_window():
    from ranvier import Hz, PoissonGroup, SpikeMonitor, seed
    seed(3)
    stim = TimedArray([0, 500, 0, 2000] * Hz, dt=5 * ms)
    P = PoissonGroup(200, rates="stim(t)")
    M = SpikeMonitor(P)
    run(20 * ms)
    counts = np.histogram(np.asarray(M.t) / 1e-3, bins=[0, 5, 10, 15, 20])[0]
    # Expected 200 neurons * 5 ms * rate; binomial counts within 4 standard deviations.
    for count, expected in zip(counts, [0, 500, 0, 2000]):
        assert abs(count - expected) <= 4 * np.sqrt(expected) + 1e-9


def test_a_constant_over_dt_subexpression_is_stored_and_drawn_once_per_step():
    # Brian2 stores `(constant over dt)` subexpressions and computes them before each step's start
    # slot: a monitor records this step's value, and after the run the group holds the last one
    # (both checked with Brian2 2.11 on this script).
    G = NeuronGroup(3, """x = rand() : 1 (constant over dt)
                          dy/dt = x/ms : 1""", method="euler")
    M = StateMonitor(G, ["x", "y"], record=True)
    run(0.5 * ms)
    x = np.asarray(M.x)
    assert np.all((0 <= x) & (x < 1)) and len(np.unique(x)) == x.size
    np.testing.assert_array_equal(np.asarray(G.x[:]), x[:, -1])
    # Euler adds x*dt/ms = 0.1*x each step, with the same x the monitor saw.
    np.testing.assert_allclose(np.asarray(G.y[:]), 0.1 * x.sum(axis=1), rtol=1e-12)


def test_the_extension_refuses_tables_whose_bytes_do_not_match_their_shape():
    from ranvier.core import engine
    ns = engine.api.namespace_create()
    dims = (0.0,) * 7
    values = np.arange(6, dtype=np.float64).tobytes()
    engine.api.namespace_set_timed_array(ns, "ta", values, 2, 3, 1e-4, dims)
    for rows, cols in [(3, 3), (0, 0), (2, -1), (7, 0)]:
        with pytest.raises(ValueError, match="rows"):
            engine.api.namespace_set_timed_array(ns, "ta", values, rows, cols, 1e-4, dims)
    with pytest.raises(ValueError, match="dt"):
        engine.api.namespace_set_timed_array(ns, "ta", values, 6, 0, float("nan"), dims)
    with pytest.raises(TypeError):
        engine.api.namespace_set_timed_array(ns, "ta", [1.0], 1, 0, 1e-4, dims)
