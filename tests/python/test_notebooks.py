"""The notebooks run top to bottom on a real Jupyter kernel and draw their figures.

The kernel is started with the interpreter running the tests (a kernelspec written to a temporary
folder), so it imports the same Ranvier. Cells tagged `needs-synapses` may fail until Synapses land
(issue 3), but only with an error that says so (NameError or NotImplementedError about Synapses);
the test then reports xfail.
"""

import json
import sys
from pathlib import Path

import pytest

try:
    import nbformat
    from nbclient import NotebookClient
except ImportError as missing:  # a missing test dependency must fail loudly, not skip
    raise ImportError(
        f"{missing}. The notebook tests need nbclient, nbformat and ipykernel: "
        "python -m pip install nbclient nbformat ipykernel"
    ) from missing

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
NOTEBOOK = NOTEBOOKS / "seed-notes.ipynb"
KERNEL_NAME = "ranvier-tests"
CELL_TIMEOUT_SECONDS = 600
LATER_FEATURE_TAG = "needs-synapses"


@pytest.fixture
def kernel_for_this_interpreter(tmp_path, monkeypatch):
    """A kernelspec running ipykernel under sys.executable, visible only to this test."""
    spec_dir = tmp_path / "jupyter" / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python (tests)",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the inline backend must produce the images
    return KERNEL_NAME


def execute(notebook_path: Path, kernel_name: str, workdir: Path):
    """Runs every cell (continuing past errors) and returns the executed notebook."""
    notebook = nbformat.read(notebook_path, as_version=4)
    client = NotebookClient(
        notebook, kernel_name=kernel_name, timeout=CELL_TIMEOUT_SECONDS, allow_errors=True,
        resources={"metadata": {"path": str(workdir)}},
    )
    client.execute()
    return notebook


def cell_error(cell):
    """The (ename, evalue) of a cell's error output, or None."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return output["ename"], output["evalue"]
    return None


def is_plotting_cell(cell) -> bool:
    return "plot(" in cell.source


def has_image(cell) -> bool:
    return any("image/png" in output.get("data", {}) for output in cell.get("outputs", []))


def is_missing_synapses(error) -> bool:
    name, value = error
    return name in ("NameError", "NotImplementedError") and "Synapses" in value


def test_seed_notebook_runs_and_plots(kernel_for_this_interpreter, tmp_path):
    notebook = execute(NOTEBOOK, kernel_for_this_interpreter, tmp_path)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    later = [cell for cell in code_cells if LATER_FEATURE_TAG in cell.metadata.get("tags", [])]
    current = [cell for cell in code_cells if cell not in later]
    assert later, f"the notebook has no cell tagged {LATER_FEATURE_TAG!r}"

    errors = {index: cell_error(cell) for index, cell in enumerate(current) if cell_error(cell)}
    assert not errors, f"cells failed (index among non-synapse code cells: (error, message)): {errors}"
    missing_images = [cell.source.splitlines()[0:3] for cell in current
                      if is_plotting_cell(cell) and not has_image(cell)]
    assert not missing_images, f"plotting cells without an image/png output: {missing_images}"

    later_errors = [cell_error(cell) for cell in later if cell_error(cell)]
    unexpected = [error for error in later_errors if not is_missing_synapses(error)]
    assert not unexpected, f"the synapse cell failed for another reason than missing Synapses: {unexpected}"
    if later_errors:
        pytest.xfail(f"Synapses: issue 3 ({later_errors[0][0]}: {later_errors[0][1][:200]})")
    assert all(has_image(cell) for cell in later), "the synapse cell ran but drew no figure"


def test_simulation_control_notebook_runs_its_checks_and_plots(kernel_for_this_interpreter, tmp_path):
    """Tutorial 3's ground (store/restore sweeps, values at spikes, run_regularly, network_operation,
    TimedArray): every cell runs, including the cells' own asserts, and every plot is drawn."""
    notebook = execute(NOTEBOOKS / "simulation-control.ipynb", kernel_for_this_interpreter, tmp_path)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    errors = {index: cell_error(cell) for index, cell in enumerate(code_cells) if cell_error(cell)}
    assert not errors, f"cells failed (index among code cells: (error, message)): {errors}"
    missing_images = [cell.source.splitlines()[0:3] for cell in code_cells
                      if is_plotting_cell(cell) and not has_image(cell)]
    assert not missing_images, f"plotting cells without an image/png output: {missing_images}"
    printed = "".join(output.get("text", "") for cell in code_cells for output in cell.get("outputs", []))
    assert "identical in both runs" in printed and "spikes per neuron" in printed
