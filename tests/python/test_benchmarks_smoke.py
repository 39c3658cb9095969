"""The benchmark harness (benchmarks/run.py) still runs end to end at tiny sizes.

The smoke mode runs every benchmark script once at a tiny size: the per-neuron LIF, CUBA (two sizes),
COBAHH and STDP under Ranvier and their C references, the seed scripts under Ranvier, the imports,
and, when a Brian2 interpreter is available (RANVIER_BRIAN2_PYTHON or the repository's .venv-oracle),
every network script under Brian2's numpy target. It exits non-zero when a script fails, the LIF
spike counts differ from the C program's or the network benchmarks' spike counts differ beyond the
stated tolerance, so this test also checks those agreements.
"""

import pathlib
import shutil
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
RUN = REPO / "benchmarks" / "run.py"


def run_smoke(tmp_path, *options):
    report = tmp_path / "smoke.md"
    completed = subprocess.run([sys.executable, str(RUN), "--smoke", "--output", str(report), *options],
                               capture_output=True, text=True, timeout=110)
    return completed, report


@pytest.mark.timeout(120)
def test_smoke_benchmark_runs_and_spike_counts_agree(tmp_path):
    completed, report = run_smoke(tmp_path)
    assert completed.returncode == 0, completed.stderr[-4000:]
    text = report.read_text()
    assert "## Per-neuron-parameter LIF: 2,000 neurons" in text
    for title in ("## CUBA", "## COBAHH", "## STDP", "### CUBA scaling"):
        assert title in text
    assert "**DISAGREE**" not in text and "**DIFFER**" not in text
    assert "| Ranvier | 1 |" in text
    if shutil.which("gcc"):
        assert "all agree — C, gcc -O3" in text
        assert "| C, gcc -O3 | 1 |" in text
    assert "| python -c 'import ranvier' | 1 |" in text
    assert "## Failures" not in text


@pytest.mark.timeout(60)
def test_smoke_benchmark_fails_when_a_script_breaks(tmp_path):
    """A benchmark script that raises makes the harness exit non-zero and list the failure."""
    broken = tmp_path / "benchmarks"
    shutil.copytree(REPO / "benchmarks", broken, ignore=shutil.ignore_patterns("__pycache__", "*.png", "RESULTS.md"))
    script = broken / "stdp.py"
    script.write_text(script.read_text().replace("S.connect()", "S.connect(); raise RuntimeError('broken on purpose')"))
    report = tmp_path / "broken.md"
    completed = subprocess.run([sys.executable, str(broken / "run.py"), "--smoke", "--only", "stdp",
                                "--brian2-python", "none", "--output", str(report)],
                               capture_output=True, text=True, timeout=50)
    assert completed.returncode == 1
    assert "FAILED model / stdp / 100 / ranvier" in completed.stderr
    assert "broken on purpose" in report.read_text()


@pytest.mark.timeout(60)
def test_network_operation_overhead_benchmark_runs():
    completed = subprocess.run([sys.executable, str(REPO / "benchmarks" / "network_operation_overhead.py"),
                                "--duration", "0.01", "--reps", "1", "--brian2-python", "none"],
                               capture_output=True, text=True, timeout=50)
    assert completed.returncode == 0, completed.stderr[-4000:]
    assert "| Ranvier |" in completed.stdout
