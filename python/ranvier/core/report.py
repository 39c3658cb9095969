"""Progress reports for `run(..., report=...)`: at the start of a run, every ``report_period`` of
wall time while it runs (the engine checks the wall clock and calls Python only then), and at the end.
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
    """Writes Brian2's progress lines to a text stream (flushed, so that Jupyter shows them at once)."""

    def __init__(self, stream):
        self.stream = stream

    def __call__(self, elapsed, completed, start, duration):
        if completed == 0.0:
            self.stream.write(f"Starting simulation at t={start} for a duration of {duration}\n")
        else:
            elapsed = float(np.asarray(elapsed, dtype=float))
            line = f"{completed * duration} ({int(completed * 100.0)}%) simulated in {format_wall_time(elapsed)}"
            if completed < 1.0:
                remaining = int(round((1 - completed) / completed * elapsed)) if completed > 0 else 0
                line += f", estimated {format_wall_time(remaining)} remaining."
            self.stream.write(line + "\n")
        self.stream.flush()


def format_wall_time(seconds):
    """A wall-clock duration as '< 1s', '12s', '2m 3s' or '3h 25m 45s' (whole units, truncated)."""
    parts = []
    for size, letter in ((86400, "d"), (3600, "h"), (60, "m"), (1, "s")):
        count = int(seconds / size)
        seconds -= count * size
        if count > 0 or parts:
            parts.append(f"{count}{letter}")
    return " ".join(parts) if parts else "< 1s"
