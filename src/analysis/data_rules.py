"""Rules that tie several tables together, checked by ``minebans validate`` and the tests.

A single table's rules run when it is read (:mod:`analysis.loaders`); these need
two or more tables at once. Each rule names the file and lines of the rows it
rejects, like every other validation error.
"""

from __future__ import annotations

from collections.abc import Callable
import pandas as pd

from analysis import metadata
from analysis.dataset import Dataset
from analysis.dates import session_year
from analysis.errors import DataValidationError, Problem
from analysis.validation import line_of, rows_where

#: A rule: takes the tables it needs from a dataset, returns its problems keyed by the file they are in.
Rule = Callable[[Dataset], dict[str, list[Problem]]]


def votes_by_existing_un_members(data: Dataset) -> dict[str, list[Problem]]:
    """A per-State General Assembly vote is cast by a UN member that existed in that session's year."""
    votes = data.unga_votes
    states = data.states.set_index("iso3")
    member = votes["iso3"].map(states["un_member"]).fillna(False).astype(bool)
    born = votes["iso3"].map(states["independence_date"]).dt.year
    early = born.notna() & (session_year(votes["session"]) < born)
    return {"unga_votes.csv": (
        rows_where(votes, ~member, ["session", "iso3"], "a vote by a State that is not a UN member")
        + rows_where(votes, early, ["session", "iso3"], "a vote in a session before the State existed")
    )}


def new_mined_areas_while_bound(data: Dataset) -> dict[str, list[Problem]]:
    """Mined areas newly found after completion are reported by a State that had joined by then."""
    reports = data.clearance_new_mined_areas
    consent = reports["iso3"].map(data.treaty_status.set_index("iso3")["consent_date"])
    bad = consent.isna() | (reports["reported_date"] <= consent)
    return {"clearance_new_mined_areas.csv": rows_where(
        reports, bad, ["iso3", "reported_date"], "reported before the State joined the Convention")}


def section_ranges_fit_their_plan(data: Dataset) -> dict[str, list[Problem]]:
    """Ranges of one plan neither overlap nor exceed its action count, and a compiled action
    inside a range carries that range's section."""
    ranges = data.plan_sections
    counts = data.action_plans.set_index("plan_id")["actions_count"]
    ordered = ranges.sort_values(["plan_id", "first_action"])
    previous_last = ordered.groupby("plan_id")["last_action"].shift()
    overlap = (ordered["first_action"] <= previous_last).reindex(ranges.index)
    beyond = ranges["last_action"] > ranges["plan_id"].map(counts)
    actions = data.plan_actions
    disagreeing = []
    for label, action in actions.iterrows():
        inside = ranges[(ranges["plan_id"] == action["plan_id"])
                        & ranges["first_action"].le(action["action_number"])
                        & ranges["last_action"].ge(action["action_number"])]
        if (inside["section"] != action["section"]).any():
            disagreeing.append(Problem(line_of(label), "section", action["section"],
                                       f"plan_sections.csv puts this action in {inside['section'].iloc[0]}"))
    return {
        "plan_sections.csv": rows_where(ranges, overlap, ["plan_id", "first_action"], "overlaps the plan's previous range")
        + rows_where(ranges, beyond, ["plan_id", "last_action"], "beyond the plan's number of actions"),
        "plan_actions.csv": disagreeing,
    }


def every_source_cited(data: Dataset) -> dict[str, list[Problem]]:
    """Every row of the sources table is cited by a table's ``source_id`` or named in a note."""
    cited, notes = set(), []
    for name in metadata.tables(data.folder):
        if name != "sources":
            table = data.table(name)
            cited |= set(table["source_id"].dropna())
            if "note" in table:
                notes += list(table["note"].dropna())
    text = " ".join(notes)
    sources = data.sources
    orphan = pd.Series([s not in cited and s not in text for s in sources["source_id"]], index=sources.index)
    return {"sources.csv": rows_where(sources, orphan, ["source_id"], "cited by no table")}


RULES: tuple[Rule, ...] = (votes_by_existing_un_members, new_mined_areas_while_bound,
                           section_ranges_fit_their_plan, every_source_cited)


def check_all(data: Dataset) -> list[DataValidationError]:
    """Run every cross-table rule on a dataset read from a folder; one error per file with
    problems, all rules run."""
    found: dict[str, list[Problem]] = {}
    for rule in RULES:
        for file_name, problems in rule(data).items():
            found.setdefault(file_name, []).extend(problems)
    return [DataValidationError(data.folder / name, problems) for name, problems in found.items() if problems]
