"""minebans: tested, reproducible analytics for the Mine Ban Treaty (Ottawa Convention, 1997).

>>> from analysis import Dataset, universalization
>>> data = Dataset.load()                       # the validated tables of data/
>>> universalization.summary(data, "2025-12-31")
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from analysis.errors import DataValidationError

try:
    __version__ = version("minebans")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = ["DataValidationError", "Dataset", "__version__"]


def __getattr__(name: str) -> Any:
    """``analysis.Dataset`` is imported on first use, with pandas and geopandas: the command line
    starts a report's kernel before it needs them."""
    if name == "Dataset":
        return import_module("analysis.dataset").Dataset
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
