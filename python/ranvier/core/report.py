"""Progress reports for `run(..., report=...)`.

The engine runs a whole `run()` call without returning to Python, so reports are given at the start
and at the end of each run (Brian2 also reports every ``report_period`` in between).
"""

import sys

import numpy as np


def reporter_for(report):
    """The callable ``report(elapsed, completed, start, duration)`` for a ``report=`` argument, or
    None for no report. Accepts None, 'text'/'stdout', 'stderr' or a callable, as Brian2 does."""
    if report is None:
        return None
    if isinstance(report, str):
        if report in ("text", "stdout"):
            return TextReport(sys.stdout)
        if report == "stderr":
            return TextReport(sys.stderr)
        raise ValueError(f'Do not know how to handle report argument "{report}".')
    if callable(report):
        return report
    raise TypeError("Do not know how to handle report argument, it has to be one of 'text', 'stdout', "
                    f"'stderr', or a callable function/object, but it is of type {type(report)}")


class TextReport:
    """Writes one line when a run starts and one when it ends to a text stream."""

    def __init__(self, stream):
        self.stream = stream

    def __call__(self, elapsed, completed, start, duration):
        if completed == 0.0:
            self.stream.write(f"Starting simulation at t={start} for a duration of {duration}\n")
        else:
            self.stream.write(f"{completed * duration} ({int(completed * 100.0)}%) simulated in "
                              f"{format_wall_time(float(np.asarray(elapsed, dtype=float)))}\n")
        self.stream.flush()


def format_wall_time(seconds):
    """A wall-clock duration as '< 1s', '12s', '2m 3s' or '3h 25m 45s'."""
    if seconds < 1:
        return "< 1s"
    remaining = int(round(seconds))
    parts = []
    for size, letter in ((86400, "d"), (3600, "h"), (60, "m"), (1, "s")):
        count, remaining = divmod(remaining, size)
        if count or parts:
            parts.append(f"{count}{letter}")
    return " ".join(parts)
