"""The CUBA scaling figure: loop time and whole-process time against N for every program."""

from .formatting import per_simulated_second
from .report_models import PROGRAM_ORDER
from .targets import cuba_sizes


def _series(results, program, value):
    """(sizes, values) of one program, skipping sizes where it did not run or failed."""
    points = []
    for n in cuba_sizes(results):
        result = results.get(("model", "cuba", n, program))
        if result and result.successful and value(result) is not None:
            points.append((n, value(result)))
    return [n for n, _ in points], [v for _, v in points]


def cuba_scaling(results: dict, path, log):
    """Draws the figure into `path` (PNG, matplotlib's Agg backend) and returns the path; None without
    at least two CUBA sizes or without matplotlib."""
    if len(cuba_sizes(results)) < 2:
        return None
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("run.py: matplotlib is not installed, no CUBA plot", file=log)
        return None
    figure, (loop_axes, process_axes) = plt.subplots(1, 2, figsize=(11, 4.5))
    panels = ((loop_axes, "simulation loop (s per simulated second)", lambda r: per_simulated_second(r, "loop_seconds")),
              (process_axes, "whole process (s, wall)", lambda r: r.median("wall_seconds")))
    for axes, title, value in panels:
        for program in PROGRAM_ORDER:
            if program == "brian2-numpy" and axes is process_axes:
                continue  # numpy ran a shorter simulation: its process time is not comparable
            sizes, values = _series(results, program, value)
            if sizes:
                label = next(results[("model", "cuba", n, program)].case.label for n in sizes)
                axes.plot(sizes, values, marker="o", label=label + (" (per simulated s)" if program == "brian2-numpy" else ""))
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xlabel("N (neurons; p = 80/N, so 80 synapses per neuron)")
        axes.set_title(title)
        axes.grid(True, which="both", alpha=0.3)
        axes.legend(fontsize="small")
    figure.suptitle("CUBA, 1 s simulated, dt = 0.1 ms (medians)")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path
