"""What the Brian2-syntax benchmark scripts share: their command line, the choice of Brian2's mode, the
timing of their phases and their ``key=value`` output (parsed by benchmarks/run.py).

A script stays an ordinary Brian2 script: it does ``from ranvier import *`` or ``from brian2 import *``
itself (``Benchmark.simulator`` says which), builds its model and calls ``run()`` inside
``with bench.running():``. This module only measures around those lines:

- ``import_seconds``: the star import (``bench.imported()`` right after it);
- ``construction_seconds``: from the import to ``run()`` (groups, ``connect()``, monitors, initial values);
  ``connect_seconds``: the parts inside ``with bench.phase("connect"):``;
- ``run_seconds``/``run_cpu_seconds``: the call to ``run()`` (CPU: this process and its children),
  split into ``prepare_seconds`` and ``loop_seconds``: Ranvier's engine reports both (``magic_network.last_run_timing``; the Python-side
  work of ``run()`` before the engine is counted as preparation); Brian2's runtime modes spend their
  preparation in ``Network.before_run`` (timed by wrapping it), the rest of ``run()`` is the loop;
  Brian2's cpp_standalone binary reports its own loop time (``device._last_run_time``), the rest of
  ``run()`` (code generation, compilation, starting the binary, reading results) is preparation;
- ``peak_rss_mib`` (this process), ``children_peak_rss_mib`` (its children: the standalone binary and
  make), ``construction_peak_rss_mib`` (this process when ``run()`` starts).
"""

import argparse
import contextlib
import resource
import sys
import time

BRIAN2_TARGETS = ("cython", "numpy", "cpp_standalone")


class Benchmark:
    """The phases of one benchmark process, from the command line to the printed values."""

    def __init__(self, arguments):
        self.arguments = arguments
        self.values = {}
        self._mark = time.perf_counter()
        self._brian2_before_run_seconds = 0.0

    @classmethod
    def from_command_line(cls, description: str, neurons: int, duration: float, extra=None):
        """Parses ``--simulator``, ``--target``, ``--build-dir``, ``--neurons``, ``--duration``, ``--seed`` and
        ``--float32`` and ``--threads`` (``extra(parser)`` may add more); the first line of `description` is the help text."""
        parser = argparse.ArgumentParser(description=description.strip().splitlines()[0])
        parser.add_argument("--simulator", choices=("ranvier", "brian2"), required=True)
        parser.add_argument("--target", choices=BRIAN2_TARGETS, default="cython",
                            help="Brian2's code generation target (ignored for Ranvier)")
        parser.add_argument("--build-dir", default=None,
                            help="Brian2 cpp_standalone project folder (reused between runs to keep make's objects)")
        parser.add_argument("--neurons", type=int, default=neurons)
        parser.add_argument("--duration", type=float, default=duration, help="simulated time in seconds")
        parser.add_argument("--seed", type=int, default=1, help="random seed of the network")
        parser.add_argument("--float32", action="store_true",
                            help="store the model in single precision (prefs.core.default_float_dtype = float32)")
        parser.add_argument("--threads", type=int, default=1,
                            help="Ranvier's prefs.ranvier.threads (ignored for Brian2)")
        if extra:
            extra(parser)
        return cls(parser.parse_args())

    @property
    def simulator(self) -> str:
        return self.arguments.simulator

    @property
    def standalone(self) -> bool:
        return self.simulator == "brian2" and self.arguments.target == "cpp_standalone"

    def _lap(self) -> float:
        """Seconds since the previous lap (or since the script started)."""
        now = time.perf_counter()
        elapsed, self._mark = now - self._mark, now
        return elapsed

    def imported(self):
        """Call right after the star import: records its time and sets Brian2's mode."""
        self.values["import_seconds"] = self._lap()
        if self.simulator == "brian2":
            self._configure_brian2()
        if self.arguments.float32:
            import numpy
            simulator = __import__(self.simulator)
            simulator.prefs.core.default_float_dtype = numpy.float32
        if self.simulator == "ranvier":
            import ranvier
            ranvier.prefs.ranvier.threads = self.arguments.threads
        self._lap()

    def _configure_brian2(self):
        import brian2
        if self.standalone:
            brian2.set_device("cpp_standalone", directory=self.arguments.build_dir, build_on_run=True)
        else:
            brian2.prefs.codegen.target = self.arguments.target
            self._time_before_run(brian2.Network)

    def _time_before_run(self, network_class):
        """Wraps Network.before_run (instrumentation only) so its time can be taken out of run()."""
        original = network_class.before_run

        def timed_before_run(network, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(network, *args, **kwargs)
            finally:
                self._brian2_before_run_seconds += time.perf_counter() - start

        network_class.before_run = timed_before_run

    @contextlib.contextmanager
    def phase(self, name: str):
        """Adds the wall time of the block to ``<name>_seconds`` (e.g. ``connect``)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            key = f"{name}_seconds"
            self.values[key] = self.values.get(key, 0.0) + time.perf_counter() - start

    @contextlib.contextmanager
    def running(self):
        """Wraps the call to ``run()``: ends the construction phase, times the run and splits it."""
        self.values["construction_seconds"] = self._lap()
        self.values["construction_peak_rss_mib"] = peak_rss_mib(resource.RUSAGE_SELF)
        cpu_start = cpu_seconds()
        yield
        self.values["run_seconds"] = self._lap()
        self.values["run_cpu_seconds"] = cpu_seconds() - cpu_start
        self.values["loop_seconds"] = self._loop_seconds()
        self.values["prepare_seconds"] = self.values["run_seconds"] - self.values["loop_seconds"]

    def _loop_seconds(self) -> float:
        if self.simulator == "ranvier":
            import ranvier
            timing = ranvier.magic_network.last_run_timing
            self.values["engine_prepare_seconds"] = timing["prepare"]
            return timing["loop"]
        if self.standalone:
            import brian2
            return brian2.get_device()._last_run_time
        return self.values["run_seconds"] - self._brian2_before_run_seconds

    def finish(self, **results):
        """Prints the model's `results` and every measured value as ``key=value`` lines."""
        self.values["after_run_seconds"] = self._lap()
        self.values["peak_rss_mib"] = peak_rss_mib(resource.RUSAGE_SELF)
        self.values["children_peak_rss_mib"] = peak_rss_mib(resource.RUSAGE_CHILDREN)
        self.values["neurons"] = self.arguments.neurons
        self.values["duration"] = self.arguments.duration
        for key, value in {**results, **self.values}.items():
            print(f"{key}={value:.6f}" if isinstance(value, float) else f"{key}={value}")
        sys.stdout.flush()


def cpu_seconds() -> float:
    """User+system CPU seconds of this process and its reaped children (the standalone binary, make)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mib(who) -> float:
    """Peak resident set size in MiB (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(who).ru_maxrss / 1024
