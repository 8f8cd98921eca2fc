"""Transparency reporting (Article 7): initial reports due, and published annual reporting rates."""

from __future__ import annotations

import pandas as pd

from analysis import sources, treaty
from analysis.loaders import load_article7_initial_overdue, load_treaty_status
from analysis.loaders import load_transparency_rates as _load_rates

__all__ = ["initial_reports_due", "initial_reports_overdue_named", "load_transparency_rates", "reporting_rate"]


def load_transparency_rates(published_by: pd.Timestamp | None = None) -> pd.DataFrame:
    """The published reporting rates; with ``published_by``, only those stated by that date
    (:func:`sources.published_by`)."""
    rates = _load_rates()
    if published_by is None:
        return rates
    return rates[sources.published_by(rates["source_id"], published_by, rates["stated_on"])]


def initial_reports_due(status: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each State Party's initial Article 7 report due date: 180 days after entry into force (derived)."""
    status = load_treaty_status() if status is None else status
    parties = status[status["entry_into_force_date"].notna()]
    return pd.DataFrame({"iso3": parties["iso3"], "state": parties["state"],
                         "initial_report_due": treaty.initial_report_due(parties["entry_into_force_date"])})


def reporting_rate(rates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Published annual reporting rate per calendar year covered; where two sources differ, both
    are kept and the range is shown (``low``, ``high``)."""
    rates = load_transparency_rates() if rates is None else rates
    table = rates.groupby("year")["compliance_pct"].agg(low="min", high="max", sources="count")
    return table.reset_index()


def initial_reports_overdue_named(as_of: pd.Timestamp, named: pd.DataFrame | None = None) -> pd.DataFrame:
    """The States Parties the latest statement made by ``as_of`` names as overdue with their
    initial Article 7 report (``article7_initial_overdue``); empty if none was made by then."""
    named = load_article7_initial_overdue() if named is None else named
    said = named[named["stated_on"] <= pd.Timestamp(as_of)]
    return said[said["stated_on"] == said["stated_on"].max()].reset_index(drop=True)
