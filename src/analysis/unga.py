"""The yearly UN General Assembly resolution on the Convention: symbols, dates, votes, counts."""

from __future__ import annotations

import pandas as pd

from analysis.loaders import load_unga_resolutions


def resolutions(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Resolutions by session, with the share voting in favour where the full recorded vote is known."""
    table = load_unga_resolutions() if table is None else table
    votes = table[["votes_for", "votes_against", "votes_abstaining"]]
    total = votes.sum(axis=1, min_count=3)
    out = table.copy()
    out["in_favour_pct"] = (100 * table["votes_for"] / total).astype("Float64").round(1)
    return out.sort_values("session", ignore_index=True)
