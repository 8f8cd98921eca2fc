"""Every notebook runs top to bottom with its defaults, and documents its parameters."""

import nbformat
import papermill
import pytest

from analysis import paths

NOTEBOOKS = sorted(paths.notebooks_dir().glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.name for n in NOTEBOOKS])
def test_runs_with_defaults(notebook, tmp_path):
    out = tmp_path / notebook.name
    papermill.execute_notebook(str(notebook), str(out), kernel_name="python3", progress_bar=False,
                               cwd=str(notebook.parent))
    executed = nbformat.read(out, as_version=4)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.name for n in NOTEBOOKS])
def test_parameters_are_typed_and_commented(notebook):
    parameters = papermill.inspect_notebook(str(notebook))
    assert parameters
    for name, spec in parameters.items():
        assert spec["inferred_type_name"] != "None", f"{name} has no type annotation"
        assert spec["help"], f"{name} has no comment"


def test_notebooks_are_committed_without_outputs():
    for notebook in NOTEBOOKS:
        cells = nbformat.read(notebook, as_version=4).cells
        assert all(not c.get("outputs") for c in cells if c.cell_type == "code"), notebook.name


def test_reproduction_notebook_takes_an_edition(tmp_path):
    out = tmp_path / "repro.ipynb"
    papermill.execute_notebook(str(paths.notebooks_dir() / "reproduce_published_figures.ipynb"), str(out),
                               parameters={"edition": 2014}, kernel_name="python3", progress_bar=False)
    text = out.read_text()
    assert "Landmine Monitor 2014" in text
