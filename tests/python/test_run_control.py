"""Run control (python/ranvier/core/operations.py, clock.py, report.py, groups/coderunner.py):
clocks of their own, run_regularly, network operations, stop(), StateMonitor dt= and progress
reports. Expected values were checked with Brian2 2.11 (numpy target) where marked; the
differential tests (tests/models/variant_*clock*, *network_operation*, *statemonitor_dt*) compare
whole simulations with Brian2.
"""

import io
import re
import traceback

import numpy as np
import pytest

from ranvier import (Clock, CodeRunner, Network, NetworkOperation, NeuronGroup, SpikeMonitor, StateMonitor,
                     Synapses, defaultclock, ms, network_operation, run, second, start_scope, stop)


@pytest.fixture(autouse=True)
def fresh_scope():
    start_scope()
    defaultclock.dt = 0.1 * ms
    yield


def clamped_lif():
    return NeuronGroup(1, "dv/dt = (1.5 - v)/(8*ms) : 1 (unless refractory)", threshold="v > 0.7", reset="v = 0",
                       refractory=4 * ms, method="exact")


# -- network_operation -----------------------------------------------------------------------------

def test_network_operation_decorator_with_and_without_arguments():
    times, calls = [], []

    @network_operation
    def every_step():
        calls.append(1)

    @network_operation(dt=0.3 * ms, when="end", order=2)
    def slow(t):
        times.append(float(t / ms))

    assert isinstance(every_step, NetworkOperation) and slow.when == "end" and slow.order == 2
    assert slow.clock.dt == 0.3 * ms and every_step.clock is defaultclock
    run(1 * ms)
    assert len(calls) == 10
    assert np.allclose(times, [0, 0.3, 0.6, 0.9])


def test_network_operation_objects_in_an_explicit_network_and_their_clock_argument():
    seen = []
    clock = Clock(dt=0.25 * ms)
    operation = NetworkOperation(lambda t: seen.append(round(float(t / ms), 6)), clock=clock)
    net = Network(operation)
    net.run(1 * ms)
    assert seen == [0, 0.25, 0.5, 0.75]
    assert clock.t == 1 * ms and net.t == 1 * ms


def test_signatures_other_than_no_argument_or_t_are_type_errors_when_decorated():
    with pytest.raises(TypeError, match="either only 't' as an argument or have no arguments"):
        @network_operation
        def two(a, b):
            pass
    with pytest.raises(TypeError, match="keyword arguments"):
        network_operation(0.1 * ms)
    with pytest.raises(ValueError, match="either a dt or a clock"):
        NetworkOperation(lambda: None, dt=1 * ms, clock=Clock(1 * ms))


def test_writes_in_a_network_operation_are_seen_by_the_threshold_of_a_one_pass_kernel():
    # Brian2 2.11: spikes at 0, 4 and 8 ms (the neuron is set above threshold after each update).
    group = clamped_lif()

    @network_operation(when="groups", order=1)
    def clamp():
        group.v = 0.8

    spikes = SpikeMonitor(group)
    run(10 * ms)
    assert np.allclose(spikes.t / ms, [0, 4, 8])


def test_stop_ends_the_run_after_the_current_step_and_the_next_run_goes_on():
    ends = []

    @network_operation
    def halt(t):
        if t >= 0.35 * ms:
            stop()

    @network_operation(when="end")
    def note(t):
        ends.append(round(float(t / ms), 6))

    net = Network(halt, note)
    net.run(2 * ms)
    assert ends[-1] == 0.4 and net.t == 0.5 * ms
    net.remove(halt)
    net.run(0.2 * ms)
    assert ends[-2:] == [0.5, 0.6]


def test_network_stop_method_stops_its_own_run():
    net = Network()
    net.add(NetworkOperation(lambda: net.stop()))
    net.run(1 * ms)
    assert net.t == 0.1 * ms


def test_an_exception_propagates_with_its_traceback_and_the_network_stays_usable():
    group = NeuronGroup(2, "v : 1")

    def failing(t):
        if t > 0.25 * ms:
            raise ZeroDivisionError("on purpose")
        group.v += 1

    net = Network(group, NetworkOperation(failing))
    with pytest.raises(ZeroDivisionError, match="on purpose") as raised:
        net.run(1 * ms)
    assert "failing" in [frame.name for frame in traceback.extract_tb(raised.tb)]
    assert np.allclose(net.t / ms, 0.3) and list(group.v) == [3, 3]
    net.remove(*[obj for obj in net.objects if isinstance(obj, NetworkOperation)])
    net.run(0.2 * ms)
    assert np.allclose(net.t / ms, 0.5)


def test_inside_an_operation_variables_can_be_used_but_no_run_or_connect_started():
    group = NeuronGroup(3, "v : 1")
    synapses = Synapses(group, group, "w : 1")
    outcomes = []

    def nested():
        outcomes.append(float(group.v[0]))
        group.v = "v + i"
        for action in (lambda: Network(NeuronGroup(1, "u : 1")).run(1 * ms), lambda: synapses.connect()):
            try:
                action()
            except RuntimeError as error:
                outcomes.append("network operation" in str(error))

    Network(group, NetworkOperation(nested)).run(0.2 * ms)
    assert outcomes == [0.0, True, True, 0.0, True, True]
    assert list(group.v) == [0, 2, 4]


# -- run_regularly -----------------------------------------------------------------------------------

def test_run_regularly_returns_a_contained_code_runner_that_networks_simulate():
    group = NeuronGroup(2, "x : 1")
    runner = group.run_regularly("x += 1", dt=0.5 * ms)
    second_runner = group.run_regularly("x += 10", when="end")
    assert isinstance(runner, CodeRunner) and group.contained_objects == [runner, second_runner]
    assert runner.name == f"{group.name}_run_regularly" and second_runner.name == f"{group.name}_run_regularly_1"
    Network(group).run(1 * ms)
    assert list(group.x) == [2 + 100, 2 + 100]
    start_scope()
    run_magic = NeuronGroup(1, "y : 1")
    run_magic.run_regularly("y = t/ms", dt=0.3 * ms)
    run(1 * ms)
    assert np.allclose(run_magic.y, 0.9)


def test_run_regularly_code_errors_name_the_problem():
    group = NeuronGroup(2, "x : 1")
    with pytest.raises(SyntaxError):
        group.run_regularly("x += ")
    group.run_regularly("x = unknown_name")
    with pytest.raises(KeyError, match="unknown_name"):
        Network(group).run(1 * ms)


def test_run_regularly_on_synapses():
    group = NeuronGroup(2, "v : 1")
    synapses = Synapses(group, group, "w : 1")
    synapses.connect(i=[0, 1], j=[1, 0])
    synapses.w = 1
    synapses.run_regularly("w *= 0.5", dt=1 * ms)
    Network(group, synapses).run(3 * ms)
    assert list(synapses.w) == [0.125, 0.125]


# -- StateMonitor dt= ---------------------------------------------------------------------------------

def test_state_monitor_records_at_its_own_period():
    group = NeuronGroup(1, "x : 1")
    group.run_regularly("x += 1")
    monitor = StateMonitor(group, "x", record=0, dt=2 * defaultclock.dt)
    run(1 * ms)
    assert np.allclose(monitor.t / ms, [0, 0.2, 0.4, 0.6, 0.8])
    assert list(monitor.x[0]) == [1, 3, 5, 7, 9]
    assert monitor.clock.dt == 0.2 * ms


# -- progress reports ---------------------------------------------------------------------------------

def test_a_custom_report_is_called_at_the_start_every_period_and_at_the_end():
    group = NeuronGroup(1000, "dv/dt = -v/(10*ms) : 1", method="euler")
    calls = []
    Network(group).run(50 * ms, report=lambda *args: calls.append(args), report_period=0 * second)
    assert [call[1] for call in (calls[0], calls[-1])] == [0.0, 1.0]
    middle = [call[1] for call in calls[1:-1]]
    # Reports come between steps, when the engine checks the wall clock (every 16 steps).
    assert middle and all(0 < fraction < 1 for fraction in middle) and middle == sorted(middle)
    assert all(round(fraction * 500) % 16 == 0 for fraction in middle)
    assert all(call[2] == 0 * second and call[3] == 50 * ms for call in calls)


def test_text_report_lines_follow_brian2(monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr("sys.stdout", stream)
    run_group = NeuronGroup(1000, "dv/dt = -v/(10*ms) : 1", method="euler")
    Network(run_group).run(20 * ms, report="text", report_period=0 * second)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "Starting simulation at t=0. s for a duration of 20. ms"
    assert lines[-1] == "20. ms (100%) simulated in < 1s"
    assert all(re.fullmatch(r"\S+ m?s \(\d+%\) simulated in < 1s, estimated < 1s remaining\.", line)
               for line in lines[1:-1]) and len(lines) > 2


def test_report_callback_errors_stop_the_run():
    group = NeuronGroup(10, "v : 1")

    def report(elapsed, completed, start, duration):
        if 0 < completed < 1:
            raise RuntimeError("report failed")

    net = Network(group)
    with pytest.raises(RuntimeError, match="report failed"):
        net.run(10 * ms, report=report, report_period=0 * second)
    assert net.t < 10 * ms


def test_code_strings_executed_by_a_network_operation_see_the_current_time():
    # Brian2 2.11 gives the same values (0, 0.3, 0.6, 0.9 ms, then t = 1 ms after the run).
    group = NeuronGroup(2, "y : 1")
    seen = []

    @network_operation(dt=0.3 * ms)
    def set_from_time():
        group.y = "t/ms + i"
        seen.append(list(group.y[:]))

    run(1 * ms)
    assert np.allclose(seen, [[0, 1], [0.3, 1.3], [0.6, 1.6], [0.9, 1.9]])
    group.y = "t/ms"
    assert np.allclose(group.y, 1)


def test_a_new_dt_must_divide_the_current_time():
    # Brian2's check_dt: after 10.1 ms, dt = 0.2 ms is refused (ValueError), 0.05 ms is fine.
    group = NeuronGroup(1, "x : 1")
    net = Network(group)
    net.run(10.1 * ms)
    defaultclock.dt = 0.2 * ms
    with pytest.raises(ValueError, match="not a multiple of"):
        net.run(1 * ms)
    defaultclock.dt = 0.05 * ms
    net.run(1 * ms)
    assert np.isclose(float(defaultclock.t / ms), 11.1)
