"""Stockpile destruction (Article 4) and retained mines (Article 3): indicators as of a date.

Pure functions of a dataset: its Article 4 table (:attr:`Dataset.stockpile_destruction`, one
row per State Party) and its remaining-stock and retained-mine tables. The helpers that judge
an Article 4 table as it stood on a date (:func:`as_known_on`, :func:`late_on`) take the table.
"""

from __future__ import annotations

import pandas as pd

from analysis import metadata
from analysis.dataset import Dataset
from analysis.universalization import DateLike, states_parties

#: Stockpile status of a State Party on a date (codes and labels: the data package).
StockpileStatus = metadata.codes("stockpile_status", "stockpile_status")
STATUSES = [c.value for c in StockpileStatus]
STATUS_LABELS = metadata.labels("stockpile_status", "stockpile_status")


def status_on(data: Dataset, as_of: DateLike) -> pd.DataFrame:
    """Stockpile status of each State that had joined by ``as_of``, as known on that date.

    Parameters
    ----------
    data : Dataset
        Its :attr:`Dataset.stockpile_destruction` and treaty-status tables are read.
    as_of : date

    Returns
    -------
    DataFrame
        One row per State that had joined: ``iso3, state, stockpile_status,
        article4_deadline, completion_date, completion_precision``. ``stockpile_status``
        (:data:`STATUSES`): ``destroyed``, completion on or before the date; ``destroying``,
        held a stockpile and had not completed by then; ``never_held``; ``unknown``, no
        compiled record, or a completion whose date is not known. A completion after
        ``as_of`` is not shown (:func:`as_known_on`).
    """
    as_of = pd.Timestamp(as_of)
    table = as_known_on(data.stockpile_destruction, as_of)
    joined = set(states_parties(data, as_of, "joined"))
    rows = table[table["iso3"].isin(joined)].copy()
    held = rows["had_stockpile"]
    done = rows["destruction_completed"]
    completed_by = rows["completion_date"].notna() & (rows["completion_date"] <= as_of)
    result = pd.Series("unknown", index=rows.index)
    result[held.eq(False).fillna(False).astype(bool)] = "never_held"
    holding = held.fillna(False).astype(bool)
    result[holding & completed_by] = "destroyed"
    not_yet = holding & ~completed_by & (done.eq(False).fillna(False).astype(bool) | rows["completion_date"].notna())
    result[not_yet] = "destroying"
    rows["stockpile_status"] = pd.Categorical(result, categories=STATUSES)
    return rows[["iso3", "state", "stockpile_status", "article4_deadline", "completion_date",
                 "completion_precision"]].reset_index(drop=True)


def as_known_on(table: pd.DataFrame, as_of: DateLike) -> pd.DataFrame:
    """An Article 4 table as it stood on ``as_of``: completions after that date are not yet completed."""
    table = table.copy()
    later = table["completion_date"] > pd.Timestamp(as_of)
    table.loc[later, ["completion_date", "completion_precision"]] = [pd.NaT, None]
    table.loc[later, "destruction_completed"] = False
    return table


def late_on(table: pd.DataFrame, as_of: DateLike) -> pd.Series:
    """True for each row of an Article 4 table whose deadline passed before ``as_of`` without
    destruction completed by the deadline: completed after it, or not completed."""
    held = table["had_stockpile"].fillna(False).astype(bool)
    deadline, done = table["article4_deadline"], table["completion_date"]
    unfinished = table["destruction_completed"].eq(False).fillna(False).astype(bool)
    return held & (deadline < pd.Timestamp(as_of)) & ((done.notna() & (done > deadline)) | unfinished)


def missed_deadlines(data: Dataset, as_of: DateLike) -> pd.DataFrame:
    """States Parties whose Article 4 deadline passed before ``as_of`` without completion by the deadline.

    Columns: ``iso3, state, article4_deadline, completion_date, completion_precision,
    still_holding, days_late``: from the deadline to completion, or to ``as_of`` if still
    holding stocks; ``still_holding`` says which.
    """
    table = data.stockpile_destruction
    as_of = pd.Timestamp(as_of)
    rows = table[late_on(table, as_of)].copy()
    rows["still_holding"] = rows["completion_date"].isna() | (rows["completion_date"] > as_of)
    end = rows["completion_date"].where(~rows["still_holding"], as_of)
    rows["days_late"] = (end - rows["article4_deadline"]).dt.days
    return rows[["iso3", "state", "article4_deadline", "completion_date", "completion_precision",
                 "still_holding", "days_late"]].sort_values("article4_deadline", ignore_index=True)


def counts(data: Dataset, as_of: DateLike) -> dict[str, int]:
    """States Parties by stockpile status on ``as_of`` (keys :data:`STATUSES`), and
    ``missed_deadline_still_holding``."""
    on = status_on(data, as_of)["stockpile_status"].value_counts()
    missed = missed_deadlines(data, as_of)
    return {**{s: int(on[s]) for s in STATUSES},
            "missed_deadline_still_holding": int(missed["still_holding"].sum())}


def remaining_on(data: Dataset, as_of: DateLike) -> pd.DataFrame:
    """Stock still to destroy per State as last reported on or before ``as_of`` (one row per State):
    ``iso3, as_of_date, mines_remaining, source_id``."""
    remaining = data.stockpile_remaining
    rows = remaining[remaining["as_of_date"] <= pd.Timestamp(as_of)].sort_values("as_of_date", kind="stable")
    return rows.groupby("iso3", as_index=False).last()[["iso3", "as_of_date", "mines_remaining", "source_id"]]


def retained_by_year(retained: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Retained mines (rows of :attr:`Dataset.retained_mines`) as a year-by-State table, the ``top``
    largest holders (by their maximum) first."""
    wide = retained.pivot(index="year", columns="iso3", values="mines_retained").sort_index()
    order = wide.max().sort_values(ascending=False).index
    return wide[order[:top] if top else order]


def published_figures(data: Dataset, as_of: DateLike) -> pd.DataFrame:
    """The latest published figure of each quantity on or before ``as_of``:
    ``quantity, value, as_of_date, source_id``."""
    published = data.stockpile_published
    rows = published[published["as_of_date"] <= pd.Timestamp(as_of)].sort_values("as_of_date")
    return rows.groupby("quantity", as_index=False).last()[["quantity", "value", "as_of_date", "source_id"]]
