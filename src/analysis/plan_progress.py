"""Progress on the action plans, section by section, as the Meetings' progress reports give it.

For a period (the one a Meeting of the States Parties reviews, or any two dates)
each section of the plans gets a paragraph naming the States and events of the
period, a small table with readable headers (or the reason there is none), a
one-line measured indicator for the overview, and the sources of what it states.
Both the progress notebook and the annual report's plan section are built from
:func:`sections`, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis import (
    action_plans,
    clearance,
    cooperation,
    sources,
    stockpiles,
    transparency,
    universalization,
)
from analysis.action_plans import Section
from analysis.dates import long_date
from analysis.dataset import Dataset
from analysis.text import dated, names, plural, readable, table_or_note
from analysis.universalization import DateLike

#: What our data measures for each section of the plans, whatever the period.
COVERAGE = {
    Section.universalization: "States joining, withdrawing and not party; General Assembly resolutions",
    Section.stockpile_destruction: "completions and Article 4 deadlines of every State Party",
    Section.clearing_mined_areas: "completions, extensions and Article 5 deadlines of the States compiled",
    Section.assisting_victims: "recorded casualties, as each Landmine Monitor edition gives them; published counts "
                         "of States with significant numbers of survivors, and of survivors",
    Section.cooperation_and_assistance: "support for mine action (US$) and the largest donors, as each Landmine Monitor "
                                  "edition gives them",
    Section.transparency: "initial reports falling due (derived) and published annual reporting rates",
    Section.compliance: "published counts of national implementation measures (Article 9); few dates compiled",
    Section.implementation_support: "the Meetings of the States Parties held",
}


def section_labels(data: Dataset) -> dict[str, str]:
    """Each plan section's code and the heading reports give it (the data package's categories)."""
    return data.describe("plan_sections").field("section").labels


@dataclass(frozen=True)
class SectionProgress:
    """One section of a progress report."""

    section: str
    title: str
    indicator: str
    text: str
    table: pd.DataFrame
    empty_reason: str
    source_ids: tuple[str, ...]


def _dates(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Date columns as report text (``5 December 2007``, ``-`` where missing)."""
    out = frame.copy()
    for column in columns:
        out[column] = out[column].map(lambda d: "-" if pd.isna(d) else long_date(d))
    return out


def _universalization(data: Dataset, start: pd.Timestamp, end: pd.Timestamp) -> SectionProgress:
    status = data.treaty_status
    joiners = universalization.joined_between(data, start, end)
    before = universalization.summary(data, start - pd.Timedelta(days=1))["joined"]
    counts = universalization.summary(data, end)
    notes = universalization.notifications(data, end)
    notes = notes[notes["notified"].between(start, end)]
    effective = status[status["withdrawal_effective_date"].between(start, end)]
    outside = universalization.states_not_party(data, end)
    signatories = outside[outside["status"] == universalization.STATUS_LABELS["signatory"]]
    resolutions = action_plans.unga_progress(data, start, end)
    joined = (f"{plural(len(joiners), 'State')} joined the Convention in the period: "
              f"{names(dated(joiners, 'consent_date'))}." if len(joiners)
              else "No State joined the Convention in the period.")
    parts = [f"{joined} States Parties numbered {before} at its start and {counts['joined']} at its end."]
    withdrawals = notes[notes["notification"] == universalization.WITHDRAWAL]
    if len(withdrawals):
        parts.append(f"{names(dated(withdrawals, 'notified'))} notified withdrawal (Article 20): "
                     "a withdrawal takes effect six months after notification, not during an armed conflict "
                     "in which the State is engaged.")
    for r in notes[notes["notification"] == universalization.SUSPENSION].itertuples():
        parts.append(f"{r.state} notified on {long_date(r.notified)} that it suspended the operation of the "
                     "Convention; the Convention has no suspension clause, and it remained a State Party.")
    if len(effective):
        parts.append(f"Withdrawals that took effect in the period: {names(dated(effective, 'withdrawal_effective_date'))}.")
    parts.append(f"At the end, {plural(counts['not_party'], 'State was', 'States were')} not party, "
                 + (f"{plural(len(signatories), 'signatory', 'signatories')} among them ({names(signatories['state'])})."
                    if len(signatories) else "none of them a signatory."))
    parts.append(f"General Assembly resolutions on the Convention adopted in the period: "
                 f"{names(resolutions, none='none compiled')}.")
    table = _dates(joiners, ["consent_date", "entry_into_force_date"])[
        ["state", "consent_type", "consent_date", "entry_into_force_date"]]
    adopted = data.unga_resolutions
    ids = [*status.loc[status["iso3"].isin(joiners["iso3"]) | status["state"].isin(notes["state"])
                       | status["iso3"].isin(effective["iso3"]), "source_id"],
           *adopted.loc[adopted["adoption_date"].between(start, end), "source_id"]]
    change = "" if counts["joined"] == before else f" ({counts['joined'] - before:+d})"
    indicator = (f"{plural(counts['joined'], 'State Party', 'States Parties')} at the end{change}; "
                 f"{len(joiners)} joined, {len(withdrawals)} notified withdrawal")
    return SectionProgress(Section.universalization, "", indicator, " ".join(parts), readable(table),
                           "No State deposited an instrument in the period.", tuple(ids))


def _stockpiles(data: Dataset, start: pd.Timestamp, end: pd.Timestamp) -> SectionProgress:
    table = data.stockpile_destruction
    on_end = stockpiles.status_on(data, end)
    completed = on_end[on_end["completion_date"].between(start, end)]
    due = on_end[on_end["article4_deadline"].between(start, end) & (on_end["stockpile_status"] != "never_held")]
    missed = stockpiles.missed_deadlines(data, end)
    holding = missed[missed["still_holding"]]
    n = on_end["stockpile_status"].value_counts()
    parts = [
        f"Completed the destruction of their stockpiles in the period: {names(dated(completed, 'completion_date'), none='none recorded')}.",
        f"Article 4 deadlines that fell in the period: {names(dated(due, 'article4_deadline'))}.",
        "Past their deadline and still holding stocks at the end: "
        + names([f"{r.state} (deadline {long_date(r.article4_deadline)})" for r in holding.itertuples()]) + ".",
        f"At the end, our data counts {plural(int(n.get('destroyed', 0)), 'State Party', 'States Parties')} that had "
        f"completed destruction, {int(n.get('destroying', 0))} still destroying, {int(n.get('never_held', 0))} "
        f"that declared never holding stocks, and {int(n.get('unknown', 0))} whose record is not compiled.",
    ]
    named = set(completed["iso3"]) | set(due["iso3"]) | set(holding["iso3"])
    shown = on_end[on_end["iso3"].isin(named)]
    shown = shown.assign(status_at_end=shown["stockpile_status"].map(STOCKPILE_WORDS)).sort_values("state")
    shown = _dates(shown, ["article4_deadline", "completion_date"])[
        ["state", "article4_deadline", "completion_date", "status_at_end"]]
    ids = table.loc[table["iso3"].isin(named), "source_id"].dropna()
    indicator = (f"{len(completed)} completed destruction; {len(due)} deadlines fell due; "
                 f"{len(holding)} past deadline with stocks at the end")
    return SectionProgress(Section.stockpile_destruction, "", indicator, " ".join(parts), readable(shown),
                           "No State Party completed destruction, reached its deadline or was past it in the period.",
                           tuple(ids))


#: Stockpile statuses in report words.
STOCKPILE_WORDS = {"destroyed": "destruction completed", "destroying": "still destroying",
                   "never_held": "never held stocks", "unknown": "not compiled"}


def _clearance(data: Dataset, start: pd.Timestamp, end: pd.Timestamp) -> SectionProgress:
    table = data.clearance_obligations
    on_end = clearance.status_on(data, end)
    completed = on_end[on_end["completion_date"].between(start, end)]
    due = on_end[on_end["deadline_in_force"].between(start, end)]
    granted = clearance.granted_by(data, end)
    granted = granted[granted["decided_on"].between(start, end)].merge(table[["iso3", "state"]], on="iso3")
    n = clearance.counts(data, end)
    gaps = action_plans.clearance_gaps(data, end)
    parts = [
        f"Declared completion of clearance in the period: {names(dated(completed, 'completion_date'), none='none recorded')}.",
        "Extensions of the Article 5 deadline granted in the period: "
        + names([f"{r.state} (to {long_date(r.new_deadline)})" if pd.notna(r.new_deadline) else r.state
                 for r in granted.sort_values("state").itertuples()], none="none compiled") + ".",
        f"Deadlines in force that fell in the period: {names(dated(due, 'deadline_in_force'))}.",
        f"At the end, of the {sum(n.values())} States Parties bound by Article 5 in our data, {n['completed']} had "
        f"declared completion, {n['reopened']} had declared it and since reported newly found mined areas, and "
        f"{n['clearing']} were clearing within their deadline.",
    ]
    if len(gaps):
        parts.append(f"For {plural(len(gaps), 'State')} our data holds no extension or completion after the last "
                     f"deadline it has, or an extension without its date or new deadline: {names(gaps['state'])}. "
                     "This is a gap in our data, not a finding that they are late.")
    shown = _dates(granted.sort_values("state"), ["decided_on", "new_deadline"])[
        ["state", "meeting", "new_deadline"]]
    ids = [*granted["source_id"],
           *table.loc[table["iso3"].isin(set(completed["iso3"]) | set(due["iso3"])), "source_id"]]
    indicator = (f"{len(completed)} declared completion; {len(granted)} extensions granted; "
                 f"{len(gaps)} not compiled at the end")
    return SectionProgress(Section.clearing_mined_areas, "", indicator, " ".join(parts), readable(shown),
                           "No extension granted in the period is compiled.", tuple(ids))


def _victims(data: Dataset, start: pd.Timestamp, end: pd.Timestamp) -> SectionProgress:
    recorded = action_plans.casualty_progress(data, start, end)
    if recorded.empty:
        text = "No Landmine Monitor edition published by the end of the period records a global total in our data."
        indicator = "no recorded total for these years"
    else:
        last = recorded.iloc[-1]
        text = (f"Landmine Monitor {last['edition']} recorded {int(last['casualties']):,} mine/ERW casualties in "
                f"{last['year']}, the latest year recorded by an edition published by the end of the period. "
                "Recorded casualties measure the problem the victim assistance actions address; our data "
                "holds no measure of the assistance itself.")
        indicator = "; ".join(f"{r.year}: {r.casualties:,} (LM {r.edition})" for r in recorded.itertuples())
    counts = published_counts(data, Section.assisting_victims, end)
    if len(counts):
        text += " " + _counts_text(data, counts, end)
    table = recorded[["year", "casualties", "edition"]].assign(casualties=recorded["casualties"].map("{:,}".format))
    return SectionProgress(Section.assisting_victims, "", indicator, text, readable(table),
                           "No recorded total for these years.", (*recorded["source_id"], *counts["source_id"]))


def published_counts(data: Dataset, section: str, end: DateLike) -> pd.DataFrame:
    """The latest published count of each measure of a section known by ``end``: dated on or
    before it and published by it (:func:`sources.published_by`). Adds ``label``, the measure in words."""
    end = pd.Timestamp(end)
    table = data.plan_indicators_published
    rows = table[table["section"] == section]
    known = sources.published_by(data, rows["source_id"], end, rows["published_on"])
    rows = rows[known & (rows["as_of"] <= end)].sort_values("as_of").groupby("measure").tail(1)
    labels = data.describe("plan_indicators_published").field("measure").labels
    return rows.assign(label=rows["measure"].map(labels)).sort_values(["as_of", "measure"], ignore_index=True)


def _counts_text(data: Dataset, counts: pd.DataFrame, end: pd.Timestamp) -> str:
    """Published counts as sentences, one per date, in the data package's order of measures:
    ``As of 25 May 2009, as published: 59 States Parties that ...``; a count from before the
    period's previous year says it is the latest our data holds."""
    order = list(data.describe("plan_indicators_published").field("measure").labels)
    sentences = []
    for as_of, group in counts.groupby("as_of", sort=True):
        group = group.sort_values("measure", key=lambda m: m.map(order.index))
        day = long_date(as_of) if group["as_of_precision"].iloc[0] == "day" else str(as_of.year)
        parts = [("more than " if r.qualifier == "more_than" else "") + f"{r.value:,} "
                 + (r.label if r.label.startswith("States") else r.label[0].lower() + r.label[1:])
                 for r in group.itertuples()]
        stale = " (the latest count our data holds)" if as_of.year < end.year - 1 else ""
        sentences.append(f"As of {day}{stale}, as published: {names(parts)}.")
    return " ".join(sentences)


def _cooperation(data: Dataset, start: pd.Timestamp, end: pd.Timestamp) -> SectionProgress:
    known = cooperation.support_known_by(data, end)
    if known.empty:
        return SectionProgress(Section.cooperation_and_assistance, "", "no figure published by the end of the period",
                               "No Landmine Monitor edition published by the end of the period gives support for "
                               "mine action in our data.", pd.DataFrame(), "", ())
    donor_years = known.loc[known["measure"] != "national", "year"]  # prefer a year with the donors' figure
    year = int((donor_years if len(donor_years) else known["year"]).max())
    latest = known[known["year"] == year].set_index("measure")
    words = {"international": "in international support", "national": "in national support by affected States",
             "total": "in all"}
    parts = [f"US${r.usd_million:,.1f} million {words[m]}" + (f" ({plural(int(r.donors), 'donor')})"
                                                              if m == "international" and pd.notna(r.donors) else "")
             for m, r in latest.iterrows()]
    editions = sorted(set(latest["edition"]))
    text = (f"Landmine Monitor {names(map(str, editions))} gave the support for mine action in {year}: "
            f"{names(parts)}.")
    donors = cooperation.largest_donors(data, year, end)
    if len(donors):
        text += f" Largest donors named: {names(donors['donor'])}."
    shown = known[known["year"].between(year - 2, year)]
    shown = shown.assign(measure=shown["measure"].map(data.describe("mine_action_support").field("measure").labels))
    table = shown[["year", "measure", "usd_million", "edition"]]
    indicator = f"{year}: " + "; ".join(f"US${r.usd_million:,.0f} million {m}" for m, r in latest.iterrows()) + \
        f" (LM {names(map(str, editions))})"
    return SectionProgress(Section.cooperation_and_assistance, "", indicator, text, readable(table),
                           "No support figure for these years.", (*shown["source_id"], *donors["source_id"]))


def _compliance(data: Dataset, end: pd.Timestamp) -> SectionProgress:
    counts = published_counts(data, Section.compliance, end)
    if counts.empty:
        return SectionProgress(Section.compliance, "", "no count published by the end of the period",
                               "No count of national implementation measures (Article 9) published by the end of "
                               "the period is compiled.", pd.DataFrame(), "", ())
    latest = counts[counts["as_of"] == counts["as_of"].max()]
    adopted = latest[latest["measure"] == "article9_legislation_adopted"]
    indicator = (f"{int(adopted['value'].iloc[0])} States Parties with implementing legislation" if len(adopted)
                 else "published counts") + f", as of {long_date(latest['as_of'].iloc[0])}"
    text = (_counts_text(data, latest, end) + " Our data holds these published counts only, not the measures of each "
            "State Party.")
    return SectionProgress(Section.compliance, "", indicator, text, pd.DataFrame(), "", tuple(latest["source_id"]))


def _transparency(data: Dataset, start: pd.Timestamp, end: pd.Timestamp) -> SectionProgress:
    status = data.treaty_status
    rates = action_plans.period_rates(data, start, end)
    due = transparency.initial_reports_due(data)
    due = due[due["initial_report_due"].between(start, end)].sort_values("initial_report_due")
    rate_texts = [f"{r.low:g}%" + (f" to {r.high:g}% (sources differ)" if r.high != r.low else "")
                  for r in rates.itertuples()]
    words = [f"{rate} for {year}" for rate, year in zip(rate_texts, rates["year"])]
    text = ((f"Initial Article 7 reports fell due in the period (180 days after entry into force) for "
             f"{plural(len(due), 'State Party', 'States Parties')}: {names(dated(due, 'initial_report_due'))}. "
             if len(due) else "No initial Article 7 report fell due in the period (180 days after entry into force). ")
            + f"Published rates of annual reporting, by calendar year covered: {names(words, none='none compiled')}.")
    overdue = transparency.initial_reports_overdue_named(data, end)
    if len(overdue):
        day = overdue["stated_on"].iloc[0]
        stale = " (the latest such statement our data holds)" if day.year < end.year - 1 else ""
        state_names = overdue["iso3"].map(status.set_index("iso3")["state"])
        publisher = data.sources.set_index("source_id").at[overdue["source_id"].iloc[0], "publisher"]
        text += (f" On {long_date(day)}{stale}, a statement by {publisher} (see Sources) named "
                 f"{plural(len(overdue), 'State Party', 'States Parties')} whose initial report was overdue: "
                 f"{names(state_names)}.")
    raw = transparency.rates_published_by(data, end)
    ids = [*raw.loc[raw["year"].isin(rates["year"]), "source_id"], *overdue["source_id"],
           *status.loc[status["iso3"].isin(due["iso3"]), "source_id"]]
    table = rates.assign(rate=rate_texts)[["year", "rate"]]
    indicator = "; ".join(words) or f"{len(due)} initial reports fell due; no published rate for these years"
    return SectionProgress(Section.transparency, "", indicator, text, readable(table.rename(columns={"rate": "reporting_rate"})),
                           "No published reporting rate for the calendar years whose reports fell due in the period.",
                           tuple(ids))


def _implementation_support(data: Dataset, start: pd.Timestamp, end: pd.Timestamp) -> SectionProgress:
    meetings = data.meetings
    held = meetings[meetings["start_date"].between(start, end)].sort_values("start_date")
    words = [f"the {r.name}, {r.place}, {long_date(r.start_date)} to {long_date(r.end_date)}" for r in held.itertuples()]
    text = (f"Meetings held in the period: {names(words, none='none')}. Our data holds the Meetings' dates, "
            "not the work of the Implementation Support Unit or the intersessional programme.")
    table = _dates(held, ["start_date", "end_date"])[["name", "place", "start_date", "end_date"]]
    return SectionProgress(Section.implementation_support, "", f"{plural(len(held), 'Meeting')} held", text,
                           readable(table), "No Meeting was held in the period.", tuple(held["source_id"]))


def sections(data: Dataset, start: DateLike, end: DateLike) -> list[SectionProgress]:
    """Every section of the plans for the period from ``start`` to ``end``, in the plans' order.

    A report asks for the same period's sections several times (overview, paragraphs, sources),
    so they are computed once per dataset and period."""
    return list(_sections(data, pd.Timestamp(start), pd.Timestamp(end)))


@lru_cache(maxsize=8)
def _sections(data: Dataset, start: pd.Timestamp, end: pd.Timestamp) -> tuple[SectionProgress, ...]:
    built = {
        Section.universalization: _universalization(data, start, end),
        Section.stockpile_destruction: _stockpiles(data, start, end),
        Section.clearing_mined_areas: _clearance(data, start, end),
        Section.assisting_victims: _victims(data, start, end),
        Section.cooperation_and_assistance: _cooperation(data, start, end),
        Section.compliance: _compliance(data, end),
        Section.transparency: _transparency(data, start, end),
        Section.implementation_support: _implementation_support(data, start, end),
    }
    labels = section_labels(data)
    return tuple(SectionProgress(**{**vars(built[code]), "title": label}) for code, label in labels.items())


def display_sections(data: Dataset, start: DateLike, end: DateLike, level: int = 2) -> None:
    """Show every section in a notebook: its heading (``level`` ``#``), paragraph, and table or
    the reason there is none. Both report notebooks call this, so they show the same thing."""
    from IPython.display import Markdown, display  # only where a report is displayed

    for part in sections(data, start, end):
        display(Markdown(f"{'#' * level} {part.title}\n\n{part.text}"))
        if part.empty_reason:
            display(table_or_note(part.table, part.empty_reason))


def overview(data: Dataset, start: DateLike, end: DateLike) -> pd.DataFrame:
    """One row per plan section, with readable headers: its heading, the actions of the plan in
    force at the end that belong to it (where a source states the range), the period's measured
    indicator and what our data covers."""
    plan = action_plans.plan_in_force(data, end)
    actions = {} if plan is None else action_plans.section_actions(data, plan["plan_id"])
    rows = [{"section": s.title, "actions": actions.get(s.section, "-"), "measured": s.indicator,
             "coverage": COVERAGE[s.section]} for s in sections(data, start, end)]
    return readable(pd.DataFrame(rows))


def period_text(data: Dataset, start: DateLike, end: DateLike, meeting: str = "") -> str:
    """The opening line of a progress report: the period, the meeting that closes it, the plan in force."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    meetings = data.meetings.set_index("meeting_id")
    closing = (f", reviewed by the {meetings.at[meeting, 'name']} ({meetings.at[meeting, 'place']})"
               if meeting else "")
    plan = action_plans.plan_in_force(data, end)
    in_force = (f"the **{plan['name']}**, adopted on {long_date(plan['adopted_date'])}" if plan is not None
                else "none (the first, the Nairobi Action Plan 2005-2009, was adopted on 3 December 2004)")
    return (f"**Period:** {long_date(start)} to {long_date(end)}{closing}. "
            f"**Action plan in force at its end:** {in_force}.")


def priorities_table(data: Dataset, end: DateLike) -> pd.DataFrame:
    """:func:`action_plans.priorities` with section headings and readable column headers."""
    table = action_plans.priorities(data, end)
    return readable(table.assign(section=table["section"].map(section_labels(data))))


def gaps_text(data: Dataset, end: DateLike) -> str:
    """The States whose Article 5 status our data cannot tell on ``end``, said as a gap."""
    gaps = action_plans.clearance_gaps(data, end)
    if gaps.empty:
        return ""
    return (f"Not compiled: for {names(gaps['state'])}, our data holds no Article 5 extension or completion "
            "after the last deadline it has (or an extension without its date or new deadline), so they are "
            "not listed as late or as falling due.")


def actions_table(data: Dataset, plan: pd.Series | None, start: DateLike, end: DateLike) -> pd.DataFrame:
    """The compiled actions of the plan in force with their status over the period, readable."""
    if plan is None:
        return pd.DataFrame()
    status = action_plans.action_status(data, plan["plan_id"], start, end)
    status = status.assign(section=status["section"].map(section_labels(data)))
    return readable(status[["action_number", "section", "summary", "status", "reason"]])


def actions_note(plan: pd.Series | None) -> str:
    """Why there is no action table: no plan in force, or none of its actions compiled yet."""
    if plan is None:
        return "No action plan was in force at the end of the period."
    total = "" if pd.isna(plan["actions_count"]) else f" of its {int(plan['actions_count'])} actions"
    return (f"None{total} is compiled in our data yet: the text of the {plan['name']} is not held. "
            "Adding its actions to data/plan_actions.csv (and their section ranges to data/plan_sections.csv) "
            "puts them here with no change to the code.")


def period_sources(data: Dataset, start: DateLike, end: DateLike) -> list[str]:
    """The sources of everything the sections state for the period, without repeats."""
    return list(dict.fromkeys(i for s in sections(data, start, end) for i in s.source_ids if pd.notna(i)))
