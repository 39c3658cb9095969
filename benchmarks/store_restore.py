"""store()/restore() of CUBA (cuba.py) against Brian2: time in memory and to a file, and the file size.

Usage: python benchmarks/store_restore.py [--neurons 64000] [--duration 0.05] [--brian2-python PATH]

Builds CUBA with N neurons (p = 80/N: about 80·N synapses, 5.1 million at N = 64,000), runs it for
`duration` (so that the monitor holds spikes), then times store() and restore() in memory and with a
file, in one process per simulator, Ranvier first. Brian2 runs in its runtime mode with the numpy target:
its store()/restore() copy and pickle numpy arrays whatever the target, so the target only changes the
simulation before. Prints a Markdown table; results of a run by hand are in STORE_RESTORE.md.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchlib.machine import describe, load_average

HERE = Path(__file__).resolve().parent
DEFAULT_BRIAN2 = HERE.parent / ".venv-oracle" / "bin" / "python"
MEASURED = ("store_memory_seconds", "restore_memory_seconds", "store_file_seconds", "restore_file_seconds",
            "snapshot_file_bytes", "synapses", "total_spikes", "construction_seconds", "peak_rss_mib")


def run_cuba(python, simulator, neurons, duration, workdir):
    command = [str(python), str(HERE / "cuba.py"), "--simulator", simulator, "--neurons", str(neurons),
               "--duration", str(duration), "--snapshot-file", str(Path(workdir) / f"{simulator}.snapshot")]
    if simulator == "brian2":
        command += ["--target", "numpy"]
    completed = subprocess.run(command, capture_output=True, text=True, check=True, cwd=workdir)
    values = dict(line.split("=", 1) for line in completed.stdout.splitlines() if "=" in line)
    return {key: float(values[key]) for key in MEASURED}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--neurons", type=int, default=64000)
    parser.add_argument("--duration", type=float, default=0.05)
    parser.add_argument("--brian2-python", default=os.environ.get("RANVIER_BRIAN2_PYTHON", str(DEFAULT_BRIAN2)))
    arguments = parser.parse_args()
    load_at_start = load_average()
    with tempfile.TemporaryDirectory(prefix="store-restore-") as workdir:
        results = {"Ranvier": run_cuba(sys.executable, "ranvier", arguments.neurons, arguments.duration, workdir),
                   "Brian2 (numpy)": run_cuba(arguments.brian2_python, "brian2", arguments.neurons, arguments.duration, workdir)}
    print(f"CUBA, N = {arguments.neurons:,}, after a run of {arguments.duration} s\n")
    print("| | synapses | store (memory) | restore (memory) | store (file) | restore (file) | file size | peak RSS |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['synapses']:,.0f} | {r['store_memory_seconds']:.3f} s | {r['restore_memory_seconds']:.3f} s | "
              f"{r['store_file_seconds']:.3f} s | {r['restore_file_seconds']:.3f} s | "
              f"{r['snapshot_file_bytes'] / 2**20:.1f} MiB | {r['peak_rss_mib']:.0f} MiB |")
    print()
    for label, value in describe(str(HERE.parent), sys.executable, arguments.brian2_python):
        print(f"- {label}: {value.splitlines()[0] if value else ''}")
    print(f"- load average at start / end: {load_at_start} / {load_average()}")


if __name__ == "__main__":
    main()
