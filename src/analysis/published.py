"""Compare figures stated in publications with the same quantities computed from our data.

Four kinds of published figure are checked: dated counts of States
(``published_figures``: UN resolutions, Landmine Monitor, ISU), global
stockpile figures (``stockpile_published``), headline casualty totals that
second publications give for a named Landmine Monitor edition
(``casualties_published``) and the recorded votes on the yearly General
Assembly resolution (``unga_resolutions``, against the per-State votes). Each
figure either agrees exactly,
differs for a documented reason (its ``difference`` column), or cannot be
computed from our data (a quantity such as mines destroyed worldwide that no
table of ours adds up to).
"""

from __future__ import annotations

import pandas as pd

from analysis import clearance, metadata, stockpiles, unga, universalization
from analysis.dataset import Dataset
from analysis.dates import session_year

#: Quantities of ``published_figures`` and ``stockpile_published`` (codes: the data package).
Quantity = metadata.codes("published_figures", "quantity")
StockpileQuantity = metadata.codes("stockpile_published", "quantity")
#: How each published quantity is computed, by the function giving counts for a date.
TREATY_QUANTITIES = {
    Quantity.states_joined: "joined",
    Quantity.states_in_force: "in_force",
    Quantity.signatories_not_ratified: "signatories_not_ratified",
    Quantity.states_not_party: "not_party",
}
CLEARANCE_QUANTITIES = (Quantity.states_completed_clearance, Quantity.states_with_article5_obligation,
                        Quantity.states_with_outstanding_article5_obligation)
STOCKPILE_QUANTITIES = {
    StockpileQuantity.states_missed_deadline_with_stocks: "missed_deadline_still_holding",
    StockpileQuantity.states_with_stocks_remaining: "destroying",
    StockpileQuantity.states_completed_destruction: "destroyed",
}
COLUMNS = ["dataset", "figure_id", "publication", "quantity", "as_of_date", "value", "computed",
           "outcome", "difference", "source_id"]


def _outcome(table: pd.DataFrame) -> pd.Series:
    outcome = pd.Series("agrees", index=table.index)
    outcome[table["computed"] != table["value"]] = "differs"
    outcome[table["difference"].notna() & (table["computed"] != table["value"])] = "differs (explained)"
    outcome[table["computed"].isna()] = "not computable from our data"
    return outcome


def clearance_count(data: Dataset, quantity: str, as_of: pd.Timestamp) -> int:
    """A clearance count on a date from our Article 5 table: completions declared by then (also
    those of States that later found new mined areas), States bound by an obligation at any time
    up to then, or those of them whose obligation was open on the date."""
    counts = clearance.counts(data, as_of)
    bound = sum(counts.values())
    declared = counts["completed"] + counts["reopened"]
    return {Quantity.states_completed_clearance: declared, Quantity.states_with_article5_obligation: bound,
            Quantity.states_with_outstanding_article5_obligation: bound - counts["completed"]}[quantity]


def compare_published(data: Dataset) -> pd.DataFrame:
    """Dated counts of States beside the counts our treaty and clearance data give for the same
    dates (columns :data:`COLUMNS`)."""
    figures = data.published_figures
    computed = [
        clearance_count(data, quantity, as_of) if quantity in CLEARANCE_QUANTITIES
        else universalization.summary(data, as_of)[TREATY_QUANTITIES[quantity]]
        for as_of, quantity in zip(figures["as_of_date"], figures["quantity"])
    ]
    dataset = figures["quantity"].map(lambda q: "clearance" if q in CLEARANCE_QUANTITIES else "treaty status")
    table = figures.assign(dataset=dataset, computed=pd.array(computed, dtype="Int64"))
    table["outcome"] = _outcome(table)
    return table[COLUMNS].sort_values(["as_of_date", "figure_id"], ignore_index=True)


def compare_stockpile_published(data: Dataset) -> pd.DataFrame:
    """Global stockpile figures beside our counts, where our data can compute them (columns :data:`COLUMNS`)."""
    published = data.stockpile_published
    computed = [
        stockpiles.counts(data, as_of)[STOCKPILE_QUANTITIES[q]] if q in STOCKPILE_QUANTITIES else None
        for as_of, q in zip(published["as_of_date"], published["quantity"])
    ]
    table = published.assign(dataset="stockpiles", publication=published["source_id"],
                             computed=pd.array(computed, dtype="Int64"))
    table["outcome"] = _outcome(table)
    return table[COLUMNS].sort_values(["as_of_date", "figure_id"], ignore_index=True)


def compare_casualties_published(data: Dataset) -> pd.DataFrame:
    """Headline casualty totals beside the figure our table holds for the same year and edition
    (columns :data:`COLUMNS`).

    ``as_of_date`` is the last day of the casualty year; a year and edition our
    table has no total for is not computable.
    """
    published = data.casualties_published
    ours = data.casualties.dropna(subset=["casualties"]).set_index(["year", "edition"])["casualties"]
    keys = pd.MultiIndex.from_arrays([published["casualty_year"], published["edition"]])
    table = published.assign(
        dataset="casualties", quantity="casualties_recorded",
        publication=published["publication"] + " (Landmine Monitor " + published["edition"].astype(str) + ")",
        as_of_date=pd.to_datetime(published["casualty_year"].astype(str) + "-12-31"),
        computed=pd.array(ours.reindex(keys).to_numpy(), dtype="Int64"))
    table["outcome"] = _outcome(table)
    return table[COLUMNS].sort_values(["as_of_date", "figure_id"], ignore_index=True)


def compare_unga_votes(data: Dataset) -> pd.DataFrame:
    """Each recorded-vote total a publication states, beside the tally of how each State voted
    (columns :data:`COLUMNS`).

    A total that differs from the tally carries the resolution's ``tally_difference``.
    """
    resolutions = unga.resolutions(data)
    parts = []
    for kind, stated, counted in [("for", "votes_for", "tally_for"), ("against", "votes_against", "tally_against"),
                                  ("abstaining", "votes_abstaining", "tally_abstaining")]:
        rows = resolutions.dropna(subset=[stated])
        parts.append(pd.DataFrame({
            "dataset": "UN General Assembly", "figure_id": "unga_" + rows["session"].astype(str) + "_" + kind,
            "publication": rows["source_id"], "quantity": f"votes_{kind}",
            "as_of_date": rows["adoption_date"].fillna(pd.to_datetime(session_year(rows["session"]).astype(str)
                                                                      + "-12-31")),
            "value": rows[stated], "computed": rows[counted],
            "difference": rows["tally_difference"].where(rows[stated] != rows[counted]),
            "source_id": rows["source_id"]}))
    table = pd.concat(parts, ignore_index=True)
    table["outcome"] = _outcome(table)
    return table[COLUMNS].sort_values(["as_of_date", "figure_id"], ignore_index=True)


def compare_all(data: Dataset) -> pd.DataFrame:
    """Every published figure we hold, with its outcome."""
    return pd.concat([compare_published(data), compare_stockpile_published(data), compare_casualties_published(data),
                      compare_unga_votes(data)], ignore_index=True)
