"""minebans: tested, reproducible analytics for the Mine Ban Treaty (Ottawa Convention, 1997)."""

from importlib.metadata import PackageNotFoundError, version

from analysis.loaders import (
    load_casualties,
    load_casualties_by_country,
    load_published_figures,
    load_retained_mines,
    load_sources,
    load_states,
    load_stockpile_destruction,
    load_stockpile_published,
    load_stockpile_remaining,
    load_treaty_actions,
    load_treaty_status,
)
from analysis.validation import DataValidationError

try:
    __version__ = version("minebans")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "DataValidationError",
    "load_casualties",
    "load_casualties_by_country",
    "__version__",
    "load_published_figures",
    "load_retained_mines",
    "load_sources",
    "load_states",
    "load_stockpile_destruction",
    "load_stockpile_published",
    "load_stockpile_remaining",
    "load_treaty_actions",
    "load_treaty_status",
]
