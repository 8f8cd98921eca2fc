"""Clearance of mined areas (Article 5): derived deadlines, extensions, completions, as of a date.

Pure functions of a dataset: its Article 5 table (:attr:`Dataset.clearance_obligations`, one
row per State Party with an obligation), the extensions granted and the mined areas found
after completion.
"""

from __future__ import annotations

import pandas as pd

from analysis import metadata
from analysis.dataset import Dataset
from analysis.universalization import DateLike

__all__ = ["GAP_STATUSES", "STATUSES", "STATUS_LABELS", "ClearanceStatus", "counts", "deadline_on", "decided_on", "granted_by",
           "reopened_on", "status_on", "uncompiled_extensions"]

#: Clearance status of a State with an Article 5 obligation on a date, as far as our data tells,
#: with the words a report uses for it (codes and labels: the data package). The two
#: ``*not_compiled`` statuses are gaps in our data, never a finding that a State is late: a later
#: extension or a completion may exist that we have not compiled.
ClearanceStatus = metadata.codes("clearance_status", "clearance_status")
STATUS_LABELS = metadata.labels("clearance_status", "clearance_status")
STATUSES = tuple(c.value for c in ClearanceStatus)
#: The statuses that are gaps in our data rather than findings.
GAP_STATUSES = (ClearanceStatus.not_compiled.value, ClearanceStatus.extension_not_compiled.value)


def decided_on(data: Dataset) -> pd.Series:
    """When each extension (row of :attr:`Dataset.clearance_extensions`) was granted: its decision
    date where we hold one, else the closing day of the Meeting or Review Conference that granted
    it (``meeting``, a meeting id); NaT where neither is known."""
    extensions, meetings = data.clearance_extensions, data.meetings
    closing = extensions["meeting"].map(meetings.set_index("meeting_id")["end_date"])
    return extensions["decision_date"].fillna(closing).rename("decided_on")


def granted_by(data: Dataset, as_of: DateLike) -> pd.DataFrame:
    """The extensions granted on or before ``as_of`` (:func:`decided_on`): the columns of
    ``clearance_extensions`` and ``decided_on``."""
    extensions = data.clearance_extensions.assign(decided_on=decided_on(data))
    return extensions[extensions["decided_on"] <= pd.Timestamp(as_of)]


def deadline_on(data: Dataset, as_of: DateLike, table: pd.DataFrame | None = None) -> pd.Series:
    """Each State's Article 5 deadline in force on ``as_of`` (``deadline_in_force``, on the index of
    ``table``, default :attr:`Dataset.clearance_obligations`): the original one, or the latest
    extension granted by then (:func:`decided_on`; extensions whose date is unknown are left out)."""
    table = data.clearance_obligations if table is None else table
    decided = granted_by(data, as_of)
    decided = decided[decided["new_deadline"].notna()]
    extended = decided.sort_values("decided_on").groupby("iso3")["new_deadline"].last()
    current = pd.Series(pd.to_datetime(extended.reindex(table["iso3"]).to_numpy()), index=table.index)
    return current.where(current.notna(), table["article5_deadline"]).rename("deadline_in_force")


def reopened_on(data: Dataset, as_of: DateLike, table: pd.DataFrame) -> pd.Series:
    """True for each row of ``table`` (``iso3, completion_date``) whose State had declared completion
    and, after that but by ``as_of``, reported newly found mined areas (its obligation open again)."""
    new_areas = data.clearance_new_mined_areas
    reported = new_areas[new_areas["reported_date"] <= pd.Timestamp(as_of)]
    latest = pd.Series(reported.groupby("iso3")["reported_date"].max().reindex(table["iso3"]).to_numpy(),
                       index=table.index)
    return (table["completion_date"].notna() & (table["completion_date"] <= pd.Timestamp(as_of))
            & latest.notna() & (latest > table["completion_date"]))


def uncompiled_extensions(data: Dataset, as_of: DateLike) -> set[str]:
    """States with an extension that may be in force on ``as_of`` but that we hold without the
    date it was granted (:func:`decided_on`) or its new deadline, so their deadline in force is
    not known for sure."""
    extensions = data.clearance_extensions
    decided = decided_on(data)
    rows = extensions[(decided.isna() | (decided <= pd.Timestamp(as_of)))
                      & (extensions["new_deadline"].isna() | decided.isna())]
    return set(rows["iso3"])


def status_on(data: Dataset, as_of: DateLike) -> pd.DataFrame:
    """Clearance status of each State bound by Article 5 on ``as_of``.

    Parameters
    ----------
    data : Dataset
        Its :attr:`Dataset.clearance_obligations`, extensions and new mined areas are read.
    as_of : date

    Returns
    -------
    DataFrame
        One row per State Party with an obligation by then: ``iso3, state, clearance_status,
        article5_deadline, deadline_in_force, extensions, completion_date``.
        ``clearance_status`` (:data:`STATUSES`): ``completed`` (declared by then); ``reopened``
        (declared, then reported mined areas found later); ``clearing`` (deadline in force not
        yet passed); past the deadline in force, either ``extension_not_compiled`` (an extension
        we hold without its new deadline or the date it was granted) or ``not_compiled`` (no
        extension or completion in our data covers the date; later ones may be missing, so this
        is a gap in our data, not a finding of lateness).
    """
    table = data.clearance_obligations
    as_of = pd.Timestamp(as_of)
    bound = table["entry_into_force_date"] <= as_of
    rows = table[bound].copy()
    rows["deadline_in_force"] = deadline_on(data, as_of, rows)
    completed = rows["completion_date"].notna() & (rows["completion_date"] <= as_of)
    passed = ~completed & (rows["deadline_in_force"] < as_of)
    unknown = passed & rows["iso3"].isin(uncompiled_extensions(data, as_of))
    rows["clearance_status"] = ClearanceStatus.clearing.value
    rows.loc[passed, "clearance_status"] = ClearanceStatus.not_compiled.value
    rows.loc[unknown, "clearance_status"] = ClearanceStatus.extension_not_compiled.value
    rows.loc[completed, "clearance_status"] = ClearanceStatus.completed.value
    rows.loc[reopened_on(data, as_of, rows), "clearance_status"] = ClearanceStatus.reopened.value
    return rows[["iso3", "state", "clearance_status", "article5_deadline", "deadline_in_force", "extensions",
                 "completion_date"]].reset_index(drop=True)


def counts(data: Dataset, as_of: DateLike) -> dict[str, int]:
    """States Parties with obligations on ``as_of``, by clearance status (keys :data:`STATUSES`)."""
    status = status_on(data, as_of)["clearance_status"].value_counts()
    return {s: int(status.get(s, 0)) for s in STATUSES}
