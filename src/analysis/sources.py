"""Citations: turn ``source_id`` keys into the lines printed under figures and tables, and say
what was published by a date (the sources' years, Landmine Monitor's release days)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.dataset import Dataset
from analysis.dates import year_published_by


def _reference(row: pd.Series, italic: bool = False) -> str:
    title = f"*{row['title']}*" if italic else row["title"]
    year = "" if pd.isna(row["year"]) else f" ({row['year']})"
    return f"{row['publisher']}, {title}{year}"


def _row(indexed: pd.DataFrame, source_id: str) -> pd.Series:
    if source_id not in indexed.index:
        raise KeyError(f"unknown source_id {source_id!r}")
    return indexed.loc[source_id]


def reference(data: Dataset, source_id: str) -> str:
    """Publisher, title and year of one source.

    Raises:
        KeyError: the id is not in the sources table.
    """
    return _reference(_row(data.sources.set_index("source_id"), source_id))


def cite(data: Dataset, source_ids: Iterable[str]) -> str:
    """A one-line citation for the given source ids, in the order given, without repeats.

    Raises:
        KeyError: an id is not in the sources table.
    """
    indexed = data.sources.set_index("source_id")
    return "Source: " + "; ".join(_reference(_row(indexed, i)) for i in dict.fromkeys(source_ids)) + "."


def _entry(row: pd.Series) -> str:
    return f"{_reference(row, italic=True)}, <{row['url']}> (accessed {row['accessed'].date()})"


def bibliography(data: Dataset, source_ids: Iterable[str]) -> str:
    """A Markdown list of the given sources, sorted by publisher and year."""
    sources = data.sources
    wanted = sources[sources["source_id"].isin(set(source_ids))].sort_values(["publisher", "year", "title"])
    return "\n".join(f"- {_entry(row)}" for _, row in wanted.iterrows())


def caption(data: Dataset, source_ids: Iterable[str], what: str) -> str:
    """A figure caption: the full citation for up to three sources, else a count pointing to the list."""
    ids = list(dict.fromkeys(source_ids))
    if len(ids) <= 3:
        return cite(data, ids)
    return f"Source: {what}, compiled from {len(ids)} publications listed under Sources; computed with minebans."


def monitor_edition_by(data: Dataset, as_of: pd.Timestamp) -> int:
    """The latest Landmine Monitor edition released by ``as_of``: by its release day where we hold
    it (``monitor_editions``), else from 31 December of its year (:func:`dates.year_published_by`)."""
    editions = data.monitor_editions
    as_of = pd.Timestamp(as_of)
    released = editions.loc[editions["released"] <= as_of, "edition"]
    undated = set(range(1999, year_published_by(as_of) + 1)) - set(editions["edition"])
    known = [*released, *undated]
    return int(max(known)) if known else 1998


def published_by(data: Dataset, source_ids: pd.Series, as_of: pd.Timestamp,
                 stated_on: pd.Series | None = None) -> pd.Series:
    """True for each row whose figure was public by ``as_of``: on ``stated_on`` where the row
    gives that day, else from 31 December of its source's year (:func:`dates.year_published_by`)."""
    year = source_ids.map(data.sources.set_index("source_id")["year"]).astype(float)
    by_year = year <= year_published_by(pd.Timestamp(as_of))
    if stated_on is None:
        return by_year
    return stated_on.le(pd.Timestamp(as_of)) | (stated_on.isna() & by_year)

