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


def year_published_by(as_of: pd.Timestamp) -> int:
    """The latest year whose publications were surely out by ``as_of``.

    Landmine Monitor editions and many sources are dated by their year alone, so a source of
    year Y counts as published only from 31 December Y: a report as of 30 June 2025 uses the
    2024 edition, one as of 31 December 2025 the 2025 edition. Nothing appears in a report
    before it was published.
    """
    as_of = pd.Timestamp(as_of)
    return as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1


#: A regular session of the UN General Assembly opens in September of the year session + 1945 (the 52nd in 1997).
SESSION_YEAR_OFFSET = 1945


def session_year(session: int | pd.Series) -> int | pd.Series:
    """Calendar year of a General Assembly regular session's autumn part, when its resolutions are adopted."""
    return session + SESSION_YEAR_OFFSET
