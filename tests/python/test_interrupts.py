"""Ctrl-C (SIGINT) during a run and a connect(), as Brian2 handles it (checked against Brian2 2.11):
with prefs.core.stop_on_keyboard_interrupt (default True) the run ends at the current step and run()
returns, with a warning; with False, or at a second SIGINT, KeyboardInterrupt; connect() raises
KeyboardInterrupt. Each case runs in a child process, bounded in time, signalled by itself or by the test."""

import json
import pathlib
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time

import pytest

#: Seconds a child may take: far more than any case needs, so that a run that ignores SIGINT fails
#: the test instead of hanging it.
CHILD_TIMEOUT = 60

#: A model that the engine would need hours to run for 1000 s; v follows 1 - exp(-t/tau) exactly.
PRELUDE = """
import json, os, signal, sys, threading, time
from ranvier import *
tau = 10*ms
G = NeuronGroup(100000, 'dv/dt = (1 - v)/tau : 1', method='exact')
defaultclock.dt = 0.1*ms

def interrupt_after(seconds):
    sent = []
    def send():
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)
    threading.Timer(seconds, send).start()
    return sent

def report(**values):
    print(json.dumps(values), flush=True)
"""


def run_child_signalled_by_parent(body, after=0.5):
    """Runs PRELUDE + body in a child that prints READY when it starts the long call; sends it SIGINT
    `after` seconds later (as a terminal does, needing no thread of the child: connect() holds the
    GIL). Returns (the dicts the child reports, seconds from the signal to its first report)."""
    with tempfile.TemporaryFile("w+") as errors:
        child = subprocess.Popen([sys.executable, "-c", PRELUDE + textwrap.dedent(body)], stdout=subprocess.PIPE,
                                 stderr=errors, text=True)
        timer = threading.Timer(CHILD_TIMEOUT, child.kill)
        timer.start()
        try:
            ready = child.stdout.readline().strip()
            if ready == "READY":
                time.sleep(after)
                child.send_signal(signal.SIGINT)
                sent = time.monotonic()
                lines = [child.stdout.readline()]
                latency = time.monotonic() - sent
                lines += child.stdout.readlines()
            child.wait()
        finally:
            timer.cancel()
        errors.seek(0)
        stderr = errors.read()
    assert ready == "READY" and child.returncode == 0, stderr
    return [json.loads(line) for line in lines if line.strip()], latency


def run_child(body, preexec_fn=None):
    """Runs PRELUDE + body in a child Python; returns (the dict its last stdout line reports, stderr)."""
    completed = subprocess.run([sys.executable, "-c", PRELUDE + textwrap.dedent(body)], capture_output=True,
                               text=True, timeout=CHILD_TIMEOUT, preexec_fn=preexec_fn)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1]), completed.stderr


def test_sigint_ends_the_run_at_the_current_step_and_run_returns():
    result, stderr = run_child("""
        sent = interrupt_after(0.5)
        run(1000*second)
        returned = time.monotonic()
        t = float(defaultclock.t)
        report(t=t, latency=returned - sent[0], v=float(G.v[0]), steps=t / 1e-4)
        run(1*ms)
        try:  # the run's SIGINT watch is gone: outside runs SIGINT raises again
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
            after = None
        except KeyboardInterrupt:
            after = "KeyboardInterrupt"
        report(t=t, latency=returned - sent[0], v=float(G.v[0]), steps=t / 1e-4, t_after=float(defaultclock.t),
               after=after)
    """)
    assert result["after"] == "KeyboardInterrupt"
    assert 0 < result["t"] < 1000
    assert result["steps"] == pytest.approx(round(result["steps"]), abs=1e-6), "t is off the time grid"
    assert result["latency"] < 1.0
    assert "Simulation stop requested" in stderr
    # The state is the one at the time reached and the network goes on from there.
    t_after = result["t_after"]
    assert t_after == pytest.approx(result["t"] + 1e-3, abs=1e-9)
    import math
    assert result["v"] == pytest.approx(1 - math.exp(-t_after / 0.01), rel=1e-9)


def test_sigint_raises_keyboard_interrupt_when_the_preference_is_false():
    result, stderr = run_child("""
        prefs.core.stop_on_keyboard_interrupt = False
        sent = interrupt_after(0.5)
        try:
            run(1000*second)
            report(raised=None)
        except KeyboardInterrupt:
            t = float(defaultclock.t)
            report(raised="KeyboardInterrupt", t=t, latency=time.monotonic() - sent[0], v=float(G.v[0]))
    """)
    assert result["raised"] == "KeyboardInterrupt"
    assert 0 < result["t"] < 1000 and result["latency"] < 1.0
    import math
    assert result["v"] == pytest.approx(1 - math.exp(-result["t"] / 0.01), rel=1e-9)
    assert "Simulation stop requested" not in stderr


def test_a_second_sigint_while_the_run_stops_raises_keyboard_interrupt():
    # Both signals reach the handler in the network operation (as Brian2's do in its Python loop).
    result, stderr = run_child("""
        calls = []
        @network_operation
        def twice(t):
            calls.append(float(t))
            if len(calls) == 3:
                os.kill(os.getpid(), signal.SIGINT)
                os.kill(os.getpid(), signal.SIGINT)
        try:
            run(1000*second)
            report(raised=None)
        except KeyboardInterrupt:
            report(raised="KeyboardInterrupt", calls=len(calls))
    """)
    assert result == {"raised": "KeyboardInterrupt", "calls": 3}
    assert "Simulation stop requested" in stderr


def test_sigint_in_a_network_operation_ends_the_run_after_that_step():
    # Brian2 finishes the step in which the handler ran: t is then the next step's time.
    result, _ = run_child("""
        calls = []
        @network_operation
        def once(t):
            calls.append(float(t))
            if len(calls) == 3:
                os.kill(os.getpid(), signal.SIGINT)
        run(1000*second)
        report(t=float(defaultclock.t), calls=calls)
    """)
    assert result["calls"] == pytest.approx([0, 1e-4, 2e-4])
    assert result["t"] == pytest.approx(3e-4, abs=1e-12)


def test_sigint_outside_a_run_raises_keyboard_interrupt():
    result, _ = run_child("""
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
            report(raised=None)
        except KeyboardInterrupt:
            report(raised="KeyboardInterrupt")
    """)
    assert result == {"raised": "KeyboardInterrupt"}


def test_sigint_ignored_after_the_import_lets_the_run_finish():
    # signal.signal(SIGINT, SIG_IGN) replaces Ranvier's handler, as it replaces Brian2's: the signal is
    # then ignored, also during runs.
    result, _ = run_child("""
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        interrupt_after(0.2)
        run(0.5*second)
        report(t=float(defaultclock.t))
    """)
    assert result["t"] == pytest.approx(0.5, abs=1e-12)


def test_sigint_inherited_as_ignored_still_stops_a_run_but_not_the_script():
    # A background job of a shell script starts with SIGINT ignored. Importing Brian2 installs its
    # handler anyway, so a run stops on SIGINT (outside runs Brian2 then fails calling SIG_IGN; Ranvier
    # keeps ignoring the signal there, as the parent asked).
    def ignore_sigint():
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    result, stderr = run_child("""
        interrupt_after(0.5)
        run(1000*second)
        t = float(defaultclock.t)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.2)
        report(t=t)
    """, preexec_fn=ignore_sigint)
    assert 0 < result["t"] < 1000
    assert "Simulation stop requested" in stderr


def test_a_run_on_another_thread_finishes_and_sigint_stops_it_as_brian2_does():
    result, _ = run_child("""
        H = NeuronGroup(10, 'dv/dt = -v/tau : 1', method='exact')
        quiet = Network(H)
        worker = threading.Thread(target=quiet.run, args=(0.1*second,), kwargs={'namespace': {'tau': tau}})
        worker.start(); worker.join(CHILD)
        finished = float(quiet.t)
        busy = Network(G)
        worker = threading.Thread(target=busy.run, args=(1000*second,), kwargs={'namespace': {'tau': tau}})
        worker.start()
        time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGINT)  # handled by the main thread, ends the worker's run
        worker.join(CHILD)
        report(finished=finished, alive=worker.is_alive(), t=float(busy.t))
    """.replace("CHILD", str(CHILD_TIMEOUT // 2)))
    assert result["finished"] == pytest.approx(0.1, abs=1e-12)
    assert not result["alive"] and 0 < result["t"] < 1000


@pytest.mark.parametrize("arguments", ["'i == j'", "j='k for k in range(N_post) if k == i'"])
def test_sigint_interrupts_a_long_connect_and_leaves_the_synapses_unchanged(arguments):
    # The pairs are collected before any synapse is created: an interrupted connect() adds none.
    reports, latency = run_child_signalled_by_parent(f"""
        S = Synapses(G, G, 'w : 1')
        S.connect(i=[0, 1], j=[2, 3])
        print("READY", flush=True)
        try:
            S.connect({arguments})  # 10^10 pairs: minutes
            report(raised=None)
        except KeyboardInterrupt:
            report(raised="KeyboardInterrupt", n=len(S))
        S.connect(i=4, j=5)
        S.w = 1
        run(0.2*ms)
        report(i=list(map(int, S.i[:])), j=list(map(int, S.j[:])))
    """)
    assert reports[0] == {"raised": "KeyboardInterrupt", "n": 2}
    assert latency < 1.0
    assert reports[1] == {"i": [0, 1, 4], "j": [2, 3, 5]}, "the synapses are not usable after the interrupt"


def test_stop_on_keyboard_interrupt_accepts_booleans_only():
    from ranvier import PreferenceError, prefs
    try:
        prefs.core.stop_on_keyboard_interrupt = False
        assert prefs.core.stop_on_keyboard_interrupt is False
        for value in (1, 0, "yes", None):
            with pytest.raises(PreferenceError, match="stop_on_keyboard_interrupt"):
                prefs.core.stop_on_keyboard_interrupt = value
    finally:
        prefs.core.stop_on_keyboard_interrupt = True


def test_importing_ranvier_installs_a_handler_that_keeps_the_previous_one():
    result, _ = run_child("""
        handler = signal.getsignal(signal.SIGINT)
        report(kind=type(handler).__name__, previous=handler.previous is signal.default_int_handler)
    """)
    assert result == {"kind": "_StopRunOnInterrupt", "previous": True}


def test_the_interrupt_latency_benchmark_runs_at_a_tiny_size():
    script = pathlib.Path(__file__).resolve().parents[2] / "benchmarks" / "interrupt_latency.py"
    completed = subprocess.run([sys.executable, str(script), "--neurons", "100", "--reps", "2"], capture_output=True,
                               text=True, timeout=CHILD_TIMEOUT)
    assert completed.returncode == 0, completed.stderr
    values = dict(line.split("=", 1) for line in completed.stdout.split())
    assert values["reps"] == "2" and 0 < float(values["median_latency_ms"]) <= float(values["worst_latency_ms"]) < 1000


def test_importing_ranvier_from_another_thread_leaves_sigint_alone():
    completed = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import signal, threading
        worker = threading.Thread(target=lambda: __import__("ranvier"))
        worker.start(); worker.join()
        import ranvier
        print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
    """)], capture_output=True, text=True, timeout=CHILD_TIMEOUT)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["True"]


#: SIGINT sent from a network operation at its third call (so at a known step) in a 1 ms run, under
#: each backend: what run() did and the time reached, in steps of 0.1 ms.
INTERRUPTS_AT_A_KNOWN_STEP = """
import json, os, signal, sys
from BACKEND import *
if 'BACKEND' == 'brian2':
    prefs.codegen.target = 'numpy'

def outcome(kills, ignore=False, stop_on_interrupt=True):
    start_scope()
    prefs.core.stop_on_keyboard_interrupt = stop_on_interrupt
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if ignore else None
    G = NeuronGroup(3, 'dv/dt = -v/(10*ms) : 1', method='exact')
    calls = []
    @network_operation
    def interrupt():
        calls.append(1)
        if len(calls) == 3:
            for _ in range(kills):
                os.kill(os.getpid(), signal.SIGINT)
    try:
        run(1*ms)
        raised = None
    except KeyboardInterrupt:
        raised = 'KeyboardInterrupt'
    if ignore:
        signal.signal(signal.SIGINT, previous)
    prefs.core.stop_on_keyboard_interrupt = True
    return {'raised': raised, 'calls': len(calls), 'steps': None if raised else int(round(float(defaultclock.t / (0.1*ms))))}

print(json.dumps({'once': outcome(1), 'twice': outcome(2), 'raising': outcome(1, stop_on_interrupt=False),
                  'ignored': outcome(1, ignore=True)}))
"""


def test_interrupts_at_a_known_step_match_brian2(oracle):
    results = {}
    for backend, python in (("brian2", oracle.ORACLE_PYTHON), ("ranvier", sys.executable)):
        completed = subprocess.run([str(python), "-c", INTERRUPTS_AT_A_KNOWN_STEP.replace("BACKEND", backend)],
                                   capture_output=True, text=True, timeout=120,
                                   env=oracle.oracle_environment() if backend == "brian2" else None)
        assert completed.returncode == 0, completed.stderr
        results[backend] = json.loads(completed.stdout.strip().splitlines()[-1])
    assert results["ranvier"] == results["brian2"]
    # What Brian2 does: the step in which the signal came is finished, then the run ends.
    assert results["brian2"]["once"] == {"raised": None, "calls": 3, "steps": 3}
    assert results["brian2"]["ignored"] == {"raised": None, "calls": 10, "steps": 10}


def test_a_sigint_handler_set_during_a_run_stays_after_it():
    result, _ = run_child("""
        seen = []
        @network_operation
        def replace_handler(t):
            if not seen:
                seen.append(0)
                signal.signal(signal.SIGINT, lambda signum, frame: seen.append(signum))
        run(1*ms)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.1)
        report(seen=seen)
    """)
    assert result == {"seen": [0, signal.SIGINT]}


def test_other_signal_handlers_run_during_a_run():
    result, _ = run_child("""
        class Alarm(Exception):
            pass
        alarms = []
        def on_alarm(signum, frame):
            alarms.append(time.monotonic())
            raise Alarm
        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        try:
            run(1000*second)
            report(raised=None)
        except Alarm:
            report(raised="Alarm", t=float(defaultclock.t), delay=time.monotonic() - alarms[0])
    """)
    assert result["raised"] == "Alarm"
    assert 0 < result["t"] < 1000 and result["delay"] < 1.0
