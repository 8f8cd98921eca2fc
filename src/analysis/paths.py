"""The one place that knows where the project's folders are.

Everything else asks this module for a path, so a checkout can be moved, and a
different data folder can be used (``MINEBANS_DATA_DIR``) without touching code.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT: Path = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """Folder holding the curated CSV tables and ``datapackage.json``."""
    override = os.environ.get("MINEBANS_DATA_DIR")
    return Path(override) if override else PROJECT_ROOT / "data"


def notebooks_dir() -> Path:
    """Folder holding the parameterised report notebooks."""
    return PROJECT_ROOT / "notebooks"


def reports_dir() -> Path:
    """Default folder for generated reports."""
    return PROJECT_ROOT / "reports"
