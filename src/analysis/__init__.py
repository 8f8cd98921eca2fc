"""minebans: tested, reproducible analytics for the Mine Ban Treaty (Ottawa Convention, 1997).

>>> from analysis import Dataset, universalization
>>> data = Dataset.load()                       # the validated tables of data/
>>> universalization.summary(data, "2025-12-31")
"""

from importlib.metadata import PackageNotFoundError, version

from analysis.dataset import Dataset
from analysis.validation import DataValidationError

try:
    __version__ = version("minebans")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = ["DataValidationError", "Dataset", "__version__"]
