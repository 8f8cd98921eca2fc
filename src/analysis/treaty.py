"""The Convention's own rules as code.

Dates that the treaty text defines are derived here from the dated events of the
depositary record, never typed into the data:

* entry into force for the Convention and for each State (Article 17);
* the effect of a withdrawal (Article 20);
* the stockpile destruction deadline (Article 4), the clearance deadline
  (Article 5) and the initial transparency report (Article 7).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

#: Opening for signature at Ottawa (Article 15).
OPENED_FOR_SIGNATURE = pd.Timestamp("1997-12-03")

#: Instruments needed for the Convention to enter into force (Article 17(1)).
INSTRUMENTS_FOR_ENTRY_INTO_FORCE = 40

#: Months after a deposit, or after a withdrawal notification, in Articles 17 and 20.
ENTRY_INTO_FORCE_MONTHS = 6
WITHDRAWAL_NOTICE_MONTHS = 6

#: Consent types that presuppose a signature (Article 16(1)); the depositary's consent types are
#: codes of ``treaty_actions.consent_type`` in the data package.
CONSENT_AFTER_SIGNATURE = ("ratification", "acceptance", "approval")


def first_day_of_sixth_month_after(date: pd.Timestamp) -> pd.Timestamp:
    """First day of the sixth month after the month of ``date``.

    Article 17 counts in calendar months: an instrument deposited at any day of
    September 1998 gives the first of March 1999.
    """
    month_start = pd.Timestamp(year=date.year, month=date.month, day=1)
    return month_start + pd.DateOffset(months=ENTRY_INTO_FORCE_MONTHS)


def convention_entry_into_force(deposit_dates: Iterable[pd.Timestamp]) -> pd.Timestamp:
    """Entry into force of the Convention itself (Article 17(1)).

    The first day of the sixth month after the month in which the 40th
    instrument of ratification, acceptance, approval or accession was deposited.
    Successions are not instruments in this sense and must not be passed in.

    Raises:
        ValueError: fewer than 40 instruments.
    """
    dates = sorted(pd.Timestamp(d) for d in deposit_dates if not pd.isna(d))
    if len(dates) < INSTRUMENTS_FOR_ENTRY_INTO_FORCE:
        raise ValueError(
            f"{len(dates)} instruments deposited; the Convention needs "
            f"{INSTRUMENTS_FOR_ENTRY_INTO_FORCE} to enter into force"
        )
    return first_day_of_sixth_month_after(dates[INSTRUMENTS_FOR_ENTRY_INTO_FORCE - 1])


def state_entry_into_force(
    consent_type: str,
    consent_date: pd.Timestamp,
    convention_eif: pd.Timestamp,
    fortieth_deposit: pd.Timestamp,
    succession_effective: pd.Timestamp | None = None,
) -> pd.Timestamp:
    """Date the Convention entered into force for one State.

    * Instruments deposited up to and including the 40th: the Convention's own
      entry into force (Article 17(1)).
    * Later instruments: the first day of the sixth month after deposit
      (Article 17(2)).
    * Succession: a successor State is bound from the date it succeeded (its
      independence), as the depositary records it; never before the Convention
      itself was in force.
    """
    if pd.isna(consent_date):
        return pd.NaT
    if consent_type == "succession":
        if succession_effective is None or pd.isna(succession_effective):
            raise ValueError("a succession needs the date the State succeeded")
        return max(pd.Timestamp(succession_effective), convention_eif)
    if consent_date <= fortieth_deposit:
        return convention_eif
    return first_day_of_sixth_month_after(consent_date)


def entry_into_force_dates(
    consent_type: pd.Series,
    consent_date: pd.Series,
    succession_effective: pd.Series,
) -> tuple[pd.Series, pd.Timestamp]:
    """Entry into force for every State, and for the Convention.

    Args:
        consent_type: consent type per State (NA where none).
        consent_date: deposit date per State (NaT where none).
        succession_effective: date of succession per State (used for successions).

    Returns:
        The per-State entry-into-force dates (same index) and the Convention's date.

    Ties on the date of the 40th deposit all count among the first 40, as the
    depositary counts instruments deposited on the same day together.
    """
    instruments = consent_date[consent_type.ne("succession") & consent_date.notna()]
    convention_eif = convention_entry_into_force(instruments)
    fortieth = sorted(instruments)[INSTRUMENTS_FOR_ENTRY_INTO_FORCE - 1]
    eif = [
        state_entry_into_force(ctype, cdate, convention_eif, fortieth, succ)
        for ctype, cdate, succ in zip(consent_type, consent_date, succession_effective)
    ]
    return pd.Series(pd.to_datetime(eif), index=consent_date.index, name="entry_into_force_date"), convention_eif


def withdrawal_effective_date(
    notified: pd.Timestamp, engaged_in_armed_conflict: bool | None
) -> pd.Timestamp:
    """Date a withdrawal takes effect (Article 20).

    Six months after the depositary receives the instrument of withdrawal
    (Article 20(2)). If the withdrawing State is engaged in an armed conflict
    when those six months expire, the withdrawal does not take effect before the
    conflict ends (Article 20(3)); that end is not a date we can know, so the
    result is NaT and the State remains bound.
    """
    if pd.isna(notified):
        return pd.NaT
    if engaged_in_armed_conflict:
        return pd.NaT
    return pd.Timestamp(notified) + pd.DateOffset(months=WITHDRAWAL_NOTICE_MONTHS)


def article4_deadline(entry_into_force: pd.Series) -> pd.Series:
    """Stockpile destruction deadline: four years after entry into force (Article 4)."""
    return entry_into_force + pd.DateOffset(years=4)


def article5_deadline(entry_into_force: pd.Series) -> pd.Series:
    """Original clearance deadline: ten years after entry into force (Article 5(1))."""
    return entry_into_force + pd.DateOffset(years=10)


def initial_report_due(entry_into_force: pd.Series) -> pd.Series:
    """Initial transparency report: 180 days after entry into force (Article 7(1))."""
    return entry_into_force + pd.Timedelta(days=180)
