"""Casualty series by Landmine Monitor edition: as first published, as latest revised, or as one edition.

Each edition revises earlier years. A series therefore names its vintage:
``edition="latest"`` takes, for each year, the latest edition that states a
recorded total; ``"first"`` the figure as first published, by the edition of the
next year (the one covering the year; a year that edition gave no total for has no
first-published figure, rather than a later restatement); an integer, that edition only.
``up_to_edition`` limits the choice to editions published by then, so a report
for 2010 can show the figures as they stood in 2010.
"""

from __future__ import annotations

import pandas as pd

from analysis.dataset import Dataset

Edition = int | str


def _recorded(table: pd.DataFrame, up_to_edition: int | None, measure: str = "casualties") -> pd.DataFrame:
    recorded = table[table[measure].notna()]
    if up_to_edition is not None:
        recorded = recorded[recorded["edition"] <= up_to_edition]
    return recorded


def _pick(table: pd.DataFrame, edition: Edition, keys: list[str]) -> pd.DataFrame:
    if edition == "latest":
        return table.sort_values("edition").groupby(keys, as_index=False).tail(1)
    if edition == "first":  # the edition that covered the year: later ones only restate or revise it
        return table[table["edition"] == table["year"] + 1]
    if isinstance(edition, int) and not isinstance(edition, bool):
        return table[table["edition"] == edition]
    raise ValueError(f"edition must be 'latest', 'first' or an edition year, not {edition!r}")


def series(
    data: Dataset, edition: Edition = "latest", up_to_edition: int | None = None, measure: str = "casualties",
) -> pd.DataFrame:
    """Recorded global casualties per year, one row per year, with the edition each figure comes from
    (the columns of :attr:`Dataset.casualties`).

    ``measure`` names the column a row must state to be chosen (default the recorded
    total; ``"civilian_pct"`` picks, per year, the edition that gives the civilian share).
    """
    picked = _pick(_recorded(data.casualties, up_to_edition, measure), edition, ["year"])
    return picked.sort_values("year", ignore_index=True)


def revisions(data: Dataset) -> pd.DataFrame:
    """Per year: the figure as first published and as latest revised, the difference and percent.

    Columns: ``year, first_edition, first_published, latest_edition, latest, difference, difference_pct``."""
    first = series(data, "first").set_index("year")
    latest = series(data, "latest").set_index("year")
    table = pd.DataFrame({
        "first_edition": first["edition"], "first_published": first["casualties"],
        "latest_edition": latest["edition"], "latest": latest["casualties"],
    })
    table["difference"] = table["latest"] - table["first_published"]
    table["difference_pct"] = (100 * table["difference"] / table["first_published"]).astype("Float64").round(1)
    return table.reset_index()


def estimates(data: Dataset) -> pd.DataFrame:
    """The estimated annual ranges early editions gave, apart from recorded totals:
    ``year, edition, estimate_low, estimate_high, source_id``."""
    table = data.casualties
    return table.loc[table["estimate_low"].notna(), ["year", "edition", "estimate_low", "estimate_high", "source_id"]]


def most_affected(
    data: Dataset, year: int, edition: Edition = "latest", up_to_edition: int | None = None
) -> pd.DataFrame:
    """States an edition names as most affected in ``year``, largest first (the columns of
    :attr:`Dataset.casualties_by_country`)."""
    table = data.casualties_by_country
    rows = table[table["year"] == year]
    if up_to_edition is not None:
        rows = rows[rows["edition"] <= up_to_edition]
    if rows.empty:
        return rows
    if edition in ("latest", "first"):
        chosen = rows["edition"].max() if edition == "latest" else rows["edition"].min()
        rows = rows[rows["edition"] == chosen]
    else:
        rows = _pick(rows, edition, ["iso3"])
    return rows.sort_values("casualties", ascending=False, ignore_index=True)


def latest_for_report(data: Dataset, up_to_edition: int) -> pd.Series | None:
    """The most recent year's recorded total in the editions up to ``up_to_edition``.

    An edition published in year E reports calendar year E - 1, so a report as of the
    end of 2025 shows 2024 as Landmine Monitor 2025 recorded it. None if nothing is recorded.
    """
    available = series(data, "latest", up_to_edition=up_to_edition)
    if available.empty:
        return None
    return available.iloc[-1]
