"""Load the curated tables as validated, typed DataFrames.

Each ``load_<table>()`` reads its CSV once per process (cached) and returns a
fresh copy, so callers may modify what they get. Treaty status is derived here
from the depositary events by the rules in :mod:`analysis.treaty`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from analysis import paths, treaty
from analysis.validation import DataValidationError, Problem, read_table, rows_where

#: Source of the fact that a State has taken no action: the depositary's list of participants.
DEPOSITARY_SOURCE_ID = "untc_xxvi5"


def _resolve(data_dir: Path | None) -> Path:
    return Path(data_dir or paths.data_dir()).resolve()


def _check_treaty_actions(actions: pd.DataFrame) -> list[Problem]:
    """Rules a depositary record always obeys."""
    signed, consent = actions["signature_date"], actions["consent_date"]
    ctype, notified = actions["consent_type"], actions["withdrawal_notified_date"]
    conflict = actions["withdrawal_armed_conflict"]
    return (
        rows_where(actions, signed < treaty.OPENED_FOR_SIGNATURE, ["signature_date"],
                   "signature before the Convention opened for signature on 1997-12-03")
        + rows_where(actions, signed > consent, ["signature_date", "consent_date"],
                     "signature after the instrument was deposited")
        + rows_where(actions, ctype.isna() != consent.isna(), ["consent_type", "consent_date"],
                     "consent type and consent date must be given together")
        + rows_where(actions, ctype.isin(treaty.CONSENT_AFTER_SIGNATURE) & signed.isna(),
                     ["consent_type", "signature_date"],
                     "ratification, acceptance or approval without a signature")
        + rows_where(actions, ctype.eq("accession") & signed.notna(), ["consent_type", "signature_date"],
                     "accession by a signatory (a signatory ratifies)")
        + rows_where(actions, notified.notna() & consent.isna(), ["withdrawal_notified_date"],
                     "withdrawal by a State that never consented to be bound")
        + rows_where(actions, notified <= consent, ["consent_date", "withdrawal_notified_date"],
                     "withdrawal notified before consent")
        + rows_where(actions, notified.isna() != conflict.isna(),
                     ["withdrawal_notified_date", "withdrawal_armed_conflict"],
                     "withdrawal_armed_conflict is given exactly when a withdrawal was notified")
        + rows_where(actions, actions["suspension_notified_date"].notna() & consent.isna(),
                     ["suspension_notified_date"], "suspension notified by a State that never consented to be bound")
        + rows_where(actions, actions[["signature_date", "consent_type", "withdrawal_notified_date"]]
                     .isna().all(axis=1), ["signature_date", "consent_type", "withdrawal_notified_date"],
                     "a row needs at least one treaty action")
    )


def _check_casualties(table: pd.DataFrame) -> list[Problem]:
    """Totals add up; a year is reported by a later edition; estimates are ranges."""
    parts = table[["killed", "injured", "status_unknown"]]
    complete = parts.notna().all(axis=1) & table["casualties"].notna()
    return (
        rows_where(table, complete & (parts.sum(axis=1) != table["casualties"]),
                   ["casualties", "killed", "injured", "status_unknown"],
                   "killed + injured + status unknown differs from the total")
        + rows_where(table, table["year"] >= table["edition"], ["year", "edition"],
                     "an edition reports years before its own")
        + rows_where(table, table["is_estimate"] & table["casualties"].notna(), ["is_estimate", "casualties"],
                     "an estimate row carries a recorded total")
        + rows_where(table, table["estimate_low"] > table["estimate_high"], ["estimate_low", "estimate_high"],
                     "estimate range reversed")
    )


def _check_country_casualties(table: pd.DataFrame) -> list[Problem]:
    return rows_where(table, table["year"] >= table["edition"], ["year", "edition"],
                      "an edition reports years before its own")


def _check_stockpile_status(table: pd.DataFrame) -> list[Problem]:
    done, date = table["destruction_completed"], table["completion_date"]
    return (
        rows_where(table, date.notna() & ~done.fillna(False).astype(bool), ["destruction_completed", "completion_date"],
                   "a completion date needs destruction_completed = true")
        + rows_where(table, date.notna() != table["completion_precision"].notna(),
                     ["completion_date", "completion_precision"], "a completion date needs its precision, and only then")
        + rows_where(table, ~table["had_stockpile"] & done.notna(), ["had_stockpile", "destruction_completed"],
                     "no stockpile, nothing to complete")
    )


def _check_meetings(table: pd.DataFrame) -> list[Problem]:
    return rows_where(table, table["end_date"] < table["start_date"], ["start_date", "end_date"],
                      "a meeting ends before it starts")


def _check_plans(table: pd.DataFrame) -> list[Problem]:
    return (rows_where(table, table["period_end"] < table["period_start"], ["period_start", "period_end"],
                       "a plan ends before it starts")
            + rows_where(table, table["adopted_date"].dt.year > table["period_start"], ["adopted_date", "period_start"],
                         "a plan adopted after its period began"))


def _check_plan_sections(table: pd.DataFrame) -> list[Problem]:
    return rows_where(table, table["last_action"] < table["first_action"], ["first_action", "last_action"],
                      "a range of actions ends before it starts")


def _check_clearance_extensions(table: pd.DataFrame) -> list[Problem]:
    """The identifier says what the row is: the granting meeting, or a deadline in force stated alone."""
    expected = (table["iso3"] + "-" + table["meeting"]).where(
        table["meeting"].notna(), table["iso3"] + "-in-force-" + table["new_deadline"].dt.strftime("%Y-%m-%d"))
    return rows_where(table, table["extension_id"] != expected, ["extension_id", "iso3", "meeting", "new_deadline"],
                      "extension_id must be <iso3>-<meeting>, or <iso3>-in-force-<new_deadline> without a meeting")


#: Table-specific rules, run when the table is read.
_CHECKS = {
    "treaty_actions": [_check_treaty_actions],
    "casualties_global": [_check_casualties],
    "casualties_country": [_check_country_casualties],
    "stockpile_status": [_check_stockpile_status],
    "meetings": [_check_meetings],
    "action_plans": [_check_plans],
    "plan_sections": [_check_plan_sections],
    "clearance_extensions": [_check_clearance_extensions],
}


@cache
def _table(name: str, data_dir: Path) -> pd.DataFrame:
    """Read and validate a table once per process and data folder."""
    return read_table(name, data_dir, checks=_CHECKS.get(name, []))


def load_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Any described table by name, validated with its table-specific rules (a fresh copy)."""
    return _table(name, _resolve(data_dir)).copy()


def load_casualties(data_dir: Path | None = None) -> pd.DataFrame:
    """Global casualties per (year, edition) as each Landmine Monitor edition states them."""
    return load_table("casualties_global", data_dir)


def load_casualties_by_country(data_dir: Path | None = None) -> pd.DataFrame:
    """Casualties of the most affected States per (year, edition), as each edition names them."""
    return load_table("casualties_country", data_dir)


def load_casualties_published(data_dir: Path | None = None) -> pd.DataFrame:
    """Headline casualty totals as second publications state a named edition's figure."""
    return load_table("casualties_published", data_dir)


def load_stockpile_remaining(data_dir: Path | None = None) -> pd.DataFrame:
    """Mines remaining at dated points for the States Parties that missed their Article 4 deadline."""
    return load_table("stockpile_remaining", data_dir)


def load_retained_mines(data_dir: Path | None = None) -> pd.DataFrame:
    """Mines retained under Article 3, by State Party and year."""
    return load_table("retained_mines", data_dir)


def load_stockpile_published(data_dir: Path | None = None) -> pd.DataFrame:
    """Global stockpile figures as dated publications state them."""
    return load_table("stockpile_published", data_dir)


#: Length of the period a completion date stands for, by its precision.
_PERIOD = {"day": pd.DateOffset(days=0), "month": pd.DateOffset(months=1, days=-1),
           "year": pd.DateOffset(years=1, days=-1)}


def _deadline_met(table: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """True/False where the record settles it, NA where it does not (no obligation, not due, imprecise date)."""
    start = table["completion_date"]
    end = pd.Series([d + _PERIOD[p] if pd.notna(d) else pd.NaT
                     for d, p in zip(start, table["completion_precision"].fillna("day"))], index=table.index)
    deadline = table["article4_deadline"]
    met = pd.Series(pd.NA, index=table.index, dtype="boolean")
    held = table["had_stockpile"].fillna(False).astype(bool)
    met[held & end.notna() & (end <= deadline)] = True
    met[held & start.notna() & (start > deadline)] = False
    unfinished = table["destruction_completed"].eq(False).fillna(False).astype(bool)
    met[held & unfinished & (deadline < as_of)] = False
    return met


@cache
def _stockpile_destruction(data_dir: Path) -> pd.DataFrame:
    status = _treaty_status(data_dir)
    parties = status[status["consent_date"].notna()]
    stock = _table("stockpile_status", data_dir)
    not_party = ~stock["iso3"].isin(parties["iso3"])
    if not_party.any():
        raise DataValidationError(_resolve(data_dir) / "stockpile_status.csv",
                                  rows_where(stock, not_party, ["iso3"], "not a State Party"))
    table = parties[["iso3", "state", "entry_into_force_date"]].merge(stock, on="iso3", how="left")
    table["article4_deadline"] = treaty.article4_deadline(table["entry_into_force_date"])
    data_date = pd.Timestamp(_table("sources", data_dir)["accessed"].max())
    table["deadline_met"] = _deadline_met(table, data_date)
    missing = table["had_stockpile"].isna()
    table.loc[missing, "note"] = "Stockpile status not yet compiled: no source read for this State Party."
    columns = ["iso3", "state", "entry_into_force_date", "had_stockpile", "stockpile_declared",
               "mines_destroyed", "destruction_completed", "completion_date", "completion_precision", "article4_deadline",
               "deadline_met", "source_id", "quote", "note"]
    return table[columns].sort_values("iso3", ignore_index=True)


def load_stockpile_destruction(data_dir: Path | None = None) -> pd.DataFrame:
    """One row per State Party (every State that ever joined) with its Article 4 record.

    ``article4_deadline`` is entry into force plus four years (derived).
    ``deadline_met`` is judged on the data's date: NA where there was no
    stockpile, the deadline had not passed, the record is missing, or a
    month/year-precision completion straddles the deadline. ``had_stockpile`` is
    NA where the status is not yet compiled (the note says so).
    """
    return _stockpile_destruction(_resolve(data_dir)).copy()


def load_meetings(data_dir: Path | None = None) -> pd.DataFrame:
    """Meetings of the States Parties and Review Conferences, by date."""
    table = load_table("meetings", data_dir)
    return table.sort_values("start_date", ignore_index=True)


def load_action_plans(data_dir: Path | None = None) -> pd.DataFrame:
    """The action plans, by adoption date."""
    table = load_table("action_plans", data_dir)
    return table.sort_values("adopted_date", ignore_index=True)


def load_plan_actions(data_dir: Path | None = None) -> pd.DataFrame:
    """Actions of the action plans, as far as they are compiled."""
    return load_table("plan_actions", data_dir)


def load_plan_sections(data_dir: Path | None = None) -> pd.DataFrame:
    """Ranges of action numbers that make up a section of a plan, where a source states them."""
    return load_table("plan_sections", data_dir).sort_values(["plan_id", "first_action"], ignore_index=True)


def load_monitor_editions(data_dir: Path | None = None) -> pd.DataFrame:
    """Release day of each Landmine Monitor edition, where a source dates it."""
    return load_table("monitor_editions", data_dir).sort_values("edition", ignore_index=True)


def load_mine_action_support(data_dir: Path | None = None) -> pd.DataFrame:
    """Support for mine action per year (US$ million), by measure and Landmine Monitor edition."""
    return load_table("mine_action_support", data_dir).sort_values(["year", "measure", "edition"], ignore_index=True)


def load_mine_action_donors(data_dir: Path | None = None) -> pd.DataFrame:
    """The largest donors to mine action per year, as Landmine Monitor editions name them."""
    return load_table("mine_action_donors", data_dir)


def load_plan_indicators_published(data_dir: Path | None = None) -> pd.DataFrame:
    """Published counts for plan sections no other table measures (Article 9, victim assistance)."""
    return load_table("plan_indicators_published", data_dir).sort_values(["measure", "as_of"], ignore_index=True)


def load_clearance_records(data_dir: Path | None = None) -> pd.DataFrame:
    """Article 5 records as sources state them: stated original deadline, completion declaration."""
    return load_table("clearance", data_dir)


def load_clearance_extensions(data_dir: Path | None = None) -> pd.DataFrame:
    """Article 5 deadline extensions granted, with the meeting and the new deadline where read."""
    return load_table("clearance_extensions", data_dir)


def load_clearance_new_mined_areas(data_dir: Path | None = None) -> pd.DataFrame:
    """Reports of mined areas found after a declaration of completion (or a report of none)."""
    return load_table("clearance_new_mined_areas", data_dir)


def load_transparency_rates(data_dir: Path | None = None) -> pd.DataFrame:
    """Published Article 7 annual reporting rates per calendar year covered."""
    return load_table("transparency_rates", data_dir)


def load_article7_initial_overdue(data_dir: Path | None = None) -> pd.DataFrame:
    """States Parties dated statements name as overdue with their initial Article 7 report."""
    return load_table("article7_initial_overdue", data_dir).sort_values(["stated_on", "iso3"], ignore_index=True)


def load_unga_resolutions(data_dir: Path | None = None) -> pd.DataFrame:
    """The yearly UN General Assembly resolutions on the Convention, as far as compiled."""
    return load_table("unga_resolutions", data_dir)


def load_unga_votes(data_dir: Path | None = None) -> pd.DataFrame:
    """How each State voted on the yearly General Assembly resolution, as far as compiled."""
    return load_table("unga_votes", data_dir)


def load_sources(data_dir: Path | None = None) -> pd.DataFrame:
    """The sources table: one row per publication the data cites."""
    return load_table("sources", data_dir)


def load_states(data_dir: Path | None = None) -> pd.DataFrame:
    """The 197 States the depositary counts, with UN membership and regions."""
    return load_table("states", data_dir)


def load_treaty_actions(data_dir: Path | None = None) -> pd.DataFrame:
    """Signatures, deposits and withdrawal notifications, as the depositary records them."""
    return load_table("treaty_actions", data_dir)


def load_published_figures(data_dir: Path | None = None) -> pd.DataFrame:
    """Dated figures as publications state them, for checking our computations."""
    return load_table("published_figures", data_dir)


@cache
def _treaty_status(data_dir: Path) -> pd.DataFrame:
    states = _table("states", data_dir)
    actions = _table("treaty_actions", data_dir)
    status = states.merge(actions, on="iso3", how="left", suffixes=("_state", ""), validate="one_to_one")
    status["source_id"] = status["source_id"].fillna(DEPOSITARY_SOURCE_ID)
    no_action = ~status["iso3"].isin(actions["iso3"])
    status.loc[no_action, "note"] = "No treaty action in the depositary record."

    missing_succession = status["consent_type"].eq("succession") & status["independence_date"].isna()
    problems = rows_where(status, missing_succession, ["iso3", "independence_date"],
                          "succession needs the State's independence_date in states.csv")
    if problems:
        raise DataValidationError(_resolve(data_dir) / "states.csv", problems)

    status["entry_into_force_date"], _ = treaty.entry_into_force_dates(
        status["consent_type"], status["consent_date"], status["independence_date"]
    )
    status["withdrawal_effective_date"] = pd.to_datetime(
        [treaty.withdrawal_effective_date(n, c)
         for n, c in zip(status["withdrawal_notified_date"], status["withdrawal_armed_conflict"])]
    ).astype(status["consent_date"].dtype)
    status["entry_into_force_date"] = status["entry_into_force_date"].astype(status["consent_date"].dtype)

    late = status["withdrawal_effective_date"].notna() & (
        status["withdrawal_effective_date"] <= status["entry_into_force_date"]
    )
    if late.any():
        raise DataValidationError(
            _resolve(data_dir) / "treaty_actions.csv",
            rows_where(status, late, ["iso3", "withdrawal_notified_date"],
                       "withdrawal takes effect before the Convention entered into force for the State"),
        )
    columns = [
        "iso3", "state", "un_member", "m49_region", "m49_subregion", "monitor_region",
        "independence_date", "signature_date", "consent_type", "consent_date",
        "entry_into_force_date", "withdrawal_notified_date", "withdrawal_armed_conflict",
        "withdrawal_effective_date", "suspension_notified_date", "source_id", "note",
    ]
    return status[columns].sort_values("iso3", ignore_index=True)


def load_treaty_status(data_dir: Path | None = None) -> pd.DataFrame:
    """One row per State (all 197) with its treaty dates, derived ones included.

    Columns: ``iso3, state, un_member, m49_region, m49_subregion, monitor_region,
    independence_date, signature_date, consent_type, consent_date,
    entry_into_force_date, withdrawal_notified_date, withdrawal_armed_conflict,
    withdrawal_effective_date, suspension_notified_date, source_id, note``. Dates are ``datetime64``, NaT
    where none. ``entry_into_force_date`` follows Article 17 and
    ``withdrawal_effective_date`` Article 20 (NaT while an armed conflict delays it).

    Raises:
        DataValidationError: a table is malformed or the dates contradict the treaty.
    """
    return _treaty_status(_resolve(data_dir)).copy()
