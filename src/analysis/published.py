"""Compare figures stated in publications with the same quantities computed from our data."""

from __future__ import annotations

import pandas as pd

from analysis import universalization
from analysis.loaders import load_published_figures, load_treaty_status

#: How each published quantity is computed from :func:`universalization.summary`.
QUANTITIES = {
    "states_joined": "joined",
    "states_in_force": "in_force",
    "signatories_not_ratified": "signatories_not_ratified",
    "states_not_party": "not_party",
}


def compare_published(
    figures: pd.DataFrame | None = None, status: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each published figure beside the value our data gives for the same date.

    Returns the figures with ``computed`` and ``agrees`` columns. A figure whose
    ``difference`` column is filled documents why the two are expected to differ.
    """
    figures = load_published_figures() if figures is None else figures
    status = load_treaty_status() if status is None else status
    computed = [
        universalization.summary(as_of, status)[QUANTITIES[quantity]]
        for as_of, quantity in zip(figures["as_of_date"], figures["quantity"])
    ]
    table = figures[["figure_id", "publication", "quantity", "as_of_date", "value", "difference",
                     "source_id"]].copy()
    table["computed"] = pd.array(computed, dtype="Int64")
    table["agrees"] = table["computed"] == table["value"]
    return table.sort_values(["as_of_date", "figure_id"], ignore_index=True)
