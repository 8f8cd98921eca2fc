"""Content of the annual progress report: parameters, key numbers and section tables.

The report notebook and the ``minebans report`` command both call these, so a
figure is computed in one place. Parameters are checked here before any
kernel starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from analysis import (
    action_plans,
    casualties,
    clearance,
    maps,
    metadata,
    plan_progress,
    plots,
    sources,
    stockpiles,
    transparency,
    treaty,
    unga,
    universalization,
)
from analysis.dates import long_date, parse_date
from analysis.errors import ParameterError
from analysis.text import dated, names, plural
from analysis.loaders import load_states, load_stockpile_destruction, load_treaty_status, load_unga_resolutions

FIRST_REPORT_YEAR = treaty.OPENED_FOR_SIGNATURE.year


@dataclass(frozen=True)
class ReportParameters:
    """Validated parameters of one annual report."""

    report_year: int
    as_of: pd.Timestamp
    region: str | None

    @property
    def year_start(self) -> pd.Timestamp:
        return pd.Timestamp(year=self.report_year, month=1, day=1)

    @property
    def edition(self) -> int:
        """The latest Landmine Monitor edition released by the report date (:func:`sources.monitor_edition_by`)."""
        return sources.monitor_edition_by(self.as_of)

    @property
    def folder_name(self) -> str:
        """Where under ``reports/`` this report goes: the year, then the region and the date
        where they are not the defaults (``2025``, ``2025-africa``, ``2025-as-of-2025-06-30``),
        so a regional or dated report never replaces the global year-end one."""
        parts = [str(self.report_year)]
        if self.region:
            parts.append(re.sub(r"[^a-z0-9]+", "-", self.region.casefold()).strip("-"))
        if self.as_of != default_as_of(self.report_year):
            parts.append(f"as-of-{self.as_of.date()}")
        return "-".join(parts)


def default_as_of(report_year: int) -> pd.Timestamp:
    """31 December of the report year, or the data's date if that is earlier."""
    return min(pd.Timestamp(year=report_year, month=12, day=31), sources.data_as_of())


def resolve_parameters(report_year: int, as_of: str | None = None, region: str | None = None) -> ReportParameters:
    """Check the parameters of an annual report and fill in defaults.

    ``as_of`` defaults to 31 December of the report year, or to the date the data
    was last checked against its sources if that is earlier.

    Raises:
        ParameterError: a year outside the data, an ``as_of`` outside the report
            year or after the data's date, or an unknown region.
    """
    data_date = sources.data_as_of()
    if isinstance(report_year, bool) or not isinstance(report_year, int):
        raise ParameterError(f"report_year must be a whole number, not {report_year!r}")
    if not FIRST_REPORT_YEAR <= report_year <= data_date.year:
        raise ParameterError(
            f"report_year {report_year} is outside the data ({FIRST_REPORT_YEAR}-{data_date.year})"
        )
    if as_of in (None, ""):
        day = default_as_of(report_year)
    else:
        day = parse_date(as_of, "as_of", latest=data_date, latest_is="the data's date")
        if day.year != report_year:
            raise ParameterError(f"as_of {as_of} is outside the report year {report_year}")
    return ReportParameters(report_year, day, resolve_region(region))


def report_regions() -> list[str]:
    """The Landmine Monitor regions a report can be restricted to (the data package's codes)."""
    return list(metadata.table("states").field("monitor_region").constraints["enum"])


def resolve_region(region: str | None) -> str | None:
    """A region as the data spells it, whatever the case of ``region``; None for no region.

    Raises:
        ParameterError: not one of :func:`report_regions`.
    """
    if region in ("", None):
        return None
    regions = report_regions()
    spelled = {name.casefold(): name for name in regions}
    if region.casefold() not in spelled:
        raise ParameterError(f"region {region!r} is not one of: {'; '.join(regions)}")
    return spelled[region.casefold()]


def _in_region(status: pd.DataFrame, region: str | None) -> pd.DataFrame:
    return status if region is None else status[status["monitor_region"] == region]


def key_numbers(params: ReportParameters, status: pd.DataFrame | None = None) -> pd.DataFrame:
    """The report's headline figures, one row each: indicator, value, basis."""
    status = _in_region(load_treaty_status() if status is None else status, params.region)
    counts = universalization.summary(params.as_of, status)
    joined_in_year = universalization.joined_between(params.year_start, params.as_of, status)
    took_effect = status["withdrawal_effective_date"].between(params.year_start, params.as_of)
    scope = params.region or "all 197 States"
    rows = [
        ("States Parties (joined)", counts["joined"], f"instrument deposited by {params.as_of.date()}"),
        ("Share of States that had joined", round(100 * counts["joined"] / counts["universe"], 1),
         f"percent of the {counts['universe']} States existing ({scope})"),
        ("States Parties (in force)", counts["in_force"], "Convention in force for the State (Art. 17)"),
        (f"Joined in {params.report_year}", len(joined_in_year), f"from {params.year_start.date()}"),
        ("Signatories that had not ratified", counts["signatories_not_ratified"], "signed, no instrument"),
        ("States not party", counts["not_party"], "including signatories and withdrawn States"),
        (f"Withdrawals taking effect in {params.report_year}", int(took_effect.sum()), "Art. 20(2)"),
        ("Withdrawals notified, not yet in effect", counts["withdrawal_pending"], "Art. 20(2)-(3)"),
    ]
    table = pd.DataFrame(rows, columns=["indicator", "value", "basis"])
    table["value"] = pd.Series([r[1] for r in rows], dtype=object)  # whole counts stay whole beside the share
    return table


def withdrawals(params: ReportParameters, status: pd.DataFrame | None = None) -> pd.DataFrame:
    """Withdrawal and suspension notifications up to the report date, with their effect on that date.

    Columns: ``state, notification, notified, takes_effect, effect_on_report_date``.
    """
    status = _in_region(load_treaty_status() if status is None else status, params.region)
    return universalization.notifications(params.as_of, status).rename(columns={"effect": "effect_on_report_date"})


def report_status(params: ReportParameters) -> pd.DataFrame:
    """The treaty-status table the report works on (one region's States if a region is set)."""
    return _in_region(load_treaty_status(), params.region)


def region_breakdown(params: ReportParameters, status: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Counts by Landmine Monitor region on the report date, or, for a regional report, by UN M49
    subregion within the region (one bar for the region would say nothing); with the chart title."""
    scheme = "monitor" if params.region is None else "m49_subregion"
    title = "Status by region" if params.region is None else f"Status in {params.region}, by UN M49 subregion"
    return universalization.by_region(params.as_of, scheme, status), title


def universalization_summary(params: ReportParameters, status: pd.DataFrame) -> str:
    """The universalization paragraph of the report, as Markdown."""
    counts = universalization.summary(params.as_of, status)
    day = long_date(params.as_of)
    joiners = universalization.joined_between(params.year_start, params.as_of, status)
    scope = f" in {params.region}" if params.region else ""
    text = (
        f"As of {day}, **{counts['joined']}** of the {counts['universe']} States{scope} had "
        f"joined the Convention (deposited an instrument of ratification, acceptance, approval, "
        f"accession or succession), and it was in force for **{counts['in_force']}** of them. "
        f"{plural(counts['signatories_not_ratified'], 'signatory', 'signatories')} had not ratified; "
        f"{plural(counts['not_party'], 'State was', 'States were')} not party.\n\n"
        + (f"In {params.report_year}, {plural(len(joiners), 'State')} joined: {names(dated(joiners, 'consent_date'))}."
           if len(joiners) else f"In {params.report_year}, no State joined.")
    )
    return text


def states_not_party_text(params: ReportParameters, status: pd.DataFrame) -> str:
    """States not party on the report date, by Landmine Monitor region, as a Markdown list."""
    outside = universalization.states_not_party(params.as_of, status)
    lines = []
    for region, group in outside.groupby("monitor_region", sort=True):
        names = ", ".join(
            f"{r.state} ({'signatory' if r.status == universalization.STATUS_LABELS['signatory'] else 'withdrawn'})"
            if r.status != universalization.STATUS_LABELS["non_signatory"] else r.state
            for r in group.itertuples()
        )
        lines.append(f"- **{region}** ({len(group)}): {names}")
    return "\n".join(lines) if lines else "None."


def casualties_summary(params: ReportParameters) -> str:
    """The casualties paragraph: the latest year recorded by the editions published by the report year."""
    row = casualties.latest_for_report(params.edition)
    if row is None:
        return (f"No Landmine Monitor edition published by {long_date(params.as_of)} records a global total "
                "in our data; early editions gave only an estimated range.")
    parts = [f"{int(row[c]):,} {label}" for c, label in
             (("killed", "killed"), ("injured", "injured"), ("status_unknown", "of unknown status"))
             if pd.notna(row[c])]
    detail = f" ({', '.join(parts)})" if parts else ""
    via = " as reported in a secondary source (see the source list)" if row["is_secondary"] else ""
    return (f"Landmine Monitor {row['edition']} recorded **{int(row['casualties']):,}** mine/ERW casualties "
            f"in {row['year']}{detail}{via}. Figures are as that edition published them; later editions "
            "may revise them.")


def casualties_figures(params: ReportParameters) -> list[Figure]:
    """Casualty figures from the editions published by the report year: the series as first
    published and as latest revised, civilian and child shares, and the most affected States."""
    latest = casualties.series("latest", up_to_edition=params.edition)
    if latest.empty:
        return []
    first = casualties.series("first", up_to_edition=params.edition)
    caption = sources.caption(pd.concat([latest, first])["source_id"],
                              "Landmine Monitor editions (data/casualties_global.csv)")
    figures = [plots.casualties_by_edition(
        latest, first, caption, f"Recorded mine/ERW casualties, editions published up to {params.edition}")]
    shares = casualties.series("latest", up_to_edition=params.edition, measure="civilian_pct")
    if len(shares) >= 2:
        figures.append(plots.casualty_shares(shares, sources.caption(shares["source_id"], "Landmine Monitor editions")))
    year = int(latest["year"].iloc[-1])
    top = casualties.most_affected(year, up_to_edition=params.edition)
    if not top.empty:
        edition = int(top["edition"].iloc[0])
        figures.append(plots.most_affected(
            top, load_states().set_index("iso3")["state"], sources.caption(top["source_id"], f"Landmine Monitor {edition}"),
            f"Most affected States in {year}, as Landmine Monitor {edition} names them"))
    return figures


def report_sources(params: ReportParameters, status: pd.DataFrame) -> list[str]:
    """Every source the report's figures rest on."""
    recorded = casualties.series("latest", up_to_edition=params.edition)
    first = casualties.series("first", up_to_edition=params.edition)
    stock = _stockpile_rows(params)
    remaining = stockpiles.load_stockpile_remaining()
    retained = stockpiles.load_retained_mines()
    resolutions = load_unga_resolutions()
    resolutions = resolutions[unga.session_year(resolutions["session"]) <= params.report_year]
    votes = unga.load_unga_votes()
    plan = action_plans.plan_in_force(params.as_of)
    extra = [*remaining.loc[remaining["as_of_date"] <= params.as_of, "source_id"],
             *retained.loc[retained["year"] < params.edition, "source_id"],
             *stockpiles.published_figures(params.as_of)["source_id"],
             *_report_states(clearance.load_clearance(), params)["source_id"],
             *clearance.granted_by(params.as_of)["source_id"],
             *transparency.load_transparency_rates(published_by=params.as_of)["source_id"],
             *resolutions["source_id"],
             *votes.loc[votes["session"].isin(resolutions["session"]), "source_id"],
             *([] if plan is None else [plan["source_id"]]),
             *plan_progress.period_sources(params.year_start, params.as_of)]
    return list(dict.fromkeys([*status["source_id"], *recorded["source_id"], *first["source_id"],
                               *stock["source_id"].dropna(), *extra]))


def _report_states(table: pd.DataFrame, params: ReportParameters) -> pd.DataFrame:
    """Rows of a per-State table for the States the report covers (one region's, if set)."""
    return table if params.region is None else table[table["iso3"].isin(report_status(params)["iso3"])]


def _stockpile_rows(params: ReportParameters) -> pd.DataFrame:
    return _report_states(load_stockpile_destruction(), params)


def stockpile_summary(params: ReportParameters) -> str:
    """The stockpile-destruction paragraph, as Markdown."""
    table = _stockpile_rows(params)
    status = report_status(params)
    n = stockpiles.counts(params.as_of, table, status)
    missed = stockpiles.missed_deadlines(params.as_of, table)
    holding = missed[missed["still_holding"]]
    remaining = stockpiles.remaining_on(params.as_of).set_index("iso3")
    lines = [
        f"Of the States Parties on {long_date(params.as_of)}, our per-State records hold **{n['destroyed']}** "
        f"that had completed the destruction of their stockpiles, **{n['destroying']}** still destroying and "
        f"{n['never_held']} that declared never holding one; for {n['unknown']} our data has no record, or no "
        "completion date, yet (*not compiled* on the map: most of them never held stocks).",
    ]
    published = stockpiles.published_figures(params.as_of).set_index("quantity")
    counted = [(q, words) for q, words in PUBLISHED_STOCKPILE_COUNTS.items() if q in published.index]
    if counted and params.region is None:
        by_source: dict[str, list[str]] = {}
        for q, words in counted:
            by_source.setdefault(published.at[q, "source_id"], []).append(f"{int(published.at[q, 'value'])} {words}")
        parts = [f"{names(said)} ({sources.reference(source)})" for source, said in by_source.items()]
        lines.append(f"The latest counts published by then: {'; '.join(parts)}.")
    if len(holding):
        items = []
        for r in holding.itertuples():
            stock = (f"; {int(remaining.at[r.iso3, 'mines_remaining']):,} mines reported remaining in the latest "
                     f"figure, of {remaining.at[r.iso3, 'as_of_date'].year}" if r.iso3 in remaining.index else "")
            items.append(f"{r.state} (deadline {long_date(r.article4_deadline)}, {r.days_late:,} days late{stock})")
        lines.append("States Parties past their Article 4 deadline and still holding stocks: " + "; ".join(items) + ".")
    else:
        lines.append("No State Party was past its Article 4 deadline with stocks remaining.")
    if "mines_destroyed_total" in published.index and params.region is None:
        row = published.loc["mines_destroyed_total"]
        age = (params.as_of - row["as_of_date"]).days // 365
        stale = f", {plural(age, 'year')} before the report date: the latest our data holds" if age >= 1 else ""
        lines.append(f"The latest published global total by then: more than {int(row['value']):,} stockpiled "
                     f"mines destroyed ({long_date(row['as_of_date'])}{stale}; {sources.reference(row['source_id'])}).")
    return "\n\n".join(lines)


#: Published stockpile counts the report quotes beside our per-State records, in report words.
PUBLISHED_STOCKPILE_COUNTS = {
    "states_completed_destruction": "States Parties had completed destruction",
    "states_never_possessed": "had declared never possessing anti-personnel mines",
    "states_with_stocks_remaining": "still had stocks to destroy",
}


def stockpile_figures(params: ReportParameters) -> list[Figure]:
    """Stockpile map, deadline timeline, remaining stocks of late States, retained mines; as of the
    report date, for the report's States."""
    status = report_status(params)
    figures = [maps.stockpile_map(params.as_of, _stockpile_rows(params), status, region=params.region)]
    table = _stockpile_rows(params)
    joined = set(universalization.states_parties(params.as_of, "joined", status))
    table = table[table["iso3"].isin(joined)]
    names = load_states().set_index("iso3")["state"]
    caption = sources.caption(table["source_id"].dropna(), "stockpile records (data/stockpile_status.csv)")
    known = stockpiles.as_known_on(params.as_of, table)
    figures.append(plots.stockpile_deadlines(known, stockpiles.late_on(params.as_of, known), params.as_of, caption))
    remaining = stockpiles.load_stockpile_remaining()
    remaining = remaining[(remaining["as_of_date"] <= params.as_of) & remaining["iso3"].isin(table["iso3"])]
    if not remaining.empty:
        figures.append(plots.remaining_stocks(
            remaining, names, sources.caption(remaining["source_id"], "data/stockpile_remaining.csv")))
    retained = stockpiles.load_retained_mines()
    retained = retained[(retained["year"] < params.edition) & retained["iso3"].isin(table["iso3"])]
    if not retained.empty:
        figures.append(plots.retained_mines(
            stockpiles.retained_by_year(retained, top=8), names,
            sources.caption(retained["source_id"], "data/retained_mines.csv")))
    return figures


def status_maps(params: ReportParameters) -> list[Figure]:
    """The status map on the report date, and small multiples at each Review Conference year up to it."""
    status = report_status(params)
    figures = [maps.status_map(params.as_of, status, region=params.region)]
    dates = [pd.Timestamp(d) for d in maps.DEFAULT_DATES if pd.Timestamp(d) < params.as_of]
    if dates:
        figures.append(maps.status_small_multiples([*dates, params.as_of], status, region=params.region))
    return figures


def clearance_summary(params: ReportParameters) -> str:
    """The clearance paragraph, as Markdown."""
    table = _report_states(clearance.load_clearance(), params)
    n = clearance.counts(params.as_of, table)
    completed = clearance.status_on(params.as_of, table)
    in_year = completed[completed["completion_date"].between(params.year_start, params.as_of)]
    gaps = sum(n[status] for status in clearance.GAP_STATUSES)
    return (
        f"Of the {sum(n.values())} States Parties in our data bound by Article 5 on "
        f"{long_date(params.as_of)}, **{n['completed']}** had declared completion, "
        f"{n['reopened']} had declared it but since reported newly found mined areas, and "
        f"{n['clearing']} were clearing within their deadline. "
        + (f"For {plural(gaps, 'State')}, our data holds no extension or completion after the last deadline it "
           "has, or an extension without its date or new deadline: a gap in our data, not a finding that they are "
           "late (named under Action plan). " if gaps else "")
        + f"Declared completion in {params.report_year}: {names(in_year['state'], none='none recorded')}. "
        "Original deadlines are derived: entry into force plus ten years."
    )


def clearance_and_transparency_figures(params: ReportParameters) -> list[Figure]:
    """Clearance deadline timeline and the published Article 7 reporting rates, up to the report date."""
    table = _report_states(clearance.load_clearance(), params)
    bound = table[table["entry_into_force_date"] <= params.as_of].copy()
    later = bound["completion_date"] > params.as_of
    bound.loc[later, "completion_date"] = pd.NaT
    extensions = clearance.granted_by(params.as_of)
    figures = []
    if not bound.empty:
        figures.append(plots.clearance_deadlines(
            bound, extensions, params.as_of,
            sources.caption([*bound["source_id"], *extensions["source_id"]], "data/clearance*.csv")))
    raw = transparency.load_transparency_rates(published_by=params.as_of)
    rates = transparency.reporting_rate(raw)
    if not rates.empty:
        figures.append(plots.reporting_rate(rates, sources.caption(raw["source_id"], "data/transparency_rates.csv")))
    return figures


def action_plan_summary(params: ReportParameters) -> str:
    """The action plan paragraph, as Markdown: the plan in force and its actions' status over the year."""
    plan = action_plans.plan_in_force(params.as_of)
    if plan is None:
        return (f"No action plan was in force on {long_date(params.as_of)}; the first, the "
                "Nairobi Action Plan 2005-2009, was adopted at the First Review Conference on 3 December 2004.")
    status = action_plans.action_status(plan["plan_id"], params.year_start, params.as_of)
    n = status["status"].value_counts()
    total = "" if pd.isna(plan["actions_count"]) else f" of its {int(plan['actions_count'])} actions"
    if status.empty:
        outcome = f"None{total} is compiled in our data yet, so the section indicators below stand alone."
    else:
        outcome = (f"{len(status)}{total} are compiled in our data; over {params.year_start.date()} to "
                   f"{params.as_of.date()}, **{n.get('achieved', 0)}** were achieved, {n.get('not achieved', 0)} "
                   f"not achieved, and {n.get('not measurable from our data', 0)} are not measurable from our data.")
    return (
        f"In force: the **{plan['name']}**, adopted on {long_date(plan['adopted_date'])} at the "
        f"{plan['adopted_at']}. {outcome} The plan applies to all States Parties, so the indicators below "
        "are global; the priorities name the report's States only."
    )


def action_plan_overview(params: ReportParameters) -> pd.DataFrame:
    """The plan's sections and what the year's indicators say of each (readable headers)."""
    return plan_progress.overview(params.year_start, params.as_of)


def action_plan_priorities(params: ReportParameters) -> pd.DataFrame:
    """Deadlines falling due in the twelve months after the report date, and those passed by it,
    for the report's States (readable headers)."""
    return plan_progress.priorities_table(params.as_of, iso3=_report_iso3(params))


def action_plan_gaps(params: ReportParameters) -> str:
    """The report's States whose Article 5 status our data cannot tell on the report date."""
    return plan_progress.gaps_text(params.as_of, iso3=_report_iso3(params))


def _report_iso3(params: ReportParameters) -> set[str] | None:
    return None if params.region is None else set(report_status(params)["iso3"])


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def unga_summary(params: ReportParameters) -> str:
    """The General Assembly paragraph, as Markdown: the year's resolution, its vote, and the
    States not party that voted in favour."""
    table = unga.resolutions()
    session = params.report_year - unga.SESSION_YEAR_OFFSET
    row = table[table["session"] == session]
    if row.empty or pd.isna(row["symbol"].iloc[0]):
        return f"The resolution of the {_ordinal(session)} session ({params.report_year}) is not compiled in our data."
    row = row.iloc[0]
    adopted = row["adoption_date"]
    if pd.notna(adopted) and adopted > params.as_of:
        return (f"The resolution of the {_ordinal(session)} session, {row['symbol']}, was adopted on "
                f"{long_date(adopted)}, after the report date.")
    when = f"on {long_date(adopted)}" if pd.notna(adopted) else "(adoption date not compiled)"
    text = f"The General Assembly adopted resolution **{row['symbol']}** {when}"
    if pd.isna(row["in_favour"]):
        text += "; its recorded vote is not compiled in our data."
    else:
        basis = ("as published" if row["vote_basis"] == "published"
                 else "counted from how each State voted, in a copy of the UN voting records")
        text += (f", by {row['in_favour']} votes to {row['against']}, with {row['abstaining']} abstentions "
                 f"({basis}).")
    if pd.notna(row["states_parties_stated"]):
        text += f" Its text counts {row['states_parties_stated']} States that had accepted the Convention."
    if pd.notna(adopted) and (unga.load_unga_votes()["session"] == session).any():
        names = unga.non_parties_in_favour(session)
        text += (f" States not party that voted in favour ({len(names)}): {', '.join(names) or 'none'}."
                 " The vote is global, not restricted to a region.")
    return text


def unga_figures(params: ReportParameters) -> list[Figure]:
    """Votes on the yearly resolution, up to the report year: split by party status where
    per-State votes are compiled, else the recorded totals."""
    composition = unga.vote_series()
    composition = composition[composition["year"] <= params.report_year]
    if composition.empty:
        return []
    table = unga.load_unga_resolutions()
    ids = [*unga.load_unga_votes()["source_id"], *table.loc[table["session"].isin(composition["session"]), "source_id"]]
    return [plots.unga_votes(composition, sources.caption(ids, "data/unga_votes.csv, data/unga_resolutions.csv"),
                             params.report_year)]
