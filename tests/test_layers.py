"""The library's layers stay in order: data, indicators, presentation, reports, command line.

A module may import from its own layer or the layers below it, never above; no indicator,
figure or report module reads a file (the data layer alone does, through :class:`Dataset`).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from analysis import paths

PACKAGE = paths.PROJECT_ROOT / "src" / "analysis"

LAYERS = {
    "data": ["paths", "errors", "dates", "treaty", "metadata", "validation", "loaders", "dataset", "data_rules"],
    "indicators": ["universalization", "stockpiles", "clearance", "casualties", "transparency", "cooperation",
                   "unga", "sources", "published", "action_plans"],
    "presentation": ["text", "plots", "maps", "html_export"],
    "reports": ["plan_progress", "annual_report", "kernels", "reports"],
    "cli": ["cli", "commands"],
}
RANK = {module: rank for rank, modules in enumerate(LAYERS.values()) for module in modules}
#: Calls that read files: only the data layer makes them (and the report runner and command line,
#: which read notebooks and choose output folders).
READERS = {"read_csv", "read_file", "read_text", "read_bytes", "open", "read_json", "read_excel", "read_parquet"}


def _modules() -> list[str]:
    return sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")


def _tree(module: str) -> ast.Module:
    return ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))


def _imports(module: str) -> set[str]:
    """The ``analysis`` modules a module imports, at any depth of its code."""
    found = set()
    for node in ast.walk(_tree(module)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "analysis":
            if node.module == "analysis":
                found |= {a.name for a in node.names}
            else:
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("analysis.")}
    return found - {"__version__"}


def test_every_module_has_a_layer():
    assert set(_modules()) == set(RANK), "add the new module to LAYERS"


@pytest.mark.parametrize("module", _modules())
def test_a_module_imports_only_from_its_layer_or_below(module):
    above = sorted(m for m in _imports(module) if RANK[m] > RANK[module])
    assert above == [], f"{module} ({list(LAYERS)[RANK[module]]}) imports from a higher layer: {above}"


@pytest.mark.parametrize("module", [m for m in _modules() if 0 < RANK[m] < RANK["cli"] and m != "reports"])
def test_no_indicator_figure_or_report_module_reads_a_file(module):
    calls = {node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
             for node in ast.walk(_tree(module)) if isinstance(node, ast.Call)}
    assert calls & READERS == set(), f"{module} reads files: {sorted(calls & READERS)}"
    assert "paths" not in _imports(module) and "loaders" not in _imports(module)


def test_the_check_sees_a_violation(tmp_path, monkeypatch):
    """The layer check is not vacuous: an indicator importing a report module is caught."""
    fake = tmp_path / "analysis"
    fake.mkdir()
    (fake / "stockpiles.py").write_text("from analysis import annual_report\nimport pandas as pd\npd.read_csv('x')\n")
    monkeypatch.setattr(f"{__name__}.PACKAGE", fake)
    assert _imports("stockpiles") == {"annual_report"}
    with pytest.raises(AssertionError, match="higher layer"):
        test_a_module_imports_only_from_its_layer_or_below("stockpiles")
    with pytest.raises(AssertionError, match="reads files"):
        test_no_indicator_figure_or_report_module_reads_a_file("stockpiles")
