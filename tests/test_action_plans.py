"""Action plans: the plan in force, meeting periods, progress indicators and the progress notebook."""

import pandas as pd
import papermill
import pytest

from analysis import action_plans, clearance, paths, plan_progress
from analysis.dataset import Dataset

T = pd.Timestamp

PLANS = Dataset.from_tables(action_plans=pd.DataFrame({
    "plan_id": ["a", "b", "c"],
    "adopted_date": [T("2004-12-03"), T("2009-12-04"), T("2014-06-27")],
    "period_start": [2005, 2010, 2014],
    "period_end": [2009, 2014, 2019],
}))


@pytest.mark.parametrize(
    ("day", "expected"),
    [("2004-12-10", None), ("2005-01-01", "a"), ("2009-12-31", "a"), ("2010-01-01", "b"),
     ("2014-06-26", "b"), ("2014-06-27", "c"), ("2019-12-31", "c"), ("2020-01-01", None)],
)
def test_plan_in_force(day, expected):
    plan = action_plans.plan_in_force(PLANS, day)
    assert (None if plan is None else plan["plan_id"]) == expected


def test_plan_in_force_on_the_real_registry(data):
    assert action_plans.plan_in_force(data, "2007-11-20")["plan_id"] == "nairobi_2005_2009"
    assert action_plans.plan_in_force(data, "2026-11-28")["plan_id"] == "siem_reap_angkor_2025_2029"


def test_meeting_periods_run_from_one_meeting_to_the_next():
    meetings = pd.DataFrame({"meeting_id": ["1RC", "6MSP", "7MSP"], "name": ["x", "y", "z"],
                             "start_date": [T("2004-11-29"), T("2005-11-28"), T("2006-09-18")],
                             "end_date": [T("2004-12-03"), T("2005-12-02"), T("2006-09-22")]})
    periods = action_plans.meeting_periods(Dataset.from_tables(meetings=meetings))
    assert periods["meeting_id"].tolist() == ["6MSP", "7MSP"]
    assert periods["period_start"].tolist() == [T("2004-12-04"), T("2005-12-03")]
    assert periods["period_end"].tolist() == [T("2005-12-02"), T("2006-09-22")]


@pytest.mark.parametrize(
    ("meeting", "figure_id", "joiners"),
    [  # joiners as the progress reports name them: isu_6msp_zagreb, plans_s34 (para. 3), isu_8msp_about
        ("6MSP", "isu_6msp_joined_147", {"Bhutan", "Ethiopia", "Latvia", "Vanuatu"}),
        ("7MSP", "gpr_2006_joined_151", {"Ukraine", "Haiti", "Cook Islands", "Brunei Darussalam"}),
        ("8MSP", "isu_8msp_joined_156", {"Palau"}),
    ],
)
def test_joined_at_each_meeting_of_the_nairobi_plan(meeting, figure_id, joiners, data):
    """The States Parties the progress reports count at each meeting, and the joiners they name."""
    published = data.published_figures.set_index("figure_id").loc[figure_id]
    start, end = action_plans.period_for_meeting(data, meeting)
    progress = action_plans.universalization_progress(data, start, pd.Timestamp(published["as_of_date"]))
    assert progress["joined_at_end"] == published["value"]
    assert progress["joined_at_end"] == progress["joined_at_start"] + len(progress["joiners"])
    assert joiners <= set(progress["joiners"])


def test_stockpile_completions_the_zagreb_progress_report_names(data):
    """isu_6msp_zagreb names five completions since the Summit; our record dates Uruguay's before it."""
    named = {"Algeria", "Bangladesh", "Guinea-Bissau", "Mauritania", "Uruguay"}
    start, end = action_plans.period_for_meeting(data, "6MSP")
    completed = set(action_plans.stockpile_progress(data, start, end)["completed"])
    assert named - completed == {"Uruguay"}
    assert completed <= named


def test_stockpile_progress_names_late_states(data):
    start, end = action_plans.period_for_meeting(data, "9MSP")
    assert set(action_plans.stockpile_progress(data, start, end)["past_deadline_still_holding"]) == {
        "Belarus", "Greece", "Türkiye"}


def test_priorities_at_the_9msp(data):
    """At the 9MSP three States were past their 1 March 2008 Article 4 deadline (lm2008_ban)."""
    _, end = action_plans.period_for_meeting(data, "9MSP")
    table = action_plans.priorities(data, end).set_index("priority")
    assert table.loc["past the Article 4 deadline, still holding stocks", "named"] == "Belarus, Greece, Türkiye"
    assert "Ethiopia" in table.loc["Article 4 deadline within 12 months, destruction not complete", "named"]
    assert (table["states"] > 0).all()
    due = table.index.str.startswith("Article 5 deadline within")
    assert not set(table.loc[due, "named"].str.split(", ").sum()) & set(
        action_plans.clearance_progress(data, end - pd.Timedelta(days=365), end)["completed"])
    assert not action_plans.priorities(data, end, months=0)["priority"].str.contains("within").any()


@pytest.mark.parametrize(
    ("args", "message"),
    [(("8MSP", "2007-01-01", ""), "not both"), (("99MSP",), "no reporting period"),
     (("", "2007-02-30", "2007-12-31"), "YYYY-MM-DD"), (("", "2008-01-01", "2007-12-31"), "before")],
)
def test_resolve_period_refuses_bad_input(args, message, data):
    with pytest.raises(ValueError, match=message):
        action_plans.resolve_period(data, *args)


@pytest.mark.parametrize("meeting", ["6MSP", "7MSP", "8MSP", "9MSP", "2RC", "22MSP"])
def test_progress_notebook_runs_for_each_meeting(meeting, tmp_path, data):
    notebook = paths.notebooks_dir() / "action_plan_progress.ipynb"
    out = tmp_path / "progress.ipynb"
    papermill.execute_notebook(str(notebook), str(out), parameters={"meeting": meeting},
                               kernel_name="python3", progress_bar=False)
    written = out.read_text()
    name = data.meetings.set_index("meeting_id").at[meeting, "name"]
    assert f"reviewed by the {name}" in written
    assert all(f"## {title}" in written for title in plan_progress.section_labels(data).values())
    overview = plan_progress.overview(data, *action_plans.period_for_meeting(data, meeting))
    assert "{'" not in written and "_" not in overview.to_string()


def test_progress_notebook_runs_for_an_explicit_year(tmp_path):
    notebook = paths.notebooks_dir() / "action_plan_progress.ipynb"
    out = tmp_path / "progress.ipynb"
    papermill.execute_notebook(str(notebook), str(out), kernel_name="python3", progress_bar=False,
                               parameters={"meeting": "", "period_start": "2021-01-01", "period_end": "2021-12-31"})
    assert "Oslo Action Plan" in out.read_text()


def test_section_actions_joins_the_ranges_of_a_section():
    ranges = pd.DataFrame({"plan_id": ["p", "p", "p", "q"], "section": ["transparency", "compliance", "transparency", "x"],
                           "first_action": [9, 1, 3, 1], "last_action": [10, 2, 4, 5]})
    data = Dataset.from_tables(plan_sections=ranges)
    assert action_plans.section_actions(data, "p") == {"compliance": "#1-#2", "transparency": "#3-#4, #9-#10"}
    assert action_plans.section_actions(data, "r") == {}


def test_plan_sources_add_the_actions_and_ranges_of_the_plan(data):
    registry = action_plans.plan_sources(data)
    maputo = action_plans.plan_sources(data, "maputo_2014_2019")
    assert set(registry) < set(maputo)
    assert {"isu_14msp_day2", "nap_isu_17msp_va"} <= set(maputo) - set(registry)


def test_period_sources_cite_the_events_of_the_period(data):
    start, end = action_plans.period_for_meeting(data, "7MSP")  # 3 December 2005 to 22 September 2006
    cited = plan_progress.period_sources(data, start, end)
    assert cited and set(cited) <= set(data.sources["source_id"])
    status = data.treaty_status.set_index("iso3")
    assert status.loc["HTI", "source_id"] in cited  # Haiti joined on 15 February 2006
    resolutions = data.unga_resolutions.set_index("session")
    assert resolutions.loc[60, "source_id"] in cited  # A/RES/60/80, 8 December 2005


def progress(not_party=0, late=(), destroying=0, unknown=0, clear=None):
    uni = {"joiners": ["A"], "states_not_party_at_end": not_party}
    stock = {"completed": [], "past_deadline_still_holding": list(late), "destroying_at_end": destroying,
             "unknown_at_end": unknown}
    counts = {status: 0 for status in clearance.STATUSES} | {"completed": 2, **(clear or {})}
    return uni, stock, {"completed": [], "status_at_end": counts}


def judged(rates=pd.DataFrame(columns=["year", "low", "high"]), **kwargs):
    return action_plans.judge_indicators(*progress(**kwargs), rates).set_index("measurable_by")["status"]


def test_judge_indicators_achieved_only_without_doubt():
    assert judged()["states_joined"] == "achieved"
    assert judged(not_party=3)["states_joined"] == "not achieved"
    assert judged(late=["Greece"])["stockpile_deadline_missed"] == "not achieved"
    assert judged()["stockpile_deadline_missed"] == "achieved"
    assert judged(unknown=2)["stockpile_completed"] == "not measurable from our data"
    assert judged(destroying=1, unknown=2)["stockpile_completed"] == "not achieved"
    assert judged(clear={"clearing": 1})["clearance_completed"] == "not achieved"
    assert judged(clear={"clearing": 1})["clearance_deadline_passed"] == "achieved"
    assert judged(clear={"not_compiled": 1})["clearance_deadline_passed"] == "not measurable from our data"
    assert judged(clear={"not_compiled": 1})["clearance_completed"] == "not measurable from our data"
    assert judged(clear={"not_compiled": 1, "clearing": 1})["clearance_completed"] == "not achieved"
    assert judged()["article7_annual_reporting_rate"] == "not measurable from our data"
    rates = pd.DataFrame({"year": [2006, 2007], "low": [100.0, 62.0], "high": [100.0, 62.0]})
    assert judged(rates)["article7_annual_reporting_rate"] == "not achieved"  # the latest year decides


def test_action_status_marks_unmeasured_actions():
    actions = pd.DataFrame({"plan_id": ["p", "p", "q"], "action_number": [2, 1, 1],
                            "section": ["universalization", "compliance", "compliance"],
                            "summary": ["join", "laws", "x"], "measurable_by": ["states_joined", None, None]})
    judged_ = pd.DataFrame({"measurable_by": ["states_joined"], "status": ["not achieved"], "reason": ["r"]})
    out = action_plans.action_status(Dataset.from_tables(plan_actions=actions), "p", "2006-01-01", "2006-12-31",
                                     judged_)
    assert out["action_number"].tolist() == [1, 2]
    assert out["status"].tolist() == ["not measurable from our data", "not achieved"]
    assert set(out["status"]) <= set(action_plans.ACTION_STATUSES)


def test_action_status_on_the_real_data_for_the_15msp(data):
    start, end = action_plans.period_for_meeting(data, "15MSP")
    plan = action_plans.plan_in_force(data, end)
    assert plan["plan_id"] == "maputo_2014_2019"
    status = action_plans.action_status(data, plan["plan_id"], start, end).set_index("action_number")
    assert status.loc[1, "status"] == "not achieved"  # universalization: States remained outside
    assert "were not party at its end" in status.loc[1, "reason"]
    assert status.loc[15, "status"] == "not measurable from our data"


def test_unga_progress_names_the_resolution_of_the_period(data):
    start, end = action_plans.period_for_meeting(data, "8MSP")  # 23 Sept 2006 to 22 Nov 2007: no December vote
    assert action_plans.unga_progress(data, start, end) == [
        "A/RES/61/84 (6 December 2006, 161-0-17)"]
