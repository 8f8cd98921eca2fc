"""Universalization indicators on small, hand-made treaty-status frames."""

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import universalization as u
from conftest import status_data


@pytest.fixture
def status():
    """Six States, one of each kind of history, as a dataset."""
    return status_data([
        # early party, in force from 1999
        {"iso3": "EAR", "signature_date": "1997-12-03", "consent_type": "ratification",
         "consent_date": "1998-01-10", "entry_into_force_date": "1999-03-01", "monitor_region": "Africa"},
        # joined in December 2007, in force June 2008
        {"iso3": "LAT", "consent_type": "accession", "consent_date": "2007-12-04",
         "entry_into_force_date": "2008-06-01", "monitor_region": "Americas"},
        # signatory that never ratified
        {"iso3": "SIG", "signature_date": "1997-12-04", "monitor_region": "Americas"},
        # withdrew: effective 2025-12-27
        {"iso3": "WDR", "signature_date": "1997-12-03", "consent_type": "ratification",
         "consent_date": "2003-05-12", "entry_into_force_date": "2003-11-01",
         "withdrawal_notified_date": "2025-06-27", "withdrawal_effective_date": "2025-12-27",
         "monitor_region": "Africa"},
        # notified withdrawal during an armed conflict: never effective so far
        {"iso3": "WAC", "signature_date": "1999-02-24", "consent_type": "ratification",
         "consent_date": "2005-12-27", "entry_into_force_date": "2006-06-01",
         "withdrawal_notified_date": "2025-06-30", "monitor_region": "Africa"},
        # not a UN member, never signed; born in 2011
        {"iso3": "NEW", "un_member": False, "independence_date": "2011-07-09", "monitor_region": "Africa"},
    ])


@pytest.mark.parametrize(
    ("as_of", "basis", "expected"),
    [
        ("1998-12-31", "joined", ["EAR"]),
        ("1998-12-31", "in_force", []),
        ("2007-12-04", "joined", ["EAR", "LAT", "WAC", "WDR"]),  # deposited that very day counts
        ("2007-12-04", "in_force", ["EAR", "WAC", "WDR"]),
        ("2025-12-26", "in_force", ["EAR", "LAT", "WAC", "WDR"]),  # withdrawal not yet effective
        ("2025-12-27", "in_force", ["EAR", "LAT", "WAC"]),  # effective on the day
        ("2026-11-28", "joined", ["EAR", "LAT", "WAC"]),  # Art. 20(3): WAC stays bound
    ],
)
def test_states_parties(status, as_of, basis, expected):
    assert u.states_parties(status, as_of, basis) == expected


def test_states_parties_rejects_unknown_basis(status):
    with pytest.raises(ValueError, match="basis"):
        u.states_parties(status, "2000-01-01", "ratified")


def test_status_on_leaves_out_states_not_yet_born(status):
    categories = u.status_on(status, "2010-01-01")["treaty_status"]
    assert categories.isna().tolist() == [False] * 5 + [True]
    assert list(categories[:5]) == ["in_force", "in_force", "signatory", "in_force", "in_force"]


def test_summary_counts_and_universe(status):
    counts = u.summary(status, "2026-11-28")
    assert counts == {
        "universe": 6, "un_members": 5, "joined": 3, "joined_un_members": 3, "in_force": 3,
        "joined_not_in_force": 0, "signatories_not_ratified": 1, "not_party": 3, "withdrawn": 1,
        "withdrawal_pending": 1,
    }
    assert u.summary(status, "2007-12-31")["universe"] == 5


def test_yearly_series_ends_at_today(status):
    series = u.yearly_series(status, [2007, 2026], today="2026-11-28")
    assert series["as_of"].tolist() == [pd.Timestamp("2007-12-31"), pd.Timestamp("2026-11-28")]
    assert series["joined"].tolist() == [4, 3]
    assert series["joined_pct"].tolist() == [80.0, 50.0]
    assert series["joined_un_members_pct"].tolist() == [80.0, 60.0]


def test_by_region_sums_to_the_summary(status):
    table = u.by_region(status, "2008-12-31", "monitor")
    assert table["region"].tolist() == ["Africa", "Americas"]
    assert table["joined"].tolist() == [3, 1]
    assert table["not_party"].tolist() == [0, 1]
    total = u.summary(status, "2008-12-31")
    assert table["joined"].sum() == total["joined"] and table["universe"].sum() == total["universe"]


def test_states_not_party_lists_signatories_withdrawn_and_others(status):
    outside = u.states_not_party(status, "2026-11-28")
    assert sorted(outside["iso3"]) == ["NEW", "SIG", "WDR"]
    assert outside.set_index("iso3").loc["WDR", "status"] == "Withdrawn"


def test_joined_between_is_inclusive(status):
    joined = u.joined_between(status, "2003-05-12", "2007-12-04")
    assert joined["iso3"].tolist() == ["WDR", "WAC", "LAT"]


def test_deposits_per_year_fills_empty_years(status):
    table = u.deposits_per_year(status)
    assert table["year"].tolist() == list(range(1998, 2008))
    expected = pd.DataFrame({"year": [1998, 2003, 2005, 2007], "accession": [0, 0, 0, 1],
                             "ratification": [1, 1, 1, 0], "total": [1, 1, 1, 1],
                             "cumulative": [1, 2, 3, 4]})
    got = table[table["total"] > 0].reset_index(drop=True)
    assert_frame_equal(got, expected, check_dtype=False)


def test_joined_counts_agree_with_summary(status):
    days = pd.date_range("1997-12-01", "2026-12-31", freq="97D")
    fast = u.joined_counts(status, days)["joined"].tolist()
    assert fast == [u.summary(status, d)["joined"] for d in days]


def test_notifications_and_their_effect(status):
    notes = u.notifications(status, "2025-12-27").set_index("state")
    assert notes.loc["WDR", "effect"] == u.IN_EFFECT
    assert notes.loc["WAC", "effect"] == u.PENDING_CONFLICT and pd.isna(notes.loc["WAC", "takes_effect"])
    assert u.notifications(status, "2025-12-26").set_index("state").loc["WDR", "effect"] == u.PENDING_NOTICE
    assert u.notifications(status, "2025-06-26").empty
