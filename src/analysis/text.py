"""Words for report prose and tables: counted nouns, lists of names, readable column headers.

Report prose and tables are written for readers, so counts agree with their nouns
("1 State", "2 States"), lists read as English ("A, B and C"), and column headers
are words, not the data's field names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

#: Headers for columns shown in reports, by field name. A field not listed gets its name in words.
COLUMN_LABELS = {
    "iso3": "ISO code",
    "state": "State",
    "monitor_region": "Region",
    "region": "Region",
    "universe": "States",
    "joined": "Joined",
    "in_force": "In force",
    "signatories_not_ratified": "Signatories, not ratified",
    "not_party": "Not party",
    "withdrawn": "Withdrawn",
    "joined_pct": "Joined (%)",
    "notification": "Notification",
    "notified": "Notified",
    "takes_effect": "Takes effect",
    "effect_on_report_date": "Effect on the report date",
    "consent_type": "Instrument",
    "consent_date": "Deposited",
    "entry_into_force_date": "In force for the State",
    "article4_deadline": "Article 4 deadline",
    "article5_deadline": "Original Article 5 deadline",
    "deadline_in_force": "Article 5 deadline in force",
    "new_deadline": "New deadline",
    "completion_date": "Completed",
    "meeting": "Granted at",
    "decided_on": "Granted on",
    "year": "Year",
    "edition": "Landmine Monitor edition",
    "casualties": "Recorded casualties",
    "section": "Section",
    "actions": "Actions",
    "indicator": "Indicator",
    "measured": "Measured indicator",
    "coverage": "What our data covers",
    "priority": "Priority",
    "states": "States",
    "named": "Named",
    "action_number": "Action",
    "summary": "Summary",
    "status": "Status",
    "reason": "Reason",
    "gap": "What is not compiled",
    "source": "Source",
    "usd_million": "US$ million",
}


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``1 State``, ``2 States``, ``0 States``: the count with its noun in agreement."""
    word = noun if count == 1 else (plural_form or f"{noun}s")
    return f"{count:,} {word}"


def names(items: Iterable[str], none: str = "none") -> str:
    """Names as English lists them: ``A``, ``A and B``, ``A, B and C``; ``none`` for no names."""
    items = [str(i) for i in items]
    if not items:
        return none
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def dated(table: pd.DataFrame, column: str) -> list[str]:
    """Each row's State with the date in ``column``, as prose gives them: ``Tonga (25 June 2025)``."""
    from analysis.dates import long_date

    return [f"{r.state} ({long_date(r[column])})" for _, r in table.iterrows()]


def column_label(name: str, labels: Mapping[str, str] = COLUMN_LABELS) -> str:
    """The header a report shows for a column: from :data:`COLUMN_LABELS`, else its name in words."""
    return labels.get(name, name.replace("_", " ").capitalize())


def table_or_note(table: pd.DataFrame, note: str) -> object:
    """What a report shows for a table: the table without its index, dates as ``2007-12-05`` and
    missing values as ``-``; or, if it has no rows, ``note`` saying why (a report never shows an
    empty table)."""
    if table.empty:
        from IPython.display import Markdown  # only where a report is displayed

        return Markdown(f"*{note}*")
    dates = {c: "{:%Y-%m-%d}" for c in table.columns if pd.api.types.is_datetime64_any_dtype(table[c])}
    return table.style.hide(axis="index").format(dates, na_rep="-", precision=1)


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The table with readable column headers (:func:`column_label`), for display."""
    return table.rename(columns={c: column_label(c) for c in table.columns})
