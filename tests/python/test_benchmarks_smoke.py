"""The benchmark harness (benchmarks/run.py) still runs end to end at tiny sizes.

The smoke mode times the per-neuron LIF under the C reference, Ranvier and (when the oracle
environment exists) Brian2's numpy target, the seed scripts under Ranvier and the imports. It exits
non-zero when a benchmark fails or the simulators count different spikes, so this test also checks
that Ranvier's spike counts equal those of the hand-written C program.
"""

import pathlib
import shutil
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
RUN = REPO / "benchmarks" / "run.py"


@pytest.mark.timeout(180)
def test_smoke_benchmark_runs_and_spike_counts_agree(tmp_path):
    report = tmp_path / "smoke.md"
    completed = subprocess.run([sys.executable, str(RUN), "--smoke", "--output", str(report)],
                               capture_output=True, text=True, timeout=170)
    assert completed.returncode == 0, completed.stderr[-4000:]
    text = report.read_text()
    assert "## 1. Per-neuron-parameter LIF: 2,000 neurons" in text
    assert "**DISAGREE**" not in text
    if shutil.which("gcc"):
        assert "all agree — C, gcc -O3" in text
    assert "| python -c 'import ranvier' | 1 |" in text
