"""Universalization indicators: who had joined, who was bound, who was outside.

Pure functions of a dataset's treaty-status table (:attr:`Dataset.treaty_status`)
and dates: a regional view (:meth:`Dataset.for_states`) gives the region's counts.

Two bases are used, and every count says which:

* ``joined``: the State had deposited its instrument (or notification of
  succession) on or before the date. This is the count UN General Assembly
  resolutions and Landmine Monitor quote as "States Parties".
* ``in_force``: the Convention was in force for the State on the date
  (Article 17).

A State whose withdrawal has taken effect (Article 20) is in neither. The
universe is the 197 States the depositary counts, less those not yet in
existence on the date.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd

from analysis import metadata
from analysis.dataset import Dataset

Basis = Literal["joined", "in_force"]
DateLike = str | pd.Timestamp

#: Status of a State on a date, from most to least engaged (codes and labels: the data package).
TreatyStatus = metadata.codes("treaty_status", "treaty_status")
STATUS_CATEGORIES = [c.value for c in TreatyStatus]
STATUS_LABELS = metadata.labels("treaty_status", "treaty_status")
#: What each scheme's regions are called in reports.
REGION_SCHEME_LABELS = {"monitor": "Landmine Monitor regions", "m49": "UN M49 regions",
                        "m49_subregion": "UN M49 subregions"}


def _on_or_before(dates: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    return dates.notna() & (dates <= as_of)


def in_universe(status: pd.DataFrame, as_of: DateLike) -> pd.Series:
    """Boolean mask: the State existed on ``as_of``."""
    as_of = pd.Timestamp(as_of)
    return status["independence_date"].isna() | (status["independence_date"] <= as_of)


def status_on(data: Dataset, as_of: DateLike) -> pd.DataFrame:
    """Each State's treaty status on ``as_of``.

    Parameters
    ----------
    data : Dataset
        Its :attr:`Dataset.treaty_status` is read.
    as_of : date

    Returns
    -------
    DataFrame
        One row per State of the dataset: ``iso3, state, treaty_status``, a category of
        :data:`STATUS_CATEGORIES`; NA for a State not yet in existence on the date. A State
        that has notified withdrawal remains a party until the withdrawal takes effect.
    """
    status = data.treaty_status
    return pd.DataFrame({"iso3": status["iso3"], "state": status["state"],
                         "treaty_status": categories_on(status, as_of)})


def categories_on(status: pd.DataFrame, as_of: DateLike) -> pd.Series:
    """The :func:`status_on` category of each row of a treaty-status table, on its index."""
    as_of = pd.Timestamp(as_of)
    withdrawn = _on_or_before(status["withdrawal_effective_date"], as_of)
    joined = _on_or_before(status["consent_date"], as_of) & ~withdrawn
    # A succession takes effect from independence, but only once it is notified.
    in_force = joined & _on_or_before(status["entry_into_force_date"], as_of)
    signed = _on_or_before(status["signature_date"], as_of)
    category = pd.Series("non_signatory", index=status.index, dtype="object")
    category[signed] = "signatory"
    category[joined] = "joined_not_in_force"
    category[in_force] = "in_force"
    category[withdrawn] = "withdrawn"
    category[~in_universe(status, as_of)] = pd.NA
    return pd.Series(
        pd.Categorical(category, categories=STATUS_CATEGORIES, ordered=True),
        index=status.index, name="status",
    )


def states_parties(data: Dataset, as_of: DateLike, basis: Basis = "in_force") -> list[str]:
    """Sorted ISO3 codes of the States Parties on ``as_of``.

    Args:
        data: the dataset.
        as_of: the date.
        basis: ``"joined"`` (instrument deposited on or before the date) or
            ``"in_force"`` (the Convention in force for the State on the date).
    """
    if basis not in ("joined", "in_force"):
        raise ValueError(f"basis must be 'joined' or 'in_force', not {basis!r}")
    status = data.treaty_status
    category = categories_on(status, as_of)
    wanted = ["in_force"] if basis == "in_force" else ["in_force", "joined_not_in_force"]
    return sorted(status.loc[category.isin(wanted), "iso3"])


def summary(data: Dataset, as_of: DateLike) -> dict[str, int]:
    """Counts on ``as_of``: ``universe, un_members, joined, joined_un_members, in_force,
    joined_not_in_force, signatories_not_ratified, not_party, withdrawn, withdrawal_pending``."""
    return _summary(data.treaty_status, as_of)


def _summary(status: pd.DataFrame, as_of: DateLike) -> dict[str, int]:
    as_of = pd.Timestamp(as_of)
    category = categories_on(status, as_of)
    counts = category.value_counts()
    notified = _on_or_before(status["withdrawal_notified_date"], as_of)
    return {
        "universe": int(category.notna().sum()),
        "un_members": int((category.notna() & status["un_member"]).sum()),
        "joined": int(counts["in_force"] + counts["joined_not_in_force"]),
        "joined_un_members": int((category.isin(["in_force", "joined_not_in_force"]) & status["un_member"]).sum()),
        "in_force": int(counts["in_force"]),
        "joined_not_in_force": int(counts["joined_not_in_force"]),
        "signatories_not_ratified": int(counts["signatory"]),
        "not_party": int(counts["non_signatory"] + counts["signatory"] + counts["withdrawn"]),
        "withdrawn": int(counts["withdrawn"]),
        "withdrawal_pending": int((notified & ~category.eq("withdrawn")).sum()),
    }


def _shares(counts: pd.DataFrame) -> pd.DataFrame:
    counts["joined_pct"] = (100 * counts["joined"] / counts["universe"]).round(1)
    counts["joined_un_members_pct"] = (100 * counts["joined_un_members"] / counts["un_members"]).round(1)
    return counts


def yearly_series(
    data: Dataset,
    years: range | list[int] | None = None,
    today: DateLike | None = None,
) -> pd.DataFrame:
    """Universalization counts at the end of each year (or ``today`` for the current year).

    Returns one row per year with ``as_of``, the :func:`summary` counts and the
    share of joined States in the universe (``joined_pct``) and among UN members
    (``joined_un_members_pct``).
    """
    status = data.treaty_status
    today = pd.Timestamp(today) if today is not None else pd.Timestamp.today().normalize()
    years = years if years is not None else range(1997, today.year + 1)
    rows = []
    for year in years:
        as_of = min(pd.Timestamp(year=year, month=12, day=31), today)
        rows.append({"year": year, "as_of": as_of, **_summary(status, as_of)})
    return _shares(pd.DataFrame(rows))


def by_region(data: Dataset, as_of: DateLike, scheme: str = "monitor") -> pd.DataFrame:
    """Counts per region on ``as_of``.

    Columns: ``region, universe, joined, in_force, signatories_not_ratified, not_party,
    withdrawn, joined_pct``.

    Args:
        scheme: a key of :data:`analysis.metadata.REGION_SCHEMES`: ``"monitor"`` (Landmine Monitor regions),
            ``"m49"`` (UN M49 regions) or ``"m49_subregion"``.
    """
    if scheme not in metadata.REGION_SCHEMES:
        raise ValueError(f"scheme must be one of {sorted(metadata.REGION_SCHEMES)}, not {scheme!r}")
    column = metadata.REGION_SCHEMES[scheme]
    rows = []
    for region, group in data.treaty_status.groupby(column, sort=True):
        rows.append({"region": region, **_summary(group, as_of)})
    table = _shares(pd.DataFrame(rows))
    return table[["region", "universe", "joined", "in_force", "signatories_not_ratified",
                  "not_party", "withdrawn", "joined_pct"]]


def states_not_party(data: Dataset, as_of: DateLike) -> pd.DataFrame:
    """States outside the Convention on ``as_of``: never joined, signatories, withdrawn.

    Columns: ``iso3, state, monitor_region, m49_region, signature_date,
    withdrawal_effective_date, status`` (in words, :data:`STATUS_LABELS`)."""
    status = data.treaty_status
    category = categories_on(status, as_of)
    outside = category.isin(["signatory", "withdrawn", "non_signatory"])
    table = status.loc[outside, ["iso3", "state", "monitor_region", "m49_region", "signature_date",
                                 "withdrawal_effective_date"]].copy()
    table["status"] = category[outside].map(STATUS_LABELS).astype(str)
    return table.sort_values(["monitor_region", "state"], ignore_index=True)


#: Effect of a notification on a date, as ``notifications`` reports it.
IN_EFFECT = "in effect"
PENDING_NOTICE = "pending: six-month notice (Art. 20(2))"
PENDING_CONFLICT = "pending: armed conflict (Art. 20(3))"
NO_EFFECT = "none: remains a State Party"
WITHDRAWAL = "withdrawal (Art. 20)"
SUSPENSION = "suspension (no such clause)"


def notifications(data: Dataset, as_of: DateLike) -> pd.DataFrame:
    """Withdrawal and suspension notifications made by ``as_of``, with their effect on that date.

    Columns: ``state, notification, notified, takes_effect, effect``. A withdrawal is
    in effect, pending its six-month notice, or pending the end of an armed conflict
    (Article 20); a suspension has no effect under the Convention.
    """
    status = data.treaty_status
    as_of = pd.Timestamp(as_of)
    withdrawn = status[status["withdrawal_notified_date"] <= as_of]
    effective = withdrawn["withdrawal_effective_date"]
    effect = pd.Series(PENDING_CONFLICT, index=withdrawn.index)
    effect[effective.notna() & (effective <= as_of)] = IN_EFFECT
    effect[effective.notna() & (effective > as_of)] = PENDING_NOTICE
    suspended = status[status["suspension_notified_date"] <= as_of]
    table = pd.concat([
        pd.DataFrame({"state": withdrawn["state"], "notification": WITHDRAWAL,
                      "notified": withdrawn["withdrawal_notified_date"], "takes_effect": effective,
                      "effect": effect}),
        pd.DataFrame({"state": suspended["state"], "notification": SUSPENSION,
                      "notified": suspended["suspension_notified_date"], "takes_effect": pd.NaT,
                      "effect": NO_EFFECT}),
    ])
    return table.sort_values(["notified", "state"], ignore_index=True)


def joined_between(data: Dataset, start: DateLike, end: DateLike) -> pd.DataFrame:
    """States whose instrument was deposited from ``start`` to ``end`` inclusive, by date.

    Columns: ``iso3, state, consent_type, consent_date, entry_into_force_date``."""
    status = data.treaty_status
    dates = status["consent_date"]
    mask = dates.notna() & (dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))
    columns = ["iso3", "state", "consent_type", "consent_date", "entry_into_force_date"]
    return status.loc[mask, columns].sort_values(["consent_date", "state"], ignore_index=True)


def deposits_per_year(data: Dataset, until: DateLike | None = None) -> pd.DataFrame:
    """Instruments deposited per calendar year (up to ``until``): ``year``, one column per consent
    type, ``total`` and the running total ``cumulative``."""
    status = data.treaty_status
    deposited = status.dropna(subset=["consent_date"])
    if until is not None:
        deposited = deposited[deposited["consent_date"] <= pd.Timestamp(until)]
    table = pd.crosstab(deposited["consent_date"].dt.year.rename("year"), deposited["consent_type"])
    if table.empty:  # nothing deposited yet (or by these States): no years to list
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "total": pd.Series(dtype="int64"),
                             "cumulative": pd.Series(dtype="int64")})
    table = table.reindex(range(table.index.min(), table.index.max() + 1), fill_value=0)
    table.columns = list(table.columns)
    table["total"] = table.sum(axis=1)
    table["cumulative"] = table["total"].cumsum()
    return table.reset_index()


def joined_counts(data: Dataset, dates: pd.DatetimeIndex | list) -> pd.DataFrame:
    """States that had joined on each of many dates (fast path of ``summary(data, d)["joined"]``):
    ``as_of, joined``."""
    status = data.treaty_status
    dates = pd.DatetimeIndex(dates)
    consent = status["consent_date"].dropna().sort_values().to_numpy()
    left = status["withdrawal_effective_date"].dropna().sort_values().to_numpy()
    joined = consent.searchsorted(dates.to_numpy(), side="right") - left.searchsorted(dates.to_numpy(), side="right")
    return pd.DataFrame({"as_of": dates, "joined": joined})
