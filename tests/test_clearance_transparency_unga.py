"""Clearance (Article 5), transparency reporting (Article 7) and the UN General Assembly series."""

import pandas as pd
import pytest

from analysis import clearance, transparency, treaty, unga
from analysis.dataset import Dataset

T = pd.Timestamp


def test_derived_article5_deadlines_agree_with_every_stated_one(data):
    table = data.clearance_obligations
    stated = table[table["deadline_agrees"].notna()]
    assert len(stated) >= 10
    assert stated["deadline_agrees"].all(), stated.loc[~stated["deadline_agrees"], ["iso3", "article5_deadline"]]
    assert (table["article5_deadline"] == treaty.article5_deadline(table["entry_into_force_date"])).all()


def test_every_clearance_state_is_a_state_party(data):
    assert data.clearance_obligations["entry_into_force_date"].notna().all()


def small():
    table = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC", "DDD"], "state": list("ABCD"),
                          "entry_into_force_date": [T("1999-03-01")] * 4,
                          "article5_deadline": [T("2009-03-01")] * 4,
                          "completion_date": [T("2005-06-01"), pd.NaT, pd.NaT, pd.NaT],
                          "extensions": [0, 1, 0, 1]})
    extensions = pd.DataFrame({"iso3": ["BBB", "DDD"], "meeting": ["9MSP", "9MSP"],
                               "decision_date": [T("2008-11-28"), T("2008-11-28")],
                               "new_deadline": [T("2019-03-01"), pd.NaT]})
    return table, extensions


def test_an_extension_without_a_decision_date_counts_from_the_meeting_that_granted_it():
    meetings = pd.DataFrame({"meeting_id": ["9MSP", "2RC"],
                             "name": ["Ninth Meeting of the States Parties",
                                      "Second Review Conference (Cartagena Summit on a Mine-Free World)"],
                             "end_date": [T("2008-11-28"), T("2009-12-04")]})
    extensions = pd.DataFrame({"meeting": ["9MSP", "2RC", None, "9MSP"],
                               "decision_date": [pd.NaT, pd.NaT, pd.NaT, T("2008-11-01")]})
    decided = clearance.decided_on(Dataset.from_tables(clearance_extensions=extensions, meetings=meetings))
    assert decided.iloc[[0, 1, 3]].tolist() == [T("2008-11-28"), T("2009-12-04"), T("2008-11-01")]
    assert pd.isna(decided.iloc[2])


def test_deadline_in_force_follows_extensions_decided_by_then():
    table, extensions = small()
    data = Dataset.from_tables(clearance_obligations=table, clearance_extensions=extensions,
                               meetings=pd.DataFrame({"meeting_id": ["9MSP"], "end_date": [T("2008-11-28")]}))
    assert clearance.deadline_on(data, "2008-01-01").tolist() == [T("2009-03-01")] * 4
    later = clearance.deadline_on(data, "2010-01-01").tolist()
    assert later == [T("2009-03-01"), T("2019-03-01"), T("2009-03-01"), T("2009-03-01")]


def test_clearance_status_on_the_real_data(data):
    status = clearance.status_on(data, "2026-11-28").set_index("iso3")["clearance_status"]
    assert status["GBR"] == "completed"  # declared November 2020
    assert set(status) <= set(clearance.STATUSES)
    assert sum(clearance.counts(data, "2026-11-28").values()) == len(status)


def test_initial_reports_due_180_days_after_entry_into_force(data):
    due = transparency.initial_reports_due(data).set_index("iso3")["initial_report_due"]
    assert due["CAN"] == T("1999-03-01") + pd.Timedelta(days=180)


def test_reporting_rate_keeps_disagreeing_sources_as_a_range(data):
    rates = transparency.reporting_rate(data.transparency_rates).set_index("year")
    assert (rates.loc[2003, "low"], rates.loc[2003, "high"], rates.loc[2003, "sources"]) == (78, 79, 2)
    assert ((rates["low"] >= 0) & (rates["high"] <= 100)).all()


def test_unga_series_is_ordered_and_votes_add_up(data):
    table = unga.resolutions(data)
    assert table["session"].is_monotonic_increasing
    assert table.set_index("session").loc[66, "in_favour_pct"] == pytest.approx(100 * 162 / 180, abs=0.05)


def test_unga_counts_are_among_the_checked_published_figures(data):
    """Every States count a resolution states is also checked against our data."""
    stated = unga.resolutions(data).dropna(subset=["states_parties_stated"])
    figures = data.published_figures
    for row in stated.itertuples():
        match = figures[(figures["as_of_date"] == row.adoption_date) & (figures["value"] == row.states_parties_stated)]
        assert len(match) == 1, row.symbol


def test_tally_counts_each_kind_of_vote():
    votes = pd.DataFrame({"session": [60, 60, 60, 61], "iso3": ["AAA", "BBB", "CCC", "AAA"],
                          "vote": ["yes", "abstain", "yes", "no"]})
    out = unga.tally(Dataset.from_tables(unga_votes=votes)).set_index("session")
    assert out.loc[60].tolist() == [2, 0, 1]
    assert out.loc[61].tolist() == [0, 1, 0]


def three_states() -> pd.DataFrame:
    """A joined in 1998, B the day after 5 December 2007, C never."""
    return pd.DataFrame({
        "iso3": ["AAA", "BBB", "CCC"], "state": ["A", "B", "C"], "monitor_region": ["x"] * 3,
        "independence_date": [pd.NaT] * 3,
        "consent_date": [T("1998-01-01"), T("2007-12-06"), pd.NaT],
        "entry_into_force_date": [T("1999-03-01"), T("2008-06-01"), pd.NaT],
        "withdrawal_effective_date": [pd.NaT] * 3, "signature_date": [pd.NaT] * 3})


def test_non_parties_are_judged_on_the_adoption_date():
    votes = pd.DataFrame({"session": [62] * 3, "iso3": ["AAA", "BBB", "CCC"], "vote": ["yes", "yes", "abstain"]})
    table = pd.DataFrame({"session": [62], "adoption_date": [T("2007-12-05")]})
    data = Dataset.from_tables(unga_votes=votes, unga_resolutions=table, treaty_status=three_states())
    assert unga.non_parties_in_favour(data, 62) == ["B"]


def test_vote_composition_splits_the_vote_and_skips_undated_sessions():
    votes = pd.DataFrame({"session": [62] * 3 + [63], "iso3": ["AAA", "BBB", "CCC", "AAA"],
                          "vote": ["yes", "yes", "abstain", "yes"]})
    table = pd.DataFrame({"session": [62, 63], "adoption_date": [T("2007-12-05"), pd.NaT]})
    out = unga.vote_composition(Dataset.from_tables(unga_votes=votes, unga_resolutions=table,
                                                    treaty_status=three_states()))
    assert out["session"].tolist() == [62]
    assert out.iloc[0][["in_favour_parties", "in_favour_non_parties", "abstaining", "against"]].tolist() == [1, 1, 1, 0]


def test_vote_series_adds_recorded_totals_where_per_state_votes_are_missing():
    votes = pd.DataFrame({"session": [62] * 3, "iso3": ["AAA", "BBB", "CCC"], "vote": ["yes", "yes", "abstain"]})
    table = pd.DataFrame({"session": [62, 71, 72], "adoption_date": [T("2007-12-05"), T("2016-12-05"), T("2017-12-04")],
                          "votes_for": [None, 164, None], "votes_against": [None, 0, None],
                          "votes_abstaining": [None, 20, None]})
    data = Dataset.from_tables(unga_votes=votes, unga_resolutions=table, treaty_status=three_states())
    out = unga.vote_series(data).set_index("session")
    assert out.index.tolist() == [62, 71]  # 72: no vote known
    assert out.loc[62, ["in_favour_parties", "in_favour_non_parties", "in_favour_unsplit"]].tolist() == [1, 1, 0]
    assert out.loc[71, ["in_favour_unsplit", "abstaining", "against"]].tolist() == [164, 20, 0]


def test_non_parties_voting_in_favour_in_2007(data):
    names = unga.non_parties_in_favour(data, 62)
    assert "Finland" in names and "Poland" in names  # signatories that joined in 2012
    assert "Canada" not in names


def test_new_mined_areas_reopen_only_a_completion_they_follow():
    table, _ = small()
    table["completion_date"] = [T("2005-06-01"), T("2010-01-01"), pd.NaT, pd.NaT]
    new_areas = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC"],
                              "reported_date": [T("2012-05-01"), T("2009-06-01"), T("2011-01-01")]})
    data = Dataset.from_tables(clearance_new_mined_areas=new_areas)
    assert clearance.reopened_on(data, "2012-01-01", table).tolist() == [False, False, False, False]
    assert clearance.reopened_on(data, "2013-01-01", table).tolist() == [True, False, False, False]


def test_guinea_bissau_reopened_in_2021(data):
    before = clearance.status_on(data, "2020-12-31").set_index("iso3")["clearance_status"]
    after = clearance.status_on(data, "2022-12-31").set_index("iso3")["clearance_status"]
    assert before["GNB"] == "completed"
    assert after["GNB"] == "reopened"
