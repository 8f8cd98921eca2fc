"""Support for mine action (international cooperation and assistance), as Landmine Monitor states it.

Each edition gives the support of the year before and revises earlier years, so a figure
is chosen by edition: the latest one published by a date, as for casualties.
"""

from __future__ import annotations

import pandas as pd

from analysis.dataset import Dataset
from analysis.sources import monitor_edition_by
from analysis.universalization import DateLike

__all__ = ["largest_donors", "support_known_by"]


def support_known_by(data: Dataset, as_of: DateLike) -> pd.DataFrame:
    """Per year and measure, the figure of the latest edition published by ``as_of``
    (:func:`sources.monitor_edition_by`). Columns as in ``mine_action_support``."""
    support = data.mine_action_support
    known = support[support["edition"] <= monitor_edition_by(data, pd.Timestamp(as_of))]
    latest = known.sort_values("edition", kind="stable").groupby(["year", "measure"]).tail(1)
    return latest.sort_values(["year", "measure"], ignore_index=True)


def largest_donors(data: Dataset, year: int, as_of: DateLike) -> pd.DataFrame:
    """The donors the latest edition published by ``as_of`` names as the largest in ``year``,
    in its rank order where it ranks them, else in the order it names them; empty where none is named."""
    donors = data.mine_action_donors
    rows = donors[(donors["year"] == year) & (donors["edition"] <= monitor_edition_by(data, pd.Timestamp(as_of)))]
    if rows.empty:
        return rows
    rows = rows[rows["edition"] == rows["edition"].max()]
    rows = rows[rows["source_id"] == rows.sort_values("rank", na_position="last")["source_id"].iloc[0]]
    return rows.sort_values("rank", na_position="last", kind="stable", ignore_index=True)
