"""Dates as the library takes them from people and gives them back in prose.

One parser for every date parameter, so the command line, the report parameters and
the notebooks accept and refuse the same dates with the same message; one formatter,
so report prose does not depend on the platform's ``strftime`` (``%-d`` is glibc-only).
"""

from __future__ import annotations

import pandas as pd

from analysis import treaty
from analysis.errors import ParameterError


def parse_date(
    text: str,
    name: str = "as_of",
    earliest: pd.Timestamp | None = treaty.OPENED_FOR_SIGNATURE,
    latest: pd.Timestamp | None = None,
    latest_is: str = "",
) -> pd.Timestamp:
    """An ISO date (YYYY-MM-DD) within ``[earliest, latest]``.

    By default a date must not be before the Convention opened for signature
    (3 December 1997): nothing the data describes happened earlier. ``latest_is``
    says what the latest date is (e.g. "the data's date") in the error message.

    Raises:
        ParameterError: not a date in that form, or outside the range; the message names ``name``.
    """
    try:
        day = pd.Timestamp(pd.to_datetime(str(text), format="%Y-%m-%d"))
    except (ValueError, TypeError):
        day = pd.NaT
    if pd.isna(day):
        raise ParameterError(f"{name} {text!r} is not a date in YYYY-MM-DD form")
    if earliest is not None and day < earliest:
        what = "the Convention opened for signature" if earliest == treaty.OPENED_FOR_SIGNATURE else "the earliest date"
        raise ParameterError(f"{name} {text} is before {what} ({earliest.date()})")
    if latest is not None and day > latest:
        raise ParameterError(f"{name} {text} is after {latest_is or latest.date()}"
                             + (f" ({latest.date()})" if latest_is else ""))
    return day


def long_date(day: pd.Timestamp) -> str:
    """A date as report prose writes it: ``5 December 2007``."""
    return f"{day.day} {day.strftime('%B %Y')}"
