"""Citations: turn ``source_id`` keys into the lines printed under figures and tables."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.loaders import load_sources


def cite(source_ids: Iterable[str], sources: pd.DataFrame | None = None) -> str:
    """A one-line citation for the given source ids, in the order given, without repeats.

    Raises:
        KeyError: an id is not in the sources table.
    """
    sources = (load_sources() if sources is None else sources).set_index("source_id")
    parts = []
    for source_id in dict.fromkeys(source_ids):
        if source_id not in sources.index:
            raise KeyError(f"unknown source_id {source_id!r}")
        row = sources.loc[source_id]
        year = "" if pd.isna(row["year"]) else f" ({row['year']})"
        parts.append(f"{row['publisher']}, {row['title']}{year}")
    return "Source: " + "; ".join(parts) + "."


def _entry(row: pd.Series) -> str:
    year = "" if pd.isna(row["year"]) else f" ({row['year']})"
    return f"{row['publisher']}, *{row['title']}*{year}, <{row['url']}> (accessed {row['accessed'].date()})"


def bibliography(source_ids: Iterable[str], sources: pd.DataFrame | None = None) -> str:
    """A Markdown list of the given sources, sorted by publisher and year."""
    sources = load_sources() if sources is None else sources
    wanted = sources[sources["source_id"].isin(set(source_ids))].sort_values(["publisher", "year", "title"])
    return "\n".join(f"- {_entry(row)}" for _, row in wanted.iterrows())


def caption(source_ids: Iterable[str], what: str, sources: pd.DataFrame | None = None) -> str:
    """A figure caption: the full citation for up to three sources, else a count pointing to the list."""
    ids = list(dict.fromkeys(source_ids))
    if len(ids) <= 3:
        return cite(ids, sources)
    return f"Source: {what}, compiled from {len(ids)} publications listed under Sources; computed with minebans."


def data_as_of(sources: pd.DataFrame | None = None) -> pd.Timestamp:
    """The date the data was last checked against its sources: the latest access date."""
    sources = load_sources() if sources is None else sources
    return pd.Timestamp(sources["accessed"].max())
