"""Time Ranvier takes to refuse, with MemoryError, a connect() or a recording the machine cannot hold.

Each case runs in its own process (a refusal must not depend on an earlier one); the time is from the
call to the MemoryError, median and worst of --reps runs. Run by hand; the last result is in
ROBUSTNESS.md ("## Memory guard").

    python benchmarks/memory_guard.py [--reps 5]
"""

import argparse
import json
import statistics
import subprocess
import sys

CASES = {
    "all-to-all connect() of 10^6 x 10^6": "S = Synapses(G, G)\nstart = time.perf_counter()\nS.connect()",
    "connect(p=0.5) of 10^6 x 10^6": "S = Synapses(G, G)\nstart = time.perf_counter()\nS.connect(p=0.5)",
    "connect(condition='i != j') of 10^6 x 10^6": "S = Synapses(G, G)\nstart = time.perf_counter()\n"
                                                   "S.connect('i != j')",
    "StateMonitor of 10^6 neurons, run(10*second)": "M = StateMonitor(G, 'v', record=True)\n"
                                                      "start = time.perf_counter()\nrun(10*second)",
}

CHILD = """
import json, time
from ranvier import *
G = NeuronGroup(10**6, 'v : 1', threshold='v > 1')
try:
{case}
    refused = False
except MemoryError:
    refused = True
print(json.dumps({{"seconds": time.perf_counter() - start, "refused": refused}}))
"""


def time_case(code: str) -> dict:
    indented = "\n".join("    " + line for line in code.splitlines())
    done = subprocess.run([sys.executable, "-c", CHILD.format(case=indented)], capture_output=True, text=True,
                          timeout=600, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    for name, code in CASES.items():
        results = [time_case(code) for _ in range(args.reps)]
        assert all(r["refused"] for r in results), f"{name}: not refused"
        seconds = [r["seconds"] * 1e3 for r in results]
        print(f"{name}: median {statistics.median(seconds):.2f} ms, worst {max(seconds):.2f} ms")


if __name__ == "__main__":
    main()
