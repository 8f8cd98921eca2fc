"""Clearance of mined areas (Article 5): derived deadlines, extensions, completions, as of a date."""

from __future__ import annotations

import pandas as pd

from analysis import treaty
from analysis.loaders import (
    load_clearance_extensions,
    load_clearance_new_mined_areas,
    load_clearance_records,
    load_meetings,
    load_treaty_status,
)
from analysis.universalization import DateLike

__all__ = ["GAP_STATUSES", "STATUSES", "STATUS_LABELS", "counts", "deadline_on", "decided_on", "granted_by", "load_clearance", "load_clearance_extensions",
           "load_clearance_new_mined_areas", "reopened_on", "status_on"]

#: Clearance status of a State with an Article 5 obligation on a date, as far as our data tells,
#: with the words a report uses for it. The two ``*not_compiled`` statuses are gaps in our data,
#: never a finding that a State is late: a later extension or a completion may exist that we
#: have not compiled.
STATUS_LABELS = {
    "clearing": "clearing, within its deadline",
    "completed": "declared completion",
    "reopened": "declared completion, then reported newly found mined areas",
    "not_compiled": "not compiled: no extension or completion after the last deadline we hold",
    "extension_not_compiled": "not compiled: an extension we hold without its date or new deadline",
}
STATUSES = tuple(STATUS_LABELS)
#: The statuses that are gaps in our data rather than findings.
GAP_STATUSES = ("not_compiled", "extension_not_compiled")


def load_clearance(status: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per State Party with an Article 5 obligation, past or present.

    ``article5_deadline`` is entry into force plus ten years (derived);
    ``deadline_agrees`` compares it with the deadline a source states, at that
    source's precision (NA where none is stated); ``extensions`` counts the
    extensions granted and ``latest_deadline`` is the last extended deadline read.
    """
    status = load_treaty_status() if status is None else status
    records = load_clearance_records()
    table = records.merge(status[["iso3", "state", "entry_into_force_date"]], on="iso3", how="left")
    table["article5_deadline"] = treaty.article5_deadline(table["entry_into_force_date"])
    stated, precision = table["original_deadline_stated"], table["original_deadline_precision"]
    derived = table["article5_deadline"]
    agrees = pd.Series(pd.NA, index=table.index, dtype="boolean")
    for i in table.index[stated.notna()]:
        if precision[i] == "day":
            agrees[i] = derived[i] == stated[i]
        elif precision[i] == "month":
            agrees[i] = (derived[i].year, derived[i].month) == (stated[i].year, stated[i].month)
        else:
            agrees[i] = derived[i].year == stated[i].year
    table["deadline_agrees"] = agrees
    extensions = load_clearance_extensions()
    table["extensions"] = table["iso3"].map(extensions["iso3"].value_counts()).fillna(0).astype(int)
    table["latest_deadline"] = table["iso3"].map(extensions.groupby("iso3")["new_deadline"].max())
    return table.sort_values("iso3", ignore_index=True)


def decided_on(extensions: pd.DataFrame | None = None, meetings: pd.DataFrame | None = None) -> pd.Series:
    """When each extension was granted: its decision date where we hold one, else the closing
    day of the Meeting or Review Conference that granted it (``meeting``, a meeting id); NaT
    where neither is known."""
    extensions = load_clearance_extensions() if extensions is None else extensions
    meetings = load_meetings() if meetings is None else meetings
    closing = extensions["meeting"].map(meetings.set_index("meeting_id")["end_date"])
    return extensions["decision_date"].fillna(closing).rename("decided_on")


def granted_by(as_of: DateLike, extensions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The extensions granted on or before ``as_of`` (:func:`decided_on`), with that date as ``decided_on``."""
    extensions = load_clearance_extensions() if extensions is None else extensions
    extensions = extensions.assign(decided_on=decided_on(extensions))
    return extensions[extensions["decided_on"] <= pd.Timestamp(as_of)]


def deadline_on(as_of: DateLike, table: pd.DataFrame | None = None,
                extensions: pd.DataFrame | None = None) -> pd.Series:
    """Each State's Article 5 deadline in force on ``as_of``: the original one, or the latest
    extension granted by then (:func:`decided_on`; extensions whose date is unknown are left out)."""
    table = load_clearance() if table is None else table
    extensions = load_clearance_extensions() if extensions is None else extensions
    decided = granted_by(as_of, extensions)
    decided = decided[decided["new_deadline"].notna()]
    extended = decided.sort_values("decided_on").groupby("iso3")["new_deadline"].last()
    current = pd.Series(pd.to_datetime(extended.reindex(table["iso3"]).to_numpy()), index=table.index)
    return current.where(current.notna(), table["article5_deadline"]).rename("deadline_in_force")


def reopened_on(as_of: DateLike, table: pd.DataFrame, new_areas: pd.DataFrame | None = None) -> pd.Series:
    """True for each State that had declared completion and, after that but by ``as_of``,
    reported newly found mined areas (its obligation open again)."""
    new_areas = load_clearance_new_mined_areas() if new_areas is None else new_areas
    reported = new_areas[new_areas["reported_date"] <= pd.Timestamp(as_of)]
    latest = pd.Series(reported.groupby("iso3")["reported_date"].max().reindex(table["iso3"]).to_numpy(),
                       index=table.index)
    return (table["completion_date"].notna() & (table["completion_date"] <= pd.Timestamp(as_of))
            & latest.notna() & (latest > table["completion_date"]))


def uncompiled_extensions(as_of: DateLike, extensions: pd.DataFrame | None = None) -> set[str]:
    """States with an extension that may be in force on ``as_of`` but that we hold without the
    date it was granted (:func:`decided_on`) or its new deadline, so their deadline in force is
    not known for sure."""
    extensions = load_clearance_extensions() if extensions is None else extensions
    decided = decided_on(extensions)
    rows = extensions[(decided.isna() | (decided <= pd.Timestamp(as_of)))
                      & (extensions["new_deadline"].isna() | decided.isna())]
    return set(rows["iso3"])


def status_on(as_of: DateLike, table: pd.DataFrame | None = None,
              new_areas: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per State bound by then, ``clearance_status`` (a key of :data:`STATUS_LABELS`):
    ``completed`` (declared by then); ``reopened`` (declared, then reported mined areas found
    later); ``clearing`` (deadline in force not yet passed); past the deadline in force, either
    ``extension_not_compiled`` (an extension we hold without its new deadline or the date it was
    granted) or ``not_compiled`` (no extension or completion in our data covers the date; later
    ones may be missing, so this is a gap in our data, not a finding of lateness)."""
    table = load_clearance() if table is None else table
    as_of = pd.Timestamp(as_of)
    bound = table["entry_into_force_date"] <= as_of
    rows = table[bound].copy()
    rows["deadline_in_force"] = deadline_on(as_of, rows)
    completed = rows["completion_date"].notna() & (rows["completion_date"] <= as_of)
    passed = ~completed & (rows["deadline_in_force"] < as_of)
    unknown = passed & rows["iso3"].isin(uncompiled_extensions(as_of))
    rows["clearance_status"] = "clearing"
    rows.loc[passed, "clearance_status"] = "not_compiled"
    rows.loc[unknown, "clearance_status"] = "extension_not_compiled"
    rows.loc[completed, "clearance_status"] = "completed"
    rows.loc[reopened_on(as_of, rows, new_areas), "clearance_status"] = "reopened"
    return rows[["iso3", "state", "article5_deadline", "deadline_in_force", "extensions",
                 "completion_date", "clearance_status"]].reset_index(drop=True)


def counts(as_of: DateLike, table: pd.DataFrame | None = None) -> dict[str, int]:
    """States Parties with obligations on ``as_of``, by clearance status."""
    status = status_on(as_of, table)["clearance_status"].value_counts()
    return {s: int(status.get(s, 0)) for s in STATUSES}
