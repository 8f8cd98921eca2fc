"""Unit tests for the treaty's rules (Articles 4, 5, 7, 17 and 20)."""

import pandas as pd
import pytest

from analysis import treaty

T = pd.Timestamp


@pytest.mark.parametrize(
    ("deposit", "expected"),
    [
        ("1999-01-01", "1999-07-01"),  # first day of a month
        ("1999-01-31", "1999-07-01"),  # last day of a month
        ("2005-12-27", "2006-06-01"),  # December: the year turns
        ("2004-02-29", "2004-08-01"),  # leap day
        ("1998-09-16", "1999-03-01"),
    ],
)
def test_first_day_of_sixth_month_after(deposit, expected):
    """Article 17 counts whole calendar months from the month of deposit."""
    assert treaty.first_day_of_sixth_month_after(T(deposit)) == T(expected)


def forty_deposits(last: str = "1998-09-16") -> list[pd.Timestamp]:
    """39 deposits in 1998 and the 40th on ``last``."""
    return [T("1998-01-05") + pd.Timedelta(days=i) for i in range(39)] + [T(last)]


def test_convention_enters_into_force_six_months_after_fortieth_instrument():
    """The 40th instrument in September 1998 gives 1 March 1999."""
    assert treaty.convention_entry_into_force(forty_deposits()) == T("1999-03-01")


def test_convention_entry_into_force_ignores_missing_dates_and_order():
    dates = list(reversed(forty_deposits("1998-12-31"))) + [pd.NaT, T("1999-02-01")]
    assert treaty.convention_entry_into_force(dates) == T("1999-06-01")


def test_convention_needs_forty_instruments():
    with pytest.raises(ValueError, match="39 instruments"):
        treaty.convention_entry_into_force(forty_deposits()[:39])


@pytest.mark.parametrize(
    ("consent_type", "deposit", "expected"),
    [
        ("ratification", "1997-12-03", "1999-03-01"),  # among the first 40
        ("ratification", "1998-09-16", "1999-03-01"),  # the 40th itself
        ("accession", "1998-09-17", "1999-03-01"),  # 41st, same month: Article 17(2)
        ("ratification", "1998-10-01", "1999-04-01"),  # first day of a month
        ("ratification", "1998-12-31", "1999-06-01"),  # December, last day
        ("acceptance", "2002-03-31", "2002-09-01"),
    ],
)
def test_state_entry_into_force(consent_type, deposit, expected):
    eif = treaty.state_entry_into_force(consent_type, T(deposit), T("1999-03-01"), T("1998-09-16"))
    assert eif == T(expected)


def test_succession_is_effective_from_independence():
    """A successor State is bound from the date it succeeded, not six months after notifying."""
    eif = treaty.state_entry_into_force(
        "succession", T("2011-11-11"), T("1999-03-01"), T("1998-09-16"), T("2011-07-09")
    )
    assert eif == T("2011-07-09")


def test_succession_never_before_the_convention_itself():
    eif = treaty.state_entry_into_force(
        "succession", T("1998-11-01"), T("1999-03-01"), T("1998-09-16"), T("1998-01-01")
    )
    assert eif == T("1999-03-01")


def test_succession_without_date_of_succession_is_refused():
    with pytest.raises(ValueError, match="succession"):
        treaty.state_entry_into_force("succession", T("2006-10-23"), T("1999-03-01"), T("1998-09-16"))


def test_no_consent_no_entry_into_force():
    assert pd.isna(treaty.state_entry_into_force(None, pd.NaT, T("1999-03-01"), T("1998-09-16")))


def test_entry_into_force_dates_counts_ties_on_the_fortieth_day_among_the_first():
    """Two instruments deposited on the day of the 40th are both among the first 40."""
    dates = forty_deposits() + [T("1998-09-16"), T("1999-01-15"), pd.NaT, T("2011-11-11")]
    types = ["ratification"] * 42 + [None, "succession"]
    succession = [pd.NaT] * 43 + [T("2011-07-09")]
    eif, convention = treaty.entry_into_force_dates(
        pd.Series(types, dtype="object"), pd.Series(dates), pd.Series(succession)
    )
    assert convention == T("1999-03-01")
    assert list(eif.iloc[38:]) == [T("1999-03-01"), T("1999-03-01"), T("1999-03-01"),
                                    T("1999-07-01"), pd.NaT, T("2011-07-09")]


def test_successions_do_not_count_towards_the_forty_instruments():
    dates = forty_deposits()[:39] + [T("1998-09-16")]
    types = ["ratification"] * 39 + ["succession"]
    with pytest.raises(ValueError, match="39 instruments"):
        treaty.entry_into_force_dates(pd.Series(types), pd.Series(dates), pd.Series([T("1998-01-01")] * 40))


@pytest.mark.parametrize(
    ("notified", "expected"),
    [
        ("2025-06-27", "2025-12-27"),
        ("2025-07-10", "2026-01-10"),  # across the new year
        ("2025-08-31", "2026-02-28"),  # no 31 February: the last day of the month
    ],
)
def test_withdrawal_takes_effect_six_months_after_notification(notified, expected):
    assert treaty.withdrawal_effective_date(T(notified), False) == T(expected)


def test_withdrawal_during_armed_conflict_has_no_effective_date():
    """Article 20(3): not before the end of the armed conflict, a date not yet known."""
    assert pd.isna(treaty.withdrawal_effective_date(T("2025-06-30"), True))


def test_no_withdrawal_no_effective_date():
    assert pd.isna(treaty.withdrawal_effective_date(pd.NaT, None))


def test_deadlines_derived_from_entry_into_force():
    eif = pd.Series([T("1999-03-01"), T("2006-06-01"), pd.NaT])
    assert list(treaty.article4_deadline(eif)[:2]) == [T("2003-03-01"), T("2010-06-01")]
    assert list(treaty.article5_deadline(eif)[:2]) == [T("2009-03-01"), T("2016-06-01")]
    assert list(treaty.initial_report_due(eif)[:2]) == [T("1999-08-28"), T("2006-11-28")]
    assert treaty.article4_deadline(eif).isna().iloc[2]
