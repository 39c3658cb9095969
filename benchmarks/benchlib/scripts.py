"""Turning one Brian2-syntax script into the file each simulator and mode runs.

The scripts in benchmarks/seed_scripts/ import with ``from brian2 import *`` and put their plotting
after a ``# --- plotting ---`` line. A variant swaps the import for Ranvier's or adds Brian2's mode
settings, and either drops the plotting or keeps it and renders the figure to PNG in memory (what a
notebook does after each cell), so the plotting cost is real.
"""

import pathlib
import re

BRIAN2_IMPORT = re.compile(r"^from brian2 import \*[ \t]*$", re.MULTILINE)
PLOTTING_MARKER = "# --- plotting ---"
RENDER_FIGURE = "\nimport io, matplotlib.pyplot\nmatplotlib.pyplot.savefig(io.BytesIO(), format='png')\n"


def import_line(simulator: str, mode: str, build_dir: str = None) -> str:
    """The line replacing ``from brian2 import *``: Ranvier's import, or Brian2's with its mode chosen."""
    if simulator == "ranvier":
        return "from ranvier import *"
    if mode == "cpp_standalone":
        return f"from brian2 import *; set_device('cpp_standalone', directory={build_dir!r})"
    return f"from brian2 import *; prefs.codegen.target = {mode!r}"


def script_variant(source: str, simulator: str, mode: str, plots: bool, build_dir: str = None) -> str:
    """The script text for one simulator/mode, with or without its plotting part."""
    if not BRIAN2_IMPORT.search(source):
        raise ValueError("a benchmark script needs the line `from brian2 import *`")
    if PLOTTING_MARKER not in source:
        raise ValueError(f"a benchmark script needs a `{PLOTTING_MARKER}` line before its plotting")
    simulation, plotting = source.split(PLOTTING_MARKER, 1)
    text = BRIAN2_IMPORT.sub(import_line(simulator, mode, build_dir), simulation, count=1)
    if plots:
        text += PLOTTING_MARKER + plotting + RENDER_FIGURE
    return text


def write_variant(source_path: pathlib.Path, folder: pathlib.Path, simulator: str, mode: str, plots: bool,
                  build_dir: str = None) -> pathlib.Path:
    """Writes the variant next to the others in `folder` and returns its path."""
    suffix = "plots" if plots else "noplots"
    target = folder / f"{source_path.stem}__{simulator}_{mode}_{suffix}.py"
    target.write_text(script_variant(source_path.read_text(), simulator, mode, plots, build_dir))
    return target
