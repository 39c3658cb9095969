"""Recordings that cannot fit in memory raise MemoryError (as Brian2 does) instead of killing Python.

Each case runs in a child process whose address space is limited (RLIMIT_AS) to what it already
uses plus 512 MB, so the machine's real memory is never at stake and a crash shows as a dead
child. A StateMonitor too large for the run is refused before the run starts; a SpikeMonitor whose
recording outgrows the limit stops the run at that step, with what it recorded still readable.

Brian2 2.11 (numpy target, a limit of 1 GB more) raises BrianObjectException with a MemoryError
cause in both cases, at the step where memory ran out (t = 6.4 ms with 64·10^6 spikes readable for
the SpikeMonitor; t = 51.1 ms for the StateMonitor, which it grows step by step): Ranvier raises
the MemoryError itself, and refuses the StateMonitor before the run since its size is known.
"""

import json
import subprocess
import sys
import textwrap

LIMITED_PROCESS = """
import json, resource
from ranvier import *

def address_space():
    with open('/proc/self/status') as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith('VmSize:'))

limit = address_space() + 2**29
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
result = {}
try:
    run_case(result)
except MemoryError as error:
    result['error'] = str(error)
print(json.dumps(result))
"""


def run_limited(case: str) -> dict:
    """Runs `case` (defining run_case(result)) in a child limited to 512 MB more memory."""
    script = textwrap.dedent(case) + LIMITED_PROCESS
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"the child died ({done.returncode}): {done.stderr[-2000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_state_monitor_too_large_for_the_run_is_refused_before_it_starts():
    # 10**5 neurons every 0.1 ms step for 1 s: 10**4 rows of 10**5 doubles, 8 GB.
    result = run_limited("""
        def run_case(result):
            G = NeuronGroup(10**5, 'v : 1')
            M = StateMonitor(G, 'v', record=True)
            result['monitor'] = M
            try:
                run(1*second)
            finally:
                result['t'] = float(defaultclock.t)
                result['samples'] = len(M.t)
                del result['monitor']
    """)
    assert "error" in result, result
    assert "8.0 GB" in result["error"], result["error"]
    assert "fewer elements" in result["error"] and "larger dt" in result["error"], result["error"]
    assert result["t"] == 0.0
    assert result["samples"] == 0


def test_a_spike_monitor_outgrowing_memory_stops_the_run_with_its_spikes_readable():
    # 10**6 neurons all spiking every step: 12 MB of indices and times per step, 120 GB for 1 s.
    result = run_limited("""
        def run_case(result):
            G = NeuronGroup(10**6, 'v : 1', threshold='v > -1')
            M = SpikeMonitor(G)
            try:
                run(1*second)
            finally:
                result['t'] = float(defaultclock.t)
                result['steps'] = int(round(defaultclock.t / defaultclock.dt))
                result['num_spikes'] = int(M.num_spikes)
                result['recorded'] = [len(M.i), len(M.t)]
                result['last'] = [int(M.i[-1]), float(M.t[-1])] if len(M.i) else None
                result['count_of_7'] = int(M.count[7])
    """)
    assert "error" in result, result
    assert "The run stopped at this step" in result["error"], result["error"]
    steps = result["steps"]
    assert 0 < result["t"] < 1.0
    assert steps > 10
    assert result["num_spikes"] == steps * 10**6
    assert result["recorded"] == [steps * 10**6] * 2
    assert result["last"][0] == 10**6 - 1
    assert abs(result["last"][1] - (steps - 1) * 1e-4) < 1e-9
    assert result["count_of_7"] == steps


def test_a_delay_of_a_billion_steps_is_refused_before_its_spike_queue_is_allocated():
    # A ring of 10**9 + 1 steps; Brian2 2.11 (numpy target, ulimit -v 4 GB) dies of std::bad_alloc.
    result = run_limited("""
        def run_case(result):
            G = NeuronGroup(1, 'v : 1', threshold='v > 1', reset='')
            S = Synapses(G, G, on_pre='v += 1', delay=1e5*second)
            S.connect()
            run(0.1*ms)
    """)
    assert "spike queue for delays of up to 1000000000 steps" in result.get("error", ""), result


def test_spikes_in_flight_outgrowing_memory_stop_the_run():
    # One neuron spiking every step onto 10**6 targets with a 100 ms delay: 8 MB more per step.
    result = run_limited("""
        def run_case(result):
            G = NeuronGroup(1, 'v : 1', threshold='v > -1', reset='')
            H = NeuronGroup(10**6, 'v : 1')
            S = Synapses(G, H, on_pre='v += 1', delay=100*ms)
            S.connect()
            try:
                run(1*second)
            finally:
                result['steps'] = int(round(defaultclock.t / defaultclock.dt))
    """)
    assert "The spike queue of the on_pre code" in result.get("error", ""), result
    assert 10 < result["steps"] < 1000
