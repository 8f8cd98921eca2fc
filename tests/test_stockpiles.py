"""Stockpile destruction: derived deadlines, late States, and published aggregates."""

import pandas as pd
import pytest

from analysis import annual_report, stockpiles, treaty
from analysis.dataset import Dataset

T = pd.Timestamp


def test_deadlines_are_four_years_after_entry_into_force(data):
    table = data.stockpile_destruction
    expected = treaty.article4_deadline(table["entry_into_force_date"])
    pd.testing.assert_series_equal(table["article4_deadline"], expected, check_names=False)
    assert table.set_index("iso3").loc["UKR", "article4_deadline"] == T("2010-06-01")


def test_every_state_party_has_a_row_and_missing_ones_say_so(data):
    table = data.stockpile_destruction
    assert len(table) == data.treaty_status["consent_date"].notna().sum()
    unknown = table[table["had_stockpile"].isna()]
    assert unknown["note"].str.contains("not yet compiled").all()


def test_the_states_whose_1_march_2008_deadline_passed_with_stocks_remaining(data):
    """Landmine Monitor 2008 counted three: Belarus, Greece and Turkey."""
    missed = stockpiles.missed_deadlines(data, "2008-03-02")
    holding = missed[missed["still_holding"]]
    assert sorted(holding["iso3"]) == ["BLR", "GRC", "TUR"]
    assert (holding["article4_deadline"] == T("2008-03-01")).all()


def test_still_late_today(data):
    missed = stockpiles.missed_deadlines(data, "2026-11-28")
    assert sorted(missed.loc[missed["still_holding"], "iso3"]) == ["GRC", "UKR"]
    belarus = missed.set_index("iso3").loc["BLR"]
    assert belarus["days_late"] == (T("2017-04-05") - T("2008-03-01")).days


@pytest.mark.parametrize(
    ("figure_id", "quantity"),
    [("agg_2008_04_missed", "missed_deadline_still_holding"),
     ("agg_2012_12_noncompliant", "missed_deadline_still_holding"),
     ("agg_2019_05_stocks", "destroying"),
     ("agg_2019_11_stocks", "destroying"),
     ("agg_2025_stocks", "destroying")],
)
def test_published_counts_reproduced(figure_id, quantity, data):
    published = data.stockpile_published.set_index("figure_id").loc[figure_id]
    assert stockpiles.counts(data, published["as_of_date"])[quantity] == published["value"]


def test_published_completion_counts_within_what_our_gaps_allow(data):
    """Our compiled completions never exceed a published count, and the States we have not
    compiled (or whose completion date we lack) cover the difference. The count of
    December 2000 is left out: it counts only destruction since March 1999."""
    published = data.stockpile_published.query(
        "quantity == 'states_completed_destruction' and figure_id != 'agg_2000_12_completed'")
    assert len(published) >= 5
    for row in published.itertuples():
        ours = stockpiles.counts(data, row.as_of_date)
        assert ours["destroyed"] <= row.value <= ours["destroyed"] + ours["unknown"], row.figure_id


def test_status_categories_on_small_frame():
    table = pd.DataFrame({
        "iso3": ["AAA", "BBB", "CCC", "DDD"], "state": list("ABCD"),
        "had_stockpile": pd.array([True, True, False, pd.NA], dtype="boolean"),
        "destruction_completed": pd.array([True, False, pd.NA, pd.NA], dtype="boolean"),
        "completion_date": [T("2002-05-01"), pd.NaT, pd.NaT, pd.NaT],
        "completion_precision": ["day", None, None, None],
        "article4_deadline": [T("2003-03-01")] * 4,
    })
    status = pd.DataFrame({"iso3": list(table["iso3"]), "consent_date": [T("1998-01-01")] * 4,
                           "entry_into_force_date": [T("1999-03-01")] * 4,
                           "withdrawal_effective_date": [pd.NaT] * 4, "signature_date": [pd.NaT] * 4,
                           "independence_date": [pd.NaT] * 4})
    small = Dataset.from_tables(stockpile_destruction=table, treaty_status=status)
    got = stockpiles.status_on(small, "2004-01-01").set_index("iso3")["stockpile_status"]
    assert got.to_dict() == {"AAA": "destroyed", "BBB": "destroying", "CCC": "never_held", "DDD": "unknown"}
    before = stockpiles.status_on(small, "2001-01-01").set_index("iso3").loc["AAA"]
    assert before["stockpile_status"] == "destroying" and pd.isna(before["completion_date"])


def test_as_known_on_hides_later_completions(data):
    table = stockpiles.as_known_on(data.stockpile_destruction, "2012-12-31").set_index("iso3")
    assert pd.isna(table.loc["BLR", "completion_date"]) and not table.loc["BLR", "destruction_completed"]
    assert table.loc["TKM", "completion_date"] == T("2004-11-11")


def test_late_only_once_the_deadline_has_passed(data):
    """As known on 1 January 2008, Belarus (deadline 1 March 2008) and Ukraine (2010) were not yet late."""
    known = stockpiles.as_known_on(data.stockpile_destruction, "2008-01-01")
    late = stockpiles.late_on(known, "2008-01-01").set_axis(known["iso3"])
    assert not late["BLR"] and not late["UKR"]
    assert late["TKM"]  # deadline 1 March 2003, completed November 2004


def test_remaining_on_takes_the_last_figure_dated_by_then_even_within_a_year():
    remaining = pd.DataFrame({
        "iso3": ["AAA", "AAA", "AAA", "BBB"],
        "as_of_date": pd.to_datetime(["2009-04-01", "2010-06-01", "2010-12-01", "2010-12-01"]),
        "mines_remaining": [1300, 266, 22, 5], "source_id": ["a", "b", "c", "d"]})
    out = stockpiles.remaining_on(Dataset.from_tables(stockpile_remaining=remaining), "2010-09-30")
    assert out.to_dict("records") == [
        {"iso3": "AAA", "as_of_date": pd.Timestamp("2010-06-01"), "mines_remaining": 266, "source_id": "b"}]


def test_the_report_cites_the_figure_held_on_its_date(data):
    """Türkiye, 30 September 2010: 266,143 mines (June 2010), not the 1,300,000 of April 2009."""
    text = annual_report.AnnualReport.for_year(data, 2010, "2010-09-30").stockpile_summary()
    assert ("Türkiye (deadline 1 March 2008, 943 days late; 266,143 mines reported remaining in the latest "
            "figure, of 2010)") in text


def test_the_report_sets_published_counts_beside_our_records(data):
    """Our records date 81 completions by the end of 2025; the ICBL/HRW count 94 (hrw_2025_stmt)."""
    text = annual_report.AnnualReport.for_year(data, 2025).stockpile_summary()
    assert "**81** that had completed" in text and "not compiled" in text
    assert "94 States Parties had completed destruction" in text
    assert "67 had declared never possessing" in text
    older = annual_report.AnnualReport.for_year(data, 2007).stockpile_summary()
    assert "31,000,000 stockpiled mines destroyed (19 December 2003, 4 years before the report date" in older
    regional = annual_report.AnnualReport.for_year(data, 2025, region="Africa").stockpile_summary()
    assert "94 States Parties" not in regional  # a global count is not the region's
