"""Transparency reporting (Article 7): initial reports due, and published annual reporting rates."""

from __future__ import annotations

import pandas as pd

from analysis import sources, treaty
from analysis.dataset import Dataset

__all__ = ["initial_reports_due", "initial_reports_overdue_named", "rates_published_by", "reporting_rate"]


def rates_published_by(data: Dataset, as_of: pd.Timestamp) -> pd.DataFrame:
    """The published reporting rates stated by ``as_of`` (:func:`sources.published_by`); the
    columns of :attr:`Dataset.transparency_rates`."""
    rates = data.transparency_rates
    return rates[sources.published_by(data, rates["source_id"], as_of, rates["stated_on"])]


def initial_reports_due(data: Dataset) -> pd.DataFrame:
    """Each State Party's initial Article 7 report due date, 180 days after entry into force
    (derived): ``iso3, state, initial_report_due``."""
    status = data.treaty_status
    parties = status[status["entry_into_force_date"].notna()]
    return pd.DataFrame({"iso3": parties["iso3"], "state": parties["state"],
                         "initial_report_due": treaty.initial_report_due(parties["entry_into_force_date"])})


def reporting_rate(rates: pd.DataFrame) -> pd.DataFrame:
    """Published annual reporting rate per calendar year covered, from rows of
    :attr:`Dataset.transparency_rates`; where two sources differ, both are kept and the range is
    shown: ``year, low, high, sources``."""
    table = rates.groupby("year")["compliance_pct"].agg(low="min", high="max", sources="count")
    return table.reset_index()


def initial_reports_overdue_named(data: Dataset, as_of: pd.Timestamp) -> pd.DataFrame:
    """The States Parties the latest statement made by ``as_of`` names as overdue with their
    initial Article 7 report (``article7_initial_overdue``); empty if none was made by then."""
    named = data.article7_initial_overdue
    said = named[named["stated_on"] <= pd.Timestamp(as_of)]
    return said[said["stated_on"] == said["stated_on"].max()].reset_index(drop=True)
