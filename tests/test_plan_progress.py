"""Progress per section of the action plans: prose, tables, overview, priorities and gaps."""

import re
import shutil

import pytest

from analysis import action_plans, cooperation, metadata, paths, plan_progress, text
from analysis.dataset import Dataset


def period(data, meeting):
    return action_plans.period_for_meeting(data, meeting)


def sections(data, meeting):
    return {s.section: s for s in plan_progress.sections(data, *period(data, meeting))}


def test_every_section_of_the_data_package_is_reported_with_its_heading(data):
    parts = plan_progress.sections(data, *period(data, "8MSP"))
    codes = metadata.table("plan_sections").field("section").constraints["enum"]
    assert [p.section for p in parts] == codes
    assert parts[0].title == "Universalizing the Convention"
    assert all(p.title and p.text and p.indicator for p in parts)
    assert set(plan_progress.COVERAGE) == set(codes)


def test_section_labels_cover_both_tables_that_use_section_codes():
    for name in ("plan_sections", "plan_actions"):
        field = metadata.table(name).field("section")
        assert list(field.labels) == field.constraints["enum"]


def test_22msp_names_the_withdrawal_notifications_and_the_suspension(data):
    uni = sections(data, "22MSP")["universalization"]
    for state in ("Estonia", "Latvia", "Lithuania", "Finland", "Poland"):
        assert state in uni.text
    assert "Ukraine notified on 18 July 2025 that it suspended" in uni.text
    assert "Marshall Islands (12 March 2025) and Tonga (25 June 2025)" in uni.text
    assert "5 notified withdrawal" in uni.indicator


def test_8msp_joiners_and_completions_with_dates(data):
    parts = sections(data, "8MSP")
    assert "Montenegro (23 October 2006)" in parts["universalization"].text
    assert "151 at its start and 156 at its end" in parts["universalization"].text
    stock = parts["stockpile_destruction"]
    assert "Afghanistan (1 October 2007)" in stock.text
    assert set(stock.table["State"]) >= {"Afghanistan", "Angola", "Cyprus"}


def test_tables_have_readable_headers_and_no_repr(data):
    for part in plan_progress.sections(data, *period(data, "22MSP")):
        assert not any("_" in str(c) for c in part.table.columns), part.section
        assert "{" not in part.text and "[" not in part.text and "_" not in part.text
    overview = plan_progress.overview(data, *period(data, "22MSP"))
    assert list(overview.columns) == ["Section", "Actions", "Measured indicator", "What our data covers"]
    assert "->" not in " ".join(overview["Measured indicator"])


def test_overview_names_the_actions_of_the_plan_in_force(data):
    overview = plan_progress.overview(data, *period(data, "15MSP")).set_index("Section")
    assert overview.loc["Clearing mined areas", "Actions"] == "#8-#11"  # Maputo, per isu_14msp_day2
    assert overview.loc["Implementation support", "Actions"] == "-"  # no source read gives this range
    before = plan_progress.overview(data, "2004-01-01", "2004-06-30")  # no plan in force yet
    assert (before["Actions"] == "-").all()


def test_overview_uses_only_what_was_known_by_the_period_end(data):
    overview = plan_progress.overview(data, *period(data, "2RC")).set_index("Section")
    indicator = overview["Measured indicator"]
    assert "2009" not in indicator["Transparency and the exchange of information"]  # due in 2010
    # the period ends on 4 December 2009; Landmine Monitor 2009 was released on 12 November (lm2009_events)
    assert "(LM 2009)" in indicator["Assisting the victims"]
    assert "LM 2010" not in indicator["Assisting the victims"]


def test_clearance_gaps_are_said_as_gaps_not_lateness(data):
    _, end = period(data, "22MSP")
    gaps = action_plans.clearance_gaps(data, end)
    assert {"Djibouti", "Montenegro", "Germany"} <= set(gaps["state"])  # completions or extensions not compiled
    priorities = action_plans.priorities(data, end)
    assert not set(gaps["state"]) & set(", ".join(priorities["named"]).split(", "))
    clear = sections(data, "22MSP")["clearing_mined_areas"]
    assert "not a finding that they are late" in clear.text and "Djibouti" in clear.text
    assert "late" not in " ".join(priorities["priority"]).replace("not late", "")


def test_priorities_keep_only_the_states_asked_for(data):
    _, end = period(data, "22MSP")
    everyone = action_plans.priorities(data, end)
    assert "Greece" in everyone["named"].str.cat()
    africa = action_plans.priorities(data.for_states({"AGO", "SSD", "SEN"}), end)
    assert "Greece" not in africa["named"].str.cat() and "Angola" in africa["named"].str.cat()
    assert (africa["states"] == africa["named"].str.split(", ").str.len()).all()


def test_actions_added_as_data_appear_with_no_code_change(tmp_path, data):
    """The documented path: rows in plan_actions.csv (and ranges in plan_sections.csv) are all it takes."""
    plan = action_plans.plan_in_force(data, "2025-12-05")
    start, end = period(data, "22MSP")
    assert plan_progress.actions_table(data, plan, start, end).empty
    assert "data/plan_actions.csv" in plan_progress.actions_note(plan)
    copy = tmp_path / "data"
    shutil.copytree(paths.PROJECT_ROOT / "data", copy)
    with (copy / "plan_actions.csv").open("a", encoding="utf-8") as rows:
        rows.write(f"{plan['plan_id']},1,universalization,Encourage States not party to join.,states_joined,"
                   f"{plan['source_id']},\n")
    table = plan_progress.actions_table(Dataset.load(copy), plan, start, end)
    assert table.iloc[0]["Section"] == "Universalizing the Convention"
    assert table.iloc[0]["Status"] == "not achieved"  # 31 States were not party at the end


@pytest.mark.parametrize(("count", "noun", "expected"), [(1, "State", "1 State"), (2, "State", "2 States"),
                                                          (0, "signatory", "0 signatories")])
def test_plural(count, noun, expected):
    assert text.plural(count, noun, "signatories" if noun == "signatory" else None) == expected


def test_names_read_as_english():
    assert text.names([]) == "none"
    assert text.names(["A"]) == "A"
    assert text.names(["A", "B", "C"]) == "A, B and C"


@pytest.mark.parametrize("meeting", ["8MSP", "2RC", "22MSP"])
def test_every_section_has_a_measured_indicator(meeting, data):
    for part in plan_progress.sections(data, *period(data, meeting)):
        assert any(ch.isdigit() for ch in part.indicator), (meeting, part.section, part.indicator)
        figures = re.findall(r"\d[\d,.]*", part.indicator)
        assert part.source_ids or set(figures) == {"0"}, (meeting, part.section)  # a zero count cites no row
        assert set(part.source_ids) <= set(data.sources["source_id"])


def test_support_for_mine_action_as_each_edition_stated_it(data):
    """LM2009 gave US$517.8 million for 2008 (lm2009_support); LM2010 revised it to US$455 million.
    Each edition counts from its release day (monitor_editions)."""
    eighth = sections(data, "8MSP")["cooperation_and_assistance"].text  # LM2007, released 12 November 2007
    assert "US$475.0 million in international support (27 donors)" in eighth
    assert "US$517.8 million in international support (24 donors)" in sections(data, "2RC")[
        "cooperation_and_assistance"].text
    known = cooperation.support_known_by(data, "2010-12-31").set_index(["year", "measure"])
    assert known.loc[(2008, "international"), "usd_million"] == 455  # the revision, once published


def test_published_counts_are_known_from_the_day_they_were_stated(data):
    """The ICBL counted 59 States Parties with legislation on 25 May 2009 (icbl_2009_sc_natmeasures)."""
    before = plan_progress.published_counts(data, "compliance", "2009-05-24").set_index("measure")["value"]
    on = plan_progress.published_counts(data, "compliance", "2009-05-25").set_index("measure")["value"]
    assert before["article9_legislation_adopted"] == 30 and on["article9_legislation_adopted"] == 59
    assert "article9_none_reported" not in before.index and on["article9_none_reported"] == 45
    assert plan_progress.published_counts(data, "compliance", "2001-06-01").empty  # LM2001 counts from its year's end


def test_transparency_names_states_overdue_with_their_initial_report(data):
    """HRW, 21 September 2006 (tr_hrw_7msp_2006): seven States Parties, Equatorial Guinea among them."""
    text = sections(data, "8MSP")["transparency"].text
    assert "On 21 September 2006, a statement by Human Rights Watch" in text and "Equatorial Guinea" in text
    assert "named 7 States Parties" in text
    later = sections(data, "22MSP")["transparency"].text
    assert "18 June 2015 (the latest such statement our data holds)" in later and "Tuvalu" in later


def test_a_period_with_no_joiner_says_so(data):
    text = sections(data, "2RC")["universalization"].text
    assert text.startswith("No State joined the Convention in the period.") and "0 States joined" not in text
