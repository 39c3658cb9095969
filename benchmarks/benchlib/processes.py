"""Running one benchmark process and measuring it from start to exit."""

import dataclasses
import resource
import subprocess
import time


@dataclasses.dataclass
class ProcessResult:
    """What one run of a command gave: wall and CPU seconds (the process and its threads, from start to
    exit), its exit status, and the ``key=value`` lines it printed."""

    wall_seconds: float
    cpu_seconds: float
    returncode: int
    values: dict
    error_tail: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_process(command, env=None, cwd=None, timeout=None) -> ProcessResult:
    """Runs `command` to completion; a timeout kills it and counts as a failure."""
    cpu_before = _children_cpu_seconds()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd,
                               text=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        stderr += f"\n(killed after the {timeout} s time limit)"
    wall = time.perf_counter() - start
    # The growth of the reaped children's CPU time is this child's (and its own children's, such as a
    # compiler), because the benchmark runs one child at a time.
    cpu = _children_cpu_seconds() - cpu_before
    return ProcessResult(wall, cpu, process.returncode, parse_key_values(stdout), _tail(stderr or stdout))


def _children_cpu_seconds() -> float:
    """User+system seconds of all reaped children, to the microsecond (os.times() counts 10 ms ticks)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def parse_key_values(text: str) -> dict:
    """The ``key=value`` lines of a benchmark's output; numbers become int or float."""
    values = {}
    for line in text.splitlines():
        key, separator, raw = line.partition("=")
        if not separator or not key.isidentifier():
            continue
        values[key] = _number_or_text(raw.strip())
    return values


def _number_or_text(raw: str):
    for convert in (int, float):
        try:
            return convert(raw)
        except ValueError:
            pass
    return raw


def _tail(text: str, lines: int = 6) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])
