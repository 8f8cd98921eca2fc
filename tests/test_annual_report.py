"""Content of the annual report: key numbers, prose and the notifications table."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import annual_report, casualties, clearance, transparency, universalization

PARTS = ["key_numbers", "universalization_summary", "states_parties_figure", "status_maps", "region_breakdown",
         "states_not_party_text", "withdrawals", "deposits_figure", "stockpile_summary", "stockpile_figures",
         "clearance_summary", "clearance_and_transparency_figures", "casualties_summary", "casualties_figures",
         "action_plan_summary", "action_plan_overview", "action_plan_priorities", "action_plan_gaps",
         "unga_summary", "unga_figures"]


def report(data, year, as_of=None, region=None):
    return annual_report.AnnualReport.for_year(data, year, as_of, region)


def call(report, parts):
    """Call parts of a report, as the notebook shows them, closing the figures they draw."""
    for part in parts:
        getattr(report, part)()
        plt.close("all")


def cited_by_every_part(report):
    """The sources the whole report cites: every part, as the notebook shows them."""
    call(report, PARTS)
    return report.cited


def test_key_numbers_agree_with_the_indicators(data):
    key = report(data, 2025).key_numbers().set_index("indicator")["value"]
    counts = universalization.summary(data, "2025-12-31")
    assert key["States Parties (joined)"] == counts["joined"]
    assert key["States not party"] == counts["not_party"]
    assert key["Joined in 2025"] == 2  # Marshall Islands (165th) and Tonga (166th)
    assert isinstance(key["States Parties (joined)"], int)


def test_region_restricts_every_count(data):
    key = report(data, 2025, region="Africa").key_numbers().set_index("indicator")["value"]
    africa = universalization.by_region(data, "2025-12-31").set_index("region").loc["Africa"]
    assert key["States Parties (joined)"] == africa["joined"]


def test_summary_names_the_joiners_of_the_year(data):
    text = report(data, 2025).universalization_summary()
    assert "2 States joined: Marshall Islands (12 March 2025) and Tonga (25 June 2025)" in text


def test_notifications_of_2025(data):
    table = report(data, 2025).withdrawals().set_index("state")
    assert len(table) == 6
    assert table.loc["Lithuania", "effect_on_report_date"] == "in effect"
    assert table.loc["Poland", "takes_effect"] == pd.Timestamp("2026-02-20")
    assert table.loc["Poland", "effect_on_report_date"].startswith("pending: six-month notice")
    assert table.loc["Ukraine", "notification"].startswith("suspension")
    assert table.loc["Ukraine", "effect_on_report_date"] == "none: remains a State Party"


def test_states_not_party_text_marks_withdrawn_states(data):
    text = report(data, 2026).states_not_party_text()
    assert "Finland (withdrawn)" in text
    assert "United States" in text


def test_action_plan_section_names_the_plan_in_force(data):
    assert "No action plan was in force" in report(data, 2003).action_plan_summary()
    text = report(data, 2007).action_plan_summary()
    assert "**Nairobi Action Plan 2005-2009**" in text and "of its 70 actions" in text
    overview = report(data, 2007).action_plan_overview().set_index("Section")
    assert overview.loc["Universalizing the Convention", "Measured indicator"].startswith(
        "156 States Parties at the end (+4); 4 joined")
    assert "papermill" not in text


def test_action_plan_priorities_look_twelve_months_ahead(data):
    """Belarus, Greece and Türkiye were due by 1 March 2008 and missed it (lm2008_ban)."""
    table = report(data, 2007).action_plan_priorities().set_index("Priority")
    due = table.loc["Article 4 deadline within 12 months, destruction not complete", "Named"]
    assert {"Belarus", "Greece", "Türkiye"} <= set(due.split(", "))
    assert "past the Article 4 deadline, still holding stocks" not in table.index


def test_unga_section_names_the_resolution_and_non_parties_in_favour(data):
    text = report(data, 2007).unga_summary()
    assert "**A/RES/62/41** on 5 December 2007, by 164 votes to 0, with 18 abstentions" in text
    assert "counts 155 States" in text and "Finland" in text
    assert "not compiled" in report(data, 2024).unga_summary()
    assert "**A/RES/80/35** on 1 December 2025, by 159 votes to 1" in report(data, 2025).unga_summary()
    assert len(report(data, 1997).unga_figures()) == 1  # 52/38 A, 9 December 1997


def test_report_sources_cover_every_section(data):
    cited = set(cited_by_every_part(report(data, 2011)))
    assert {"unga_dyb2011_p2", "unga_tt_unvotes", "isu_bih"} <= cited
    assert cited <= set(data.sources["source_id"])


def test_a_part_cites_the_rows_it_used_and_no_others(data):
    """Citations are collected from the rows a part used: the Article 5 paragraph cites Bosnia and
    Herzegovina's record in the global report, not in Africa's."""
    clearance_only = report(data, 2011)
    clearance_only.clearance_summary()
    assert "isu_bih" in clearance_only.cited
    assert "unga_dyb2011_p2" not in clearance_only.cited  # the General Assembly part was not shown
    africa = report(data, 2011, region="Africa")
    cited = set(cited_by_every_part(africa))
    assert "isu_bih" not in cited
    status = data.treaty_status.set_index("iso3")["source_id"]
    assert status["AGO"] in cited
    assert "## " not in africa.bibliography() and africa.bibliography().count("\n- ") + 1 == len(cited)


def test_the_clearance_chart_and_sources_hold_the_extensions_the_status_counts(data):
    """An extension without a decision date counts from its meeting's close: drawn and cited too."""
    the_report = report(data, 2025)
    as_of = the_report.params.as_of
    granted = clearance.granted_by(data, as_of)
    undated = granted[granted["decision_date"].isna()]
    assert len(undated), "extensions dated by their meeting only"
    chart = the_report.clearance_and_transparency_figures()[0]
    drawn = next(c for c in chart.axes[0].collections if c.get_label() == "Extended deadline")
    bound = clearance.status_on(data, as_of)["iso3"]
    expected = granted[granted["iso3"].isin(bound) & granted["new_deadline"].notna()]
    assert len(drawn.get_offsets()) == len(expected)
    assert set(undated["source_id"]) <= set(the_report.cited)


def test_a_year_with_no_joiner_says_so(data):
    text = report(data, 2025, region="Africa").universalization_summary()
    assert "In 2025, no State joined." in text and "0 States joined" not in text


def test_regional_priorities_name_only_the_regions_states(data):
    """Greece and Ukraine were past their Article 4 deadline at the end of 2025; neither is in Africa."""
    africa = report(data, 2025, region="Africa")
    named = ", ".join(africa.action_plan_priorities()["Named"])
    assert named and "Greece" not in named and "Ukraine" not in named
    assert "Greece" in ", ".join(report(data, 2025).action_plan_priorities()["Named"])
    assert "Germany" not in africa.action_plan_gaps()  # a European gap stays out of Africa's report


#: The parts that are global by nature (the whole dataset, whatever the region).
GLOBAL_PARTS = {"casualties_summary", "casualties_figures", "action_plan_summary", "action_plan_overview",
                "unga_summary", "unga_figures"}
#: Tables with a row per State, whose rows a regional report's per-State parts cite.
STATE_ROWS = ("treaty_status", "stockpile_destruction", "clearance_obligations", "clearance_extensions",
              "stockpile_remaining", "retained_mines")


def test_a_regional_report_cites_its_states_rows_and_no_other_regions(data):
    africa = report(data, 2025, region="Africa")
    call(africa, [part for part in PARTS if part not in GLOBAL_PARTS])
    status = data.treaty_status
    region = set(status.loc[status["monitor_region"] == "Africa", "iso3"])
    assert set(africa.data.treaty_status["iso3"]) == region
    assert set(africa.data.treaty_status["source_id"]) <= set(africa.cited)
    rows = pd.concat([data.table(name)[["iso3", "source_id"]] for name in STATE_ROWS])
    elsewhere = set(rows.loc[~rows["iso3"].isin(region), "source_id"]) - set(rows.loc[rows["iso3"].isin(region), "source_id"])
    assert elsewhere and not elsewhere & set(africa.cited)


@pytest.mark.parametrize(("year", "as_of", "edition"), [(2025, "2025-06-30", 2024), (2007, "2007-06-30", 2006),
                                                         (2007, None, 2007)])
def test_figures_are_those_published_by_the_report_date(year, as_of, edition, data):
    """An edition dated by its year counts from 31 December of that year: a mid-year report
    cannot cite the edition published later that year."""
    the_report = report(data, year, as_of)
    assert the_report.params.edition == edition
    assert f"Landmine Monitor {edition} recorded" in the_report.casualties_summary()
    cited = cited_by_every_part(the_report)
    published = data.sources.set_index("source_id").loc[cited, "year"].dropna()
    casualty_ids = set(casualties.series(data, "latest")["source_id"]) | set(casualties.series(data, "first")["source_id"])
    assert published.index.isin(casualty_ids).any()  # the casualty figures are cited
    assert (published[published.index.isin(casualty_ids)] <= edition).all()


def test_a_report_leaves_out_rates_stated_after_its_date(data):
    """The 47% rate for 2008 was stated on 25 May 2009 (tr_icbl_2009_isc); the 37% for 2014 on 18 June 2015."""
    rates = transparency.rates_published_by(data, pd.Timestamp("2009-05-24"))
    assert "tr_icbl_2009_isc" not in set(rates["source_id"])
    assert "tr_icbl_2009_isc" in set(transparency.rates_published_by(data, pd.Timestamp("2009-05-25"))["source_id"])
    mid_2015 = transparency.rates_published_by(data, pd.Timestamp("2015-06-17"))
    assert 2014 not in set(mid_2015["year"])


def test_clearance_gaps_are_named_only_where_there_are_some(data):
    assert "For 0 States" not in report(data, 2007).clearance_summary()
    text = report(data, 2025).clearance_summary()
    assert "not a finding that they are late" in text and "past the last deadline" not in text
