"""Read one curated table as a validated, typed DataFrame, with the rules of that table.

:class:`analysis.dataset.Dataset` calls :func:`read_checked` for each table on first use;
nothing else reads the data files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis import treaty
from analysis.errors import Problem
from analysis.validation import read_table, rows_where


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
CHECKS = {
    "treaty_actions": [_check_treaty_actions],
    "casualties_global": [_check_casualties],
    "casualties_country": [_check_country_casualties],
    "stockpile_status": [_check_stockpile_status],
    "meetings": [_check_meetings],
    "action_plans": [_check_plans],
    "plan_sections": [_check_plan_sections],
    "clearance_extensions": [_check_clearance_extensions],
}

#: The order a table's rows are handed out in, where it matters to readers.
ORDER = {
    "meetings": ["start_date"],
    "action_plans": ["adopted_date"],
    "plan_sections": ["plan_id", "first_action"],
    "monitor_editions": ["edition"],
    "mine_action_support": ["year", "measure", "edition"],
    "plan_indicators_published": ["measure", "as_of"],
    "article7_initial_overdue": ["stated_on", "iso3"],
}


def read_checked(name: str, data_dir: Path,
                 referenced: Callable[[str], pd.DataFrame] | None = None) -> pd.DataFrame:
    """The table ``name`` of ``data_dir``, validated with its description and its table-specific rules,
    in its reading order (:data:`ORDER`); row labels stay those of the file, for error messages.
    Foreign keys are checked against ``referenced`` tables where given (see :func:`read_table`).

    Raises:
        DataValidationError: naming the file, and each bad row and column.
    """
    table = read_table(name, data_dir, checks=CHECKS.get(name, []), referenced=referenced)
    return table.sort_values(ORDER[name], kind="stable") if name in ORDER else table
