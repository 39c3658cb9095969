"""Where and with what the benchmarks ran: CPU, load, tool and library versions, the commit."""

import datetime
import os
import platform
import subprocess


def cpu_model() -> str:
    """The first 'model name' of /proc/cpuinfo (the platform's name where there is no such file)."""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def memory_gib() -> str:
    try:
        with open("/proc/meminfo") as meminfo:
            kib = int(meminfo.readline().split()[1])
        return f"{kib / 2**20:.1f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown"


def command_output(command) -> str:
    """The first line a version command prints, or why it could not run."""
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unavailable ({error.__class__.__name__})"
    lines = (completed.stdout or completed.stderr).strip().splitlines()
    return lines[0] if lines else "unknown"


def python_versions(python) -> str:
    """Python, numpy and (where installed) Brian2 and Ranvier versions of an interpreter."""
    probe = (
        "import sys, importlib.metadata as m\n"
        "def v(name):\n"
        "    try: return m.version(name)\n"
        "    except m.PackageNotFoundError: return None\n"
        "parts = ['Python ' + sys.version.split()[0]]\n"
        "parts += [f'{n} {v(n)}' for n in ('numpy', 'brian2', 'Cython', 'ranvier', 'matplotlib') if v(n)]\n"
        "print(', '.join(parts))\n"
    )
    return command_output([python, "-c", probe])


def git_commit(repository) -> str:
    """The checked-out commit, marked when the working tree differs from it."""
    commit = command_output(["git", "-C", repository, "rev-parse", "--short", "HEAD"])
    status = subprocess.run(["git", "-C", repository, "status", "--porcelain", "--untracked-files=no"],
                            capture_output=True, text=True)
    return commit + (" (with uncommitted changes)" if status.stdout.strip() else "")


def describe(repository, ranvier_python, brian2_python) -> list:
    """(label, value) rows for the report's machine section."""
    rows = [
        ("date", datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")),
        ("CPU", cpu_model()),
        ("nproc", str(os.cpu_count())),
        ("memory", memory_gib()),
        ("kernel", platform.release()),
        ("Swift", command_output(["swift", "--version"])),
        ("C compiler", command_output(["gcc", "--version"])),
        ("Ranvier environment", python_versions(ranvier_python)),
        ("repository commit", git_commit(repository)),
    ]
    if brian2_python:
        rows.append(("Brian2 environment", python_versions(brian2_python)))
    return rows
