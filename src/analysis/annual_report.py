"""The annual progress report: parameters, then every paragraph, table and figure, each with the
sources of the rows it used.

:class:`AnnualReport` is the report layer between the indicators and the notebook: tables in,
text, figures and citations out. The notebook shows what it returns, and the
``minebans report`` command checks its parameters (:func:`resolve_parameters`) before the notebook
runs. A regional report works on the region's view of the data (:meth:`Dataset.for_states`);
the parts that are global by nature (casualties, the action plan's sections, the General
Assembly vote) use the whole dataset and say so.

>>> report = AnnualReport.for_year(Dataset.load(), 2025)
>>> report.universalization_summary()      # Markdown
>>> report.bibliography()                  # the sources of everything shown so far
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pandas as pd
from matplotlib.figure import Figure

from analysis import (
    action_plans,
    casualties,
    clearance,
    maps,
    plan_progress,
    plots,
    sources,
    stockpiles,
    transparency,
    treaty,
    unga,
    universalization,
)
from analysis.dataset import Dataset
from analysis.dates import long_date, parse_date
from analysis.errors import ParameterError
from analysis.published import StockpileQuantity
from analysis.text import dated, names, plural

FIRST_REPORT_YEAR = treaty.OPENED_FOR_SIGNATURE.year


@dataclass(frozen=True)
class ReportParameters:
    """Validated parameters of one annual report (:func:`resolve_parameters`)."""

    report_year: int
    as_of: pd.Timestamp
    region: str | None
    #: The latest Landmine Monitor edition released by the report date (:func:`sources.monitor_edition_by`).
    edition: int
    #: Whether ``as_of`` is the default date (:func:`default_as_of`), not one asked for.
    default_date: bool = True

    @property
    def year_start(self) -> pd.Timestamp:
        return pd.Timestamp(year=self.report_year, month=1, day=1)

    @property
    def folder_name(self) -> str:
        """Where under ``reports/`` this report goes: the year, then the region and the date
        where they are not the defaults (``2025``, ``2025-africa``, ``2025-as-of-2025-06-30``),
        so a regional or dated report never replaces the global year-end one."""
        parts = [str(self.report_year)]
        if self.region:
            parts.append(re.sub(r"[^a-z0-9]+", "-", self.region.casefold()).strip("-"))
        if not self.default_date:
            parts.append(f"as-of-{self.as_of.date()}")
        return "-".join(parts)


def default_as_of(data: Dataset, report_year: int) -> pd.Timestamp:
    """31 December of the report year, or the data's date if that is earlier."""
    return min(pd.Timestamp(year=report_year, month=12, day=31), data.data_as_of)


def resolve_parameters(data: Dataset, report_year: int, as_of: str | None = None,
                       region: str | None = None) -> ReportParameters:
    """Check the parameters of an annual report and fill in defaults.

    ``as_of`` defaults to 31 December of the report year, or to the date the data
    was last checked against its sources if that is earlier.

    Raises:
        ParameterError: a year outside the data, an ``as_of`` outside the report
            year or after the data's date, or an unknown region.
    """
    data_date = data.data_as_of
    if isinstance(report_year, bool) or not isinstance(report_year, int):
        raise ParameterError(f"report_year must be a whole number, not {report_year!r}")
    if not FIRST_REPORT_YEAR <= report_year <= data_date.year:
        raise ParameterError(
            f"report_year {report_year} is outside the data ({FIRST_REPORT_YEAR}-{data_date.year})"
        )
    default = default_as_of(data, report_year)
    if as_of in (None, ""):
        day = default
    else:
        day = parse_date(as_of, "as_of", latest=data_date, latest_is="the data's date")
        if day.year != report_year:
            raise ParameterError(f"as_of {as_of} is outside the report year {report_year}")
    return ReportParameters(report_year, day, resolve_region(data, region), sources.monitor_edition_by(data, day),
                            day == default)


def report_regions(data: Dataset) -> list[str]:
    """The Landmine Monitor regions a report can be restricted to (the data package's codes)."""
    return list(data.describe("states").field("monitor_region").codes)


def resolve_region(data: Dataset, region: str | None) -> str | None:
    """A region as the data spells it, whatever the case of ``region``; None for no region.

    Raises:
        ParameterError: not one of :func:`report_regions`.
    """
    if region in ("", None):
        return None
    regions = report_regions(data)
    spelled = {name.casefold(): name for name in regions}
    if region.casefold() not in spelled:
        raise ParameterError(f"region {region!r} is not one of: {'; '.join(regions)}")
    return spelled[region.casefold()]


@cache
def _shapes(data: Dataset) -> maps.Shapes:
    """The dataset's geometry projected once, for every map of every report on it."""
    return maps.project(data.geometry, data.other_areas)


@cache
def _vote_series(data: Dataset) -> pd.DataFrame:
    """The votes on every resolution, each State's party status taken on its adoption date: the same
    for every report year, so computed once per dataset (callers select rows, never modify them)."""
    return unga.vote_series(data)


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


#: Published stockpile counts the report quotes beside our per-State records, in report words.
PUBLISHED_STOCKPILE_COUNTS = {
    StockpileQuantity.states_completed_destruction: "States Parties had completed destruction",
    StockpileQuantity.states_never_possessed: "had declared never possessing anti-personnel mines",
    StockpileQuantity.states_with_stocks_remaining: "still had stocks to destroy",
}


class AnnualReport:
    """The content of one annual report on a dataset.

    ``data`` is the report's States (the region's view where a region is set), ``everything``
    the whole dataset, for the global parts. Every part records the sources of the rows it
    used, so :meth:`bibliography` lists exactly what the parts shown so far rest on.
    """

    def __init__(self, data: Dataset, params: ReportParameters) -> None:
        self.params = params
        self.everything = data
        if params.region is None:
            self.data = data
        else:
            status = data.treaty_status
            self.data = data.for_states(status.loc[status["monitor_region"] == params.region, "iso3"])
        self.cited: list[str] = []

    @classmethod
    def for_year(cls, data: Dataset, report_year: int, as_of: str | None = None,
                 region: str | None = None) -> AnnualReport:
        """The report for ``report_year`` (:func:`resolve_parameters` checks the parameters)."""
        return cls(data, resolve_parameters(data, report_year, as_of, region))

    # -- citations ------------------------------------------------------------------------------

    def _cite(self, source_ids: Iterable[str]) -> list[str]:
        ids = [i for i in source_ids if pd.notna(i)]
        self.cited.extend(i for i in ids if i not in self.cited)
        return ids

    def _caption(self, source_ids: Iterable[str], what: str) -> str:
        return sources.caption(self.data, self._cite(source_ids), what)

    def _reference(self, source_id: str) -> str:
        self._cite([source_id])
        return sources.reference(self.data, source_id)

    def bibliography(self) -> str:
        """The sources of every part shown so far, as a Markdown list."""
        return sources.bibliography(self.data, self.cited)

    def _cite_status(self) -> pd.DataFrame:
        """The report's treaty-status rows, cited: every treaty count rests on all of them."""
        status = self.data.treaty_status
        self._cite(status["source_id"])
        return status

    def _treaty_caption(self) -> str:
        return self._caption(self._cite_status()["source_id"], "treaty actions (data/treaty_actions.csv)")

    # -- universalization -----------------------------------------------------------------------

    def key_numbers(self) -> pd.DataFrame:
        """The report's headline figures, one row each: ``indicator, value, basis``."""
        p, status = self.params, self._cite_status()
        counts = universalization.summary(self.data, p.as_of)
        joined_in_year = universalization.joined_between(self.data, p.year_start, p.as_of)
        took_effect = status["withdrawal_effective_date"].between(p.year_start, p.as_of)
        scope = p.region or "all 197 States"
        rows = [
            ("States Parties (joined)", counts["joined"], f"instrument deposited by {p.as_of.date()}"),
            ("Share of States that had joined", round(100 * counts["joined"] / counts["universe"], 1),
             f"percent of the {counts['universe']} States existing ({scope})"),
            ("States Parties (in force)", counts["in_force"], "Convention in force for the State (Art. 17)"),
            (f"Joined in {p.report_year}", len(joined_in_year), f"from {p.year_start.date()}"),
            ("Signatories that had not ratified", counts["signatories_not_ratified"], "signed, no instrument"),
            ("States not party", counts["not_party"], "including signatories and withdrawn States"),
            (f"Withdrawals taking effect in {p.report_year}", int(took_effect.sum()), "Art. 20(2)"),
            ("Withdrawals notified, not yet in effect", counts["withdrawal_pending"], "Art. 20(2)-(3)"),
        ]
        table = pd.DataFrame(rows, columns=["indicator", "value", "basis"])
        table["value"] = pd.Series([r[1] for r in rows], dtype=object)  # whole counts stay whole beside the share
        return table

    def universalization_summary(self) -> str:
        """The universalization paragraph, as Markdown."""
        p = self.params
        self._cite_status()
        counts = universalization.summary(self.data, p.as_of)
        joiners = universalization.joined_between(self.data, p.year_start, p.as_of)
        scope = f" in {p.region}" if p.region else ""
        return (
            f"As of {long_date(p.as_of)}, **{counts['joined']}** of the {counts['universe']} States{scope} had "
            f"joined the Convention (deposited an instrument of ratification, acceptance, approval, "
            f"accession or succession), and it was in force for **{counts['in_force']}** of them. "
            f"{plural(counts['signatories_not_ratified'], 'signatory', 'signatories')} had not ratified; "
            f"{plural(counts['not_party'], 'State was', 'States were')} not party.\n\n"
            + (f"In {p.report_year}, {plural(len(joiners), 'State')} joined: {names(dated(joiners, 'consent_date'))}."
               if len(joiners) else f"In {p.report_year}, no State joined.")
        )

    def states_parties_figure(self) -> Figure:
        """States Parties at the end of each year since 1997, up to the report date."""
        p = self.params
        series = universalization.yearly_series(self.data, range(1997, p.report_year + 1), today=p.as_of)
        return plots.states_parties_over_time(series, self._treaty_caption(), p.report_year)

    def status_maps(self) -> list[Figure]:
        """The status map on the report date, and small multiples at each Review Conference year before it."""
        p, shapes, caption = self.params, _shapes(self.everything), self._treaty_caption()
        figures = [maps.status_map(universalization.status_on(self.data, p.as_of), p.as_of, shapes, caption,
                                   region=p.region)]
        dates = [pd.Timestamp(d) for d in maps.DEFAULT_DATES if pd.Timestamp(d) < p.as_of]
        if dates:
            statuses = [(d, universalization.status_on(self.data, d)) for d in [*dates, p.as_of]]
            figures.append(maps.status_small_multiples(statuses, shapes, caption, region=p.region))
        return figures

    def region_breakdown(self) -> tuple[Figure, pd.DataFrame]:
        """Counts by Landmine Monitor region on the report date, or, for a regional report, by UN M49
        subregion within the region (one bar for the region would say nothing): the chart and its table."""
        p = self.params
        scheme = "monitor" if p.region is None else "m49_subregion"
        title = "Status by region" if p.region is None else f"Status in {p.region}, by UN M49 subregion"
        regions = universalization.by_region(self.data, p.as_of, scheme)
        return plots.status_by_region(regions, self._treaty_caption(), p.as_of, title), regions

    def states_not_party_text(self) -> str:
        """States not party on the report date, by Landmine Monitor region, as a Markdown list."""
        outside = universalization.states_not_party(self.data, self.params.as_of)
        self._cite_status()
        labels = universalization.STATUS_LABELS
        lines = []
        for region, group in outside.groupby("monitor_region", sort=True):
            listed = ", ".join(
                f"{r.state} ({'signatory' if r.status == labels['signatory'] else 'withdrawn'})"
                if r.status != labels["non_signatory"] else r.state
                for r in group.itertuples()
            )
            lines.append(f"- **{region}** ({len(group)}): {listed}")
        return "\n".join(lines) if lines else "None."

    def withdrawals(self) -> pd.DataFrame:
        """Withdrawal and suspension notifications up to the report date, with their effect on that date.

        Columns: ``state, notification, notified, takes_effect, effect_on_report_date``.
        """
        self._cite_status()
        return (universalization.notifications(self.data, self.params.as_of)
                .rename(columns={"effect": "effect_on_report_date"}))

    def deposits_figure(self) -> Figure:
        """Instruments deposited per year, up to the report date."""
        p = self.params
        return plots.deposits_per_year(universalization.deposits_per_year(self.data, p.as_of),
                                       self._treaty_caption(), p.report_year)

    # -- stockpiles -----------------------------------------------------------------------------

    def stockpile_summary(self) -> str:
        """The stockpile-destruction paragraph, as Markdown."""
        p, data = self.params, self.data
        n = stockpiles.counts(data, p.as_of)
        joined = universalization.states_parties(data, p.as_of, "joined")
        self._cite(data.stockpile_destruction.loc[lambda t: t["iso3"].isin(joined), "source_id"])
        missed = stockpiles.missed_deadlines(data, p.as_of)
        holding = missed[missed["still_holding"]]
        remaining = stockpiles.remaining_on(data, p.as_of).set_index("iso3")
        lines = [
            f"Of the States Parties on {long_date(p.as_of)}, our per-State records hold **{n['destroyed']}** "
            f"that had completed the destruction of their stockpiles, **{n['destroying']}** still destroying and "
            f"{n['never_held']} that declared never holding one; for {n['unknown']} our data has no record, or no "
            "completion date, yet (*not compiled* on the map: most of them never held stocks).",
        ]
        published = stockpiles.published_figures(data, p.as_of).set_index("quantity")
        counted = [(q, words) for q, words in PUBLISHED_STOCKPILE_COUNTS.items() if q in published.index]
        if counted and p.region is None:
            by_source: dict[str, list[str]] = {}
            for q, words in counted:
                by_source.setdefault(published.at[q, "source_id"], []).append(f"{int(published.at[q, 'value'])} {words}")
            parts = [f"{names(said)} ({self._reference(source)})" for source, said in by_source.items()]
            lines.append(f"The latest counts published by then: {'; '.join(parts)}.")
        if len(holding):
            items = []
            for r in holding.itertuples():
                stock = ""
                if r.iso3 in remaining.index:
                    self._cite([remaining.at[r.iso3, "source_id"]])
                    stock = (f"; {int(remaining.at[r.iso3, 'mines_remaining']):,} mines reported remaining in the "
                             f"latest figure, of {remaining.at[r.iso3, 'as_of_date'].year}")
                items.append(f"{r.state} (deadline {long_date(r.article4_deadline)}, {r.days_late:,} days late{stock})")
            lines.append("States Parties past their Article 4 deadline and still holding stocks: "
                         + "; ".join(items) + ".")
        else:
            lines.append("No State Party was past its Article 4 deadline with stocks remaining.")
        if StockpileQuantity.mines_destroyed_total in published.index and p.region is None:
            row = published.loc[StockpileQuantity.mines_destroyed_total]
            age = (p.as_of - row["as_of_date"]).days // 365
            stale = f", {plural(age, 'year')} before the report date: the latest our data holds" if age >= 1 else ""
            lines.append(f"The latest published global total by then: more than {int(row['value']):,} stockpiled "
                         f"mines destroyed ({long_date(row['as_of_date'])}{stale}; "
                         f"{self._reference(row['source_id'])}).")
        return "\n\n".join(lines)

    def stockpile_figures(self) -> list[Figure]:
        """Stockpile map, deadline timeline, remaining stocks of late States, retained mines; as of the
        report date, for the report's States."""
        p, data = self.params, self.data
        joined = set(universalization.states_parties(data, p.as_of, "joined"))
        table = data.stockpile_destruction
        table = table[table["iso3"].isin(joined)]
        caption = self._caption(table["source_id"].dropna(), "stockpile records (data/stockpile_status.csv)")
        figures = [maps.stockpile_map(stockpiles.status_on(data, p.as_of), data.states["iso3"], p.as_of,
                                      _shapes(self.everything), caption, region=p.region)]
        names_by_iso3 = data.states.set_index("iso3")["state"]
        known = stockpiles.as_known_on(table, p.as_of)
        figures.append(plots.stockpile_deadlines(known, stockpiles.late_on(known, p.as_of), p.as_of, caption))
        remaining = data.stockpile_remaining
        remaining = remaining[(remaining["as_of_date"] <= p.as_of) & remaining["iso3"].isin(table["iso3"])]
        if not remaining.empty:
            figures.append(plots.remaining_stocks(
                remaining, names_by_iso3, self._caption(remaining["source_id"], "data/stockpile_remaining.csv")))
        retained = data.retained_mines
        retained = retained[(retained["year"] < p.edition) & retained["iso3"].isin(table["iso3"])]
        if not retained.empty:
            figures.append(plots.retained_mines(
                stockpiles.retained_by_year(retained, top=8), names_by_iso3,
                self._caption(retained["source_id"], "data/retained_mines.csv")))
        return figures

    # -- clearance and transparency -------------------------------------------------------------

    def clearance_summary(self) -> str:
        """The clearance paragraph, as Markdown."""
        p = self.params
        n = clearance.counts(self.data, p.as_of)
        status = clearance.status_on(self.data, p.as_of)
        self._cite(self.data.clearance_obligations.loc[lambda t: t["iso3"].isin(status["iso3"]), "source_id"])
        in_year = status[status["completion_date"].between(p.year_start, p.as_of)]
        gaps = sum(n[s] for s in clearance.GAP_STATUSES)
        return (
            f"Of the {sum(n.values())} States Parties in our data bound by Article 5 on "
            f"{long_date(p.as_of)}, **{n['completed']}** had declared completion, "
            f"{n['reopened']} had declared it but since reported newly found mined areas, and "
            f"{n['clearing']} were clearing within their deadline. "
            + (f"For {plural(gaps, 'State')}, our data holds no extension or completion after the last deadline "
               "it has, or an extension without its date or new deadline: a gap in our data, not a finding that "
               "they are late (named under Action plan). " if gaps else "")
            + f"Declared completion in {p.report_year}: {names(in_year['state'], none='none recorded')}. "
            "Original deadlines are derived: entry into force plus ten years."
        )

    def clearance_and_transparency_figures(self) -> list[Figure]:
        """Clearance deadline timeline and the published Article 7 reporting rates, up to the report date."""
        p = self.params
        table = self.data.clearance_obligations
        bound = table[table["entry_into_force_date"] <= p.as_of].copy()
        bound.loc[bound["completion_date"] > p.as_of, "completion_date"] = pd.NaT
        extensions = clearance.granted_by(self.data, p.as_of)
        extensions = extensions[extensions["iso3"].isin(bound["iso3"])]
        figures = []
        if not bound.empty:
            figures.append(plots.clearance_deadlines(
                bound, extensions, p.as_of,
                self._caption([*bound["source_id"], *extensions["source_id"]], "data/clearance*.csv")))
        raw = transparency.rates_published_by(self.data, p.as_of)
        rates = transparency.reporting_rate(raw)
        if not rates.empty:
            figures.append(plots.reporting_rate(rates, self._caption(raw["source_id"], "data/transparency_rates.csv")))
        return figures

    # -- casualties (global) --------------------------------------------------------------------

    def casualties_summary(self) -> str:
        """The casualties paragraph: the latest year recorded by the editions published by the report date."""
        p = self.params
        row = casualties.latest_for_report(self.everything, p.edition)
        if row is None:
            return (f"No Landmine Monitor edition published by {long_date(p.as_of)} records a global total "
                    "in our data; early editions gave only an estimated range.")
        self._cite([row["source_id"]])
        parts = [f"{int(row[c]):,} {label}" for c, label in
                 (("killed", "killed"), ("injured", "injured"), ("status_unknown", "of unknown status"))
                 if pd.notna(row[c])]
        detail = f" ({', '.join(parts)})" if parts else ""
        via = " as reported in a secondary source (see the source list)" if row["is_secondary"] else ""
        return (f"Landmine Monitor {row['edition']} recorded **{int(row['casualties']):,}** mine/ERW casualties "
                f"in {row['year']}{detail}{via}. Figures are as that edition published them; later editions "
                "may revise them.")

    def casualties_figures(self) -> list[Figure]:
        """Casualty figures from the editions published by the report date: the series as first
        published and as latest revised, civilian and child shares, and the most affected States."""
        p, data = self.params, self.everything
        latest = casualties.series(data, "latest", up_to_edition=p.edition)
        if latest.empty:
            return []
        first = casualties.series(data, "first", up_to_edition=p.edition)
        caption = self._caption(pd.concat([latest, first])["source_id"],
                                "Landmine Monitor editions (data/casualties_global.csv)")
        figures = [plots.casualties_by_edition(
            latest, first, caption, f"Recorded mine/ERW casualties, editions published up to {p.edition}")]
        shares = casualties.series(data, "latest", up_to_edition=p.edition, measure="civilian_pct")
        if len(shares) >= 2:
            figures.append(plots.casualty_shares(shares, self._caption(shares["source_id"], "Landmine Monitor editions")))
        year = int(latest["year"].iloc[-1])
        top = casualties.most_affected(data, year, up_to_edition=p.edition)
        if not top.empty:
            edition = int(top["edition"].iloc[0])
            figures.append(plots.most_affected(
                top, data.states.set_index("iso3")["state"],
                self._caption(top["source_id"], f"Landmine Monitor {edition}"),
                f"Most affected States in {year}, as Landmine Monitor {edition} names them"))
        return figures

    # -- action plan ----------------------------------------------------------------------------

    def action_plan_summary(self) -> str:
        """The action plan paragraph, as Markdown: the plan in force and its actions' status over the year."""
        p = self.params
        plan = action_plans.plan_in_force(self.everything, p.as_of)
        if plan is None:
            return (f"No action plan was in force on {long_date(p.as_of)}; the first, the "
                    "Nairobi Action Plan 2005-2009, was adopted at the First Review Conference on 3 December 2004.")
        self._cite(action_plans.plan_sources(self.everything, plan["plan_id"]))
        status = action_plans.action_status(self.everything, plan["plan_id"], p.year_start, p.as_of)
        n = status["status"].value_counts()
        total = "" if pd.isna(plan["actions_count"]) else f" of its {int(plan['actions_count'])} actions"
        if status.empty:
            outcome = f"None{total} is compiled in our data yet, so the section indicators below stand alone."
        else:
            outcome = (f"{len(status)}{total} are compiled in our data; over {p.year_start.date()} to "
                       f"{p.as_of.date()}, **{n.get('achieved', 0)}** were achieved, {n.get('not achieved', 0)} "
                       f"not achieved, and {n.get('not measurable from our data', 0)} are not measurable from our "
                       "data.")
        return (
            f"In force: the **{plan['name']}**, adopted on {long_date(plan['adopted_date'])} at the "
            f"{plan['adopted_at']}. {outcome} The plan applies to all States Parties, so the indicators below "
            "are global; the priorities name the report's States only."
        )

    def action_plan_overview(self) -> pd.DataFrame:
        """The plan's sections and what the year's indicators say of each (readable headers; global)."""
        p = self.params
        self._cite(plan_progress.period_sources(self.everything, p.year_start, p.as_of))
        return plan_progress.overview(self.everything, p.year_start, p.as_of)

    def display_plan_sections(self, level: int = 3) -> None:
        """Show each section of the plan over the year, in a notebook (global: the plan applies to all)."""
        p = self.params
        self._cite(plan_progress.period_sources(self.everything, p.year_start, p.as_of))
        plan_progress.display_sections(self.everything, p.year_start, p.as_of, level=level)

    def action_plan_priorities(self) -> pd.DataFrame:
        """Deadlines falling due in the twelve months after the report date, and those passed by it,
        for the report's States (readable headers)."""
        self._cite_status()
        self._cite(self.data.stockpile_destruction["source_id"])
        self._cite(self.data.clearance_obligations["source_id"])
        return plan_progress.priorities_table(self.data, self.params.as_of)

    def action_plan_gaps(self) -> str:
        """The report's States whose Article 5 status our data cannot tell on the report date."""
        return plan_progress.gaps_text(self.data, self.params.as_of)

    # -- General Assembly (global) --------------------------------------------------------------

    def unga_summary(self) -> str:
        """The General Assembly paragraph, as Markdown: the year's resolution, its vote, and the
        States not party that voted in favour."""
        p, data = self.params, self.everything
        table = unga.resolutions(data)
        session = p.report_year - unga.SESSION_YEAR_OFFSET
        row = table[table["session"] == session]
        if row.empty or pd.isna(row["symbol"].iloc[0]):
            return f"The resolution of the {_ordinal(session)} session ({p.report_year}) is not compiled in our data."
        row = row.iloc[0]
        self._cite([row["source_id"]])
        adopted = row["adoption_date"]
        if pd.notna(adopted) and adopted > p.as_of:
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
        votes = data.unga_votes
        if pd.notna(adopted) and (votes["session"] == session).any():
            self._cite(votes.loc[votes["session"] == session, "source_id"])
            self._cite(data.treaty_status["source_id"])
            listed = unga.non_parties_in_favour(data, session)
            text += (f" States not party that voted in favour ({len(listed)}): {', '.join(listed) or 'none'}."
                     " The vote is global, not restricted to a region.")
        return text

    def unga_figures(self) -> list[Figure]:
        """Votes on the yearly resolution, up to the report year: split by party status where
        per-State votes are compiled, else the recorded totals."""
        data = self.everything
        composition = _vote_series(data)
        composition = composition[composition["year"] <= self.params.report_year]
        if composition.empty:
            return []
        table, votes = data.unga_resolutions, data.unga_votes
        ids = [*votes.loc[votes["session"].isin(composition["session"]), "source_id"],
               *table.loc[table["session"].isin(composition["session"]), "source_id"]]
        return [plots.unga_votes(composition, self._caption(ids, "data/unga_votes.csv, data/unga_resolutions.csv"),
                                 self.params.report_year)]
