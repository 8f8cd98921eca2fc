"""Action plans: which plan was in force, meeting periods, and progress indicators per section.

The Nairobi Action Plan 2005-2009 and the plans that followed it are reviewed
at each Meeting of the States Parties. A progress report covers the period
between two meetings; the indicators here count, for such a period, what the
project's datasets can measure, per section of the plans.
"""

from __future__ import annotations


import pandas as pd

from analysis import casualties, clearance, metadata, sources, stockpiles, transparency, unga, universalization
from analysis.dates import long_date
from analysis.errors import ParameterError
from analysis.dataset import Dataset
from analysis.universalization import DateLike

#: The sections of the plans (``plan_sections.section`` codes: the data package).
Section = metadata.codes("plan_sections", "section")
#: The indicators an action can be measured by (``plan_actions.measurable_by`` codes: the data package).
Indicator = metadata.codes("plan_actions", "measurable_by")


def plan_in_force(data: Dataset, on: DateLike) -> pd.Series | None:
    """The plan in force on a date: the latest adopted by then whose period covers the date's year.

    A plan takes over from its predecessor on adoption when their periods overlap
    (the Maputo Action Plan, adopted 27 June 2014, in a year the Cartagena plan
    also covers). Before the first plan's period, None.
    """
    plans = data.action_plans
    on = pd.Timestamp(on)
    covering = plans[(plans["adopted_date"] <= on) & (plans["period_start"] <= on.year)
                     & (plans["period_end"] >= on.year)]
    if covering.empty:
        return None
    return covering.sort_values("adopted_date").iloc[-1]


def meeting_periods(data: Dataset) -> pd.DataFrame:
    """Reporting periods between consecutive meetings: from the day after one meeting ends to the
    last day of the next. Each period is named by the meeting that closes it.

    Columns: ``meeting_id, name, previous_meeting, period_start, period_end``."""
    ordered = data.meetings.sort_values("start_date", ignore_index=True)
    periods = pd.DataFrame({
        "meeting_id": ordered["meeting_id"].iloc[1:].to_numpy(),
        "name": ordered["name"].iloc[1:].to_numpy(),
        "previous_meeting": ordered["meeting_id"].iloc[:-1].to_numpy(),
        "period_start": (ordered["end_date"].iloc[:-1] + pd.Timedelta(days=1)).to_numpy(),
        "period_end": ordered["end_date"].iloc[1:].to_numpy(),
    })
    return periods


def period_for_meeting(data: Dataset, meeting_id: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Start and end of the period a meeting reviews.

    Raises:
        KeyError: unknown meeting, or the first meeting (no period before it).
    """
    periods = meeting_periods(data).set_index("meeting_id")
    if meeting_id not in periods.index:
        first = periods["previous_meeting"].iloc[0]
        why = "the first meeting, which closes no period" if meeting_id == first else "not a known meeting"
        raise KeyError(f"no reporting period closes with {meeting_id!r} ({why}); known: {', '.join(periods.index)}")
    row = periods.loc[meeting_id]
    return row["period_start"], row["period_end"]


def universalization_progress(data: Dataset, start: DateLike, end: DateLike) -> dict[str, object]:
    """Joiners and withdrawals in the period, and counts at its end."""
    status = data.treaty_status
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    joined = universalization.joined_between(data, start, end)
    effective = status[status["withdrawal_effective_date"].between(start, end)]
    counts = universalization.summary(data, end)
    return {
        "joined_at_start": universalization.summary(data, start - pd.Timedelta(days=1))["joined"],
        "joined_at_end": counts["joined"],
        "joiners": list(joined["state"]),
        "withdrawals_taking_effect": list(effective["state"]),
        "states_not_party_at_end": counts["not_party"],
        "signatories_not_ratified_at_end": counts["signatories_not_ratified"],
    }


def unga_progress(data: Dataset, start: DateLike, end: DateLike) -> list[str]:
    """The General Assembly resolutions on the Convention adopted in the period, with their vote
    where compiled, e.g. ``A/RES/61/84 (6 December 2006, 161-0-17)``."""
    resolutions = unga.resolutions(data)
    adopted = resolutions[resolutions["adoption_date"].between(pd.Timestamp(start), pd.Timestamp(end))]
    return [f"{r.symbol} ({long_date(r.adoption_date)}"
            + ("" if pd.isna(r.in_favour) else f", {r.in_favour}-{r.against}-{r.abstaining}") + ")"
            for r in adopted.itertuples()]


def stockpile_progress(data: Dataset, start: DateLike, end: DateLike) -> dict[str, object]:
    """Completions and deadlines falling in the period, and States still holding stocks past their deadline."""
    table = data.stockpile_destruction
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    joined = set(universalization.states_parties(data, end, "joined"))
    rows = table[table["iso3"].isin(joined)]
    completed = rows[rows["completion_date"].between(start, end)]
    due = rows[rows["had_stockpile"].fillna(False).astype(bool) & rows["article4_deadline"].between(start, end)]
    missed = stockpiles.missed_deadlines(data, end)
    on_end = stockpiles.status_on(data, end)["stockpile_status"].value_counts()
    return {
        "completed": list(completed["state"]),
        "deadlines_falling_due": list(due["state"]),
        "past_deadline_still_holding": list(missed.loc[missed["still_holding"], "state"]),
        "destroying_at_end": int(on_end.get("destroying", 0)),
        "unknown_at_end": int(on_end.get("unknown", 0)),
    }


def clearance_progress(data: Dataset, start: DateLike, end: DateLike) -> dict[str, object]:
    """Completions declared in the period, and the clearance status of the States compiled at its end."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    status = clearance.status_on(data, end)
    done = status[status["completion_date"].between(start, end)]
    due = status[status["deadline_in_force"].between(start, end)]
    return {"completed": list(done["state"]), "deadlines_falling_due": list(due["state"]),
            "status_at_end": clearance.counts(data, end)}


def priorities(data: Dataset, end: DateLike, months: int = 12) -> pd.DataFrame:
    """What needs attention after a period, as far as our data can name it: deadlines falling
    due within ``months`` of its end, deadlines already passed, signatories yet to ratify.

    One row per item (``section, priority, states, named``), with the section it belongs to and
    the States concerned (a regional view, :meth:`Dataset.for_states`, names its States only);
    an item no State falls under is left out. The progress reports list
    such "priority areas" for the period up to the next meeting. A State whose extension or
    completion we have not compiled is not listed here (see :func:`clearance_gaps`).
    """
    end = pd.Timestamp(end)
    ahead = (end + pd.Timedelta(days=1), end + pd.DateOffset(months=months))
    stock = stockpiles.status_on(data, end)
    destroying = stock[stock["stockpile_status"] == stockpiles.StockpileStatus.destroying]
    missed = stockpiles.missed_deadlines(data, end)
    clear = clearance.status_on(data, end)
    clearing = clear[(clear["clearance_status"] == clearance.ClearanceStatus.clearing) & clear["deadline_in_force"].between(*ahead)]
    unsure = clearing["iso3"].isin(clearance.uncompiled_extensions(data, end))
    outside = universalization.states_not_party(data, end)
    items = [
        (Section.universalization, "signatories yet to ratify",
         outside[outside["status"] == universalization.STATUS_LABELS["signatory"]]),
        (Section.stockpile_destruction, "past the Article 4 deadline, still holding stocks", missed[missed["still_holding"]]),
        (Section.stockpile_destruction, f"Article 4 deadline within {months} months, destruction not complete",
         destroying[destroying["article4_deadline"].between(*ahead)]),
        (Section.clearing_mined_areas, f"Article 5 deadline within {months} months: complete or request an extension",
         clearing[~unsure]),
        (Section.clearing_mined_areas, f"Article 5 deadline within {months} months, unless an extension we hold "
         "without its date or new deadline moved it", clearing[unsure]),
    ]
    rows = []
    for section, what, states in items:
        names = sorted(states["state"])
        if names:
            rows.append({"section": section.value, "priority": what, "states": len(names), "named": ", ".join(names)})
    return pd.DataFrame(rows, columns=["section", "priority", "states", "named"])


def clearance_gaps(data: Dataset, end: DateLike) -> pd.DataFrame:
    """States bound by Article 5 on ``end`` whose status our data cannot tell: past the last
    deadline we hold with no extension or completion compiled, or with an extension held
    without its date or new deadline. These are gaps in our data, reported as such, never as
    late. Columns: ``iso3, state, deadline_in_force, gap`` (the gap in words)."""
    clear = clearance.status_on(data, end)
    rows = clear[clear["clearance_status"].isin(clearance.GAP_STATUSES)]
    return (rows.assign(gap=rows["clearance_status"].map(clearance.STATUS_LABELS))
            [["iso3", "state", "deadline_in_force", "gap"]].sort_values("state", ignore_index=True))


def casualty_progress(data: Dataset, start: DateLike, end: DateLike) -> pd.DataFrame:
    """Recorded casualties for the calendar years the period touches, from editions published by its end."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    series = casualties.series(data, "latest", up_to_edition=sources.monitor_edition_by(data, end))
    return series[series["year"].between(start.year - 1, end.year)][["year", "edition", "casualties", "source_id"]]


def section_actions(data: Dataset, plan_id: str) -> dict[str, str]:
    """The action numbers of each section of a plan, as sources state them (e.g. ``"#8-#11"``).

    A section no source gives a range for is absent from the result.
    """
    ranges = data.plan_sections
    rows = ranges[ranges["plan_id"] == plan_id].sort_values("first_action")
    out: dict[str, list[str]] = {}
    for row in rows.itertuples():
        out.setdefault(row.section, []).append(f"#{row.first_action}-#{row.last_action}")
    return {section: ", ".join(parts) for section, parts in out.items()}


def actions_for(data: Dataset, plan_id: str) -> pd.DataFrame:
    """The compiled actions of a plan (the columns of ``plan_actions``), with whether our data can
    measure each (``measurable``)."""
    actions = data.plan_actions
    rows = actions[actions["plan_id"] == plan_id].sort_values("action_number").copy()
    rows["measurable"] = rows["measurable_by"].notna()
    return rows


def plan_sources(data: Dataset, plan_id: str | None = None) -> list[str]:
    """Sources of the plan registry, and of the compiled actions and section ranges of ``plan_id``."""
    ids = list(data.action_plans["source_id"])
    if plan_id is not None:
        ids += list(actions_for(data, plan_id)["source_id"])
        ranges = data.plan_sections
        ids += list(ranges.loc[ranges["plan_id"] == plan_id, "source_id"])
    return list(dict.fromkeys(ids))


#: Outcome of an action over a period, as far as our data can tell.
ACTION_STATUSES = ("achieved", "not achieved", "not measurable from our data")


def judge_indicators(uni: dict, stock: dict, clear: dict, rates: pd.DataFrame) -> pd.DataFrame:
    """Whether the aim each indicator measures was met at a period's end, and why.

    Takes the outputs of :func:`universalization_progress`, :func:`stockpile_progress`,
    :func:`clearance_progress` and the published reporting rates of the years the
    period covers. An aim is *achieved* only when the data leaves no doubt (no State
    left outside, none holding stocks past its deadline, every report submitted);
    where our data has gaps that could change the answer, it is *not measurable*.
    """
    achieved, missed, unknown = ACTION_STATUSES
    results: dict[Indicator, tuple[str, str]] = {}
    outside = uni["states_not_party_at_end"]
    joined = (f"{len(uni['joiners'])} States joined in the period; {outside} were not party at its end")
    results[Indicator.states_joined] = results[Indicator.states_not_party] = (achieved if outside == 0 else missed, joined)

    late = stock["past_deadline_still_holding"]
    results[Indicator.stockpile_deadline_missed] = (
        missed if late else achieved,
        f"past their Article 4 deadline with stocks at the end: {', '.join(late)}" if late
        else "no State Party held stocks past its Article 4 deadline at the end")
    destroying, gaps = stock["destroying_at_end"], stock["unknown_at_end"]
    results[Indicator.stockpile_completed] = (
        missed if destroying else (unknown if gaps else achieved),
        f"{len(stock['completed'])} completed destruction in the period; {destroying} still destroying "
        f"and {gaps} without a compiled record at the end")

    at_end = clear["status_at_end"]
    gaps = sum(at_end[status] for status in clearance.GAP_STATUSES)
    results[Indicator.clearance_deadline_passed] = (
        unknown if gaps else achieved,
        f"{gaps} States whose extension or completion after their last deadline is not compiled" if gaps
        else "every State Party bound by Article 5 had completed or was within its deadline at the end")
    remaining = sum(at_end.values()) - at_end["completed"]
    results[Indicator.clearance_completed] = (
        missed if remaining - gaps else (unknown if gaps else achieved),
        f"{len(clear['completed'])} declared completion in the period; {remaining} of "
        f"{sum(at_end.values())} States Parties with obligations had not completed at its end")

    if rates.empty:
        results[Indicator.article7_annual_reporting_rate] = (unknown, "no published reporting rate for these years")
    else:
        last = rates.sort_values("year").iloc[-1]
        results[Indicator.article7_annual_reporting_rate] = (
            achieved if last["low"] == 100 else missed,
            f"published reporting rate for {last['year']}: {last['low']:g}%"
            + (f"-{last['high']:g}%" if last["high"] != last["low"] else ""))
    results[Indicator.article7_initial_report_submitted] = (unknown, "per-State Article 7 submissions are not compiled")
    results[Indicator.casualties_recorded] = (unknown, "recorded casualties measure the problem, not whether the action was met")
    return pd.DataFrame([{"measurable_by": k.value, "status": v[0], "reason": v[1]} for k, v in results.items()])


def period_rates(data: Dataset, start: DateLike, end: DateLike) -> pd.DataFrame:
    """Published reporting rates (:func:`transparency.reporting_rate`) for the calendar years whose
    reports fell due in the period."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    rates = transparency.reporting_rate(transparency.rates_published_by(data, end))
    return rates[rates["year"].between(start.year - 1, end.year - 1)]


def action_status(data: Dataset, plan_id: str, start: DateLike, end: DateLike,
                  judged: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each compiled action of a plan with its status over the period and the reason:
    ``action_number, section, summary, measurable_by, status, reason``.

    ``judged`` defaults to :func:`judge_indicators` on the period's indicators; an
    action no indicator of ours measures is *not measurable from our data*.
    """
    rows = actions_for(data, plan_id)
    if judged is None:
        start, end = pd.Timestamp(start), pd.Timestamp(end)
        judged = judge_indicators(universalization_progress(data, start, end), stockpile_progress(data, start, end),
                                  clearance_progress(data, start, end), period_rates(data, start, end))
    out = rows.merge(judged, on="measurable_by", how="left")
    out["status"] = out["status"].fillna(ACTION_STATUSES[2])
    out["reason"] = out["reason"].fillna("no indicator of this project measures this action")
    return out[["action_number", "section", "summary", "measurable_by", "status", "reason"]]


def resolve_period(data: Dataset, meeting: str = "", period_start: str = "",
                   period_end: str = "") -> tuple[pd.Timestamp, pd.Timestamp, str]:
    """The period a progress report covers: a meeting's reporting period, or explicit dates.

    Raises:
        ParameterError: both given, unparsable or reversed dates, unknown meeting (or the first,
            which closes no period).
    """
    if meeting and (period_start or period_end):
        raise ParameterError("give a meeting or a period, not both")
    if meeting:
        try:
            start, end = period_for_meeting(data, meeting)
        except KeyError as error:
            raise ParameterError(error.args[0]) from None
        return start, end, f"the period reviewed by the {meeting}"
    try:
        start = pd.Timestamp(pd.to_datetime(period_start, format="%Y-%m-%d"))
        end = pd.Timestamp(pd.to_datetime(period_end, format="%Y-%m-%d"))
    except (ValueError, TypeError):
        raise ParameterError("period_start and period_end must be dates in YYYY-MM-DD form") from None
    if end < start:
        raise ParameterError(f"period_end {end.date()} is before period_start {start.date()}")
    return start, end, f"{start.date()} to {end.date()}"
