"""Content of the annual report: key numbers, prose and the notifications table."""

import pandas as pd
import pytest

from analysis import annual_report, casualties, clearance, transparency, universalization
from analysis.loaders import load_sources


def test_key_numbers_agree_with_the_indicators():
    params = annual_report.resolve_parameters(2025)
    key = annual_report.key_numbers(params).set_index("indicator")["value"]
    counts = universalization.summary("2025-12-31")
    assert key["States Parties (joined)"] == counts["joined"]
    assert key["States not party"] == counts["not_party"]
    assert key["Joined in 2025"] == 2  # Marshall Islands (165th) and Tonga (166th)
    assert isinstance(key["States Parties (joined)"], int)


def test_region_restricts_every_count():
    params = annual_report.resolve_parameters(2025, region="Africa")
    key = annual_report.key_numbers(params).set_index("indicator")["value"]
    africa = universalization.by_region("2025-12-31").set_index("region").loc["Africa"]
    assert key["States Parties (joined)"] == africa["joined"]


def test_summary_names_the_joiners_of_the_year():
    params = annual_report.resolve_parameters(2025)
    text = annual_report.universalization_summary(params, annual_report.report_status(params))
    assert "2 States joined: Marshall Islands (12 March 2025) and Tonga (25 June 2025)" in text


def test_notifications_of_2025():
    params = annual_report.resolve_parameters(2025)
    table = annual_report.withdrawals(params).set_index("state")
    assert len(table) == 6
    assert table.loc["Lithuania", "effect_on_report_date"] == "in effect"
    assert table.loc["Poland", "takes_effect"] == pd.Timestamp("2026-02-20")
    assert table.loc["Poland", "effect_on_report_date"].startswith("pending: six-month notice")
    assert table.loc["Ukraine", "notification"].startswith("suspension")
    assert table.loc["Ukraine", "effect_on_report_date"] == "none: remains a State Party"


def test_states_not_party_text_marks_withdrawn_states():
    params = annual_report.resolve_parameters(2026)
    text = annual_report.states_not_party_text(params, annual_report.report_status(params))
    assert "Finland (withdrawn)" in text
    assert "United States" in text


def test_action_plan_section_names_the_plan_in_force():
    assert "No action plan was in force" in annual_report.action_plan_summary(annual_report.resolve_parameters(2003))
    text = annual_report.action_plan_summary(annual_report.resolve_parameters(2007))
    assert "**Nairobi Action Plan 2005-2009**" in text and "of its 70 actions" in text
    overview = annual_report.action_plan_overview(annual_report.resolve_parameters(2007)).set_index("Section")
    assert overview.loc["Universalizing the Convention", "Measured indicator"].startswith(
        "156 States Parties at the end (+4); 4 joined")
    assert "papermill" not in text


def test_action_plan_priorities_look_twelve_months_ahead():
    """Belarus, Greece and Türkiye were due by 1 March 2008 and missed it (lm2008_ban)."""
    table = annual_report.action_plan_priorities(annual_report.resolve_parameters(2007)).set_index("Priority")
    due = table.loc["Article 4 deadline within 12 months, destruction not complete", "Named"]
    assert {"Belarus", "Greece", "Türkiye"} <= set(due.split(", "))
    assert "past the Article 4 deadline, still holding stocks" not in table.index


def test_unga_section_names_the_resolution_and_non_parties_in_favour():
    text = annual_report.unga_summary(annual_report.resolve_parameters(2007))
    assert "**A/RES/62/41** on 5 December 2007, by 164 votes to 0, with 18 abstentions" in text
    assert "counts 155 States" in text and "Finland" in text
    assert "not compiled" in annual_report.unga_summary(annual_report.resolve_parameters(2024))
    assert "**A/RES/80/35** on 1 December 2025, by 159 votes to 1" in annual_report.unga_summary(
        annual_report.resolve_parameters(2025))
    assert len(annual_report.unga_figures(annual_report.resolve_parameters(1997))) == 1  # 52/38 A, 9 December 1997


def test_report_sources_cover_every_section():
    params = annual_report.resolve_parameters(2011)
    cited = set(annual_report.report_sources(params, annual_report.report_status(params)))
    assert {"unga_dyb2011_p2", "unga_tt_unvotes", "isu_bih"} <= cited


def test_the_clearance_chart_and_sources_hold_the_extensions_the_status_counts():
    """An extension without a decision date counts from its meeting's close: drawn and cited too."""
    params = annual_report.resolve_parameters(2025)
    granted = clearance.granted_by(params.as_of)
    undated = granted[granted["decision_date"].isna()]
    assert len(undated), "extensions dated by their meeting only"
    chart = annual_report.clearance_and_transparency_figures(params)[0]
    drawn = next(c for c in chart.axes[0].collections if c.get_label() == "Extended deadline")
    bound = clearance.status_on(params.as_of)["iso3"]
    expected = granted[granted["iso3"].isin(bound) & granted["new_deadline"].notna()]
    assert len(drawn.get_offsets()) == len(expected)
    assert set(undated["source_id"]) <= set(annual_report.report_sources(params, annual_report.report_status(params)))


def test_a_year_with_no_joiner_says_so():
    text = annual_report.universalization_summary(annual_report.resolve_parameters(2025, region="Africa"),
                                                  annual_report.report_status(annual_report.resolve_parameters(2025, region="Africa")))
    assert "In 2025, no State joined." in text and "0 States joined" not in text


def test_regional_priorities_name_only_the_regions_states():
    """Greece and Ukraine were past their Article 4 deadline at the end of 2025; neither is in Africa."""
    params = annual_report.resolve_parameters(2025, region="Africa")
    named = ", ".join(annual_report.action_plan_priorities(params)["Named"])
    assert named and "Greece" not in named and "Ukraine" not in named
    assert "Greece" in ", ".join(annual_report.action_plan_priorities(annual_report.resolve_parameters(2025))["Named"])
    assert "Germany" not in annual_report.action_plan_gaps(params)  # a European gap stays out of Africa's report


@pytest.mark.parametrize(("year", "as_of", "edition"), [(2025, "2025-06-30", 2024), (2007, "2007-06-30", 2006),
                                                         (2007, None, 2007)])
def test_figures_are_those_published_by_the_report_date(year, as_of, edition):
    """An edition dated by its year counts from 31 December of that year: a mid-year report
    cannot cite the edition published later that year."""
    params = annual_report.resolve_parameters(year, as_of)
    assert params.edition == edition
    assert f"Landmine Monitor {edition} recorded" in annual_report.casualties_summary(params)
    cited = annual_report.report_sources(params, annual_report.report_status(params))
    published = load_sources().set_index("source_id").loc[cited, "year"].dropna()
    casualty_ids = set(casualties.series("latest")["source_id"]) | set(casualties.series("first")["source_id"])
    assert (published[published.index.isin(casualty_ids)] <= edition).all()


def test_a_report_leaves_out_rates_stated_after_its_date():
    """The 47% rate for 2008 was stated on 25 May 2009 (tr_icbl_2009_isc); the 37% for 2014 on 18 June 2015."""
    rates = transparency.load_transparency_rates(published_by=pd.Timestamp("2009-05-24"))
    assert "tr_icbl_2009_isc" not in set(rates["source_id"])
    assert "tr_icbl_2009_isc" in set(transparency.load_transparency_rates(published_by=pd.Timestamp("2009-05-25"))["source_id"])
    mid_2015 = transparency.load_transparency_rates(published_by=pd.Timestamp("2015-06-17"))
    assert 2014 not in set(mid_2015["year"])


def test_clearance_gaps_are_named_only_where_there_are_some():
    assert "For 0 States" not in annual_report.clearance_summary(annual_report.resolve_parameters(2007))
    text = annual_report.clearance_summary(annual_report.resolve_parameters(2025))
    assert "not a finding that they are late" in text and "past the last deadline" not in text
