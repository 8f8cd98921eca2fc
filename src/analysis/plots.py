"""Figures for the reports: matplotlib/seaborn, drawn from indicator tables, no data access."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure

#: One palette for treaty status everywhere (Okabe-Ito, colour-blind safe).
STATUS_COLOURS = {
    "in_force": "#0072B2",
    "joined_not_in_force": "#56B4E9",
    "signatory": "#E69F00",
    "withdrawn": "#D55E00",
    "non_signatory": "#BBBBBB",
}
CONSENT_COLOURS = {
    "ratification": "#0072B2",
    "accession": "#009E73",
    "acceptance": "#CC79A7",
    "approval": "#F0E442",
    "succession": "#E69F00",
}


def _finish(fig: Figure, ax: Axes, title: str, caption: str) -> Figure:
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    sns.despine(ax=ax)
    fig.text(0.01, 0.005, caption, fontsize=7, color="#555555", ha="left", va="bottom", wrap=True)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def states_parties_over_time(series: pd.DataFrame, caption: str, highlight_year: int | None = None) -> Figure:
    """States that had joined, and for which the Convention was in force, at each year's end."""
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot(series["year"], series["joined"], marker="o", ms=3, color=STATUS_COLOURS["in_force"],
            label="Joined (instrument deposited)")
    ax.plot(series["year"], series["in_force"], ls="--", color=STATUS_COLOURS["joined_not_in_force"],
            label="In force for the State")
    ax.plot(series["year"], series["signatories_not_ratified"], color=STATUS_COLOURS["signatory"],
            label="Signatories not ratified")
    if highlight_year is not None:
        ax.axvline(highlight_year, color="#999999", lw=0.8)
    ax.set_xlabel("End of year")
    ax.set_ylabel("States")
    ax.set_ylim(0, 200)
    ax.legend(frameon=False, loc="center right")
    return _finish(fig, ax, "States Parties to the Mine Ban Treaty", caption)


def deposits_per_year(table: pd.DataFrame, caption: str, highlight_year: int | None = None) -> Figure:
    """Instruments deposited each year, stacked by consent type."""
    fig, ax = plt.subplots(figsize=(8, 3.6))
    bottom = pd.Series(0, index=table.index)
    for consent, colour in CONSENT_COLOURS.items():
        if consent in table:
            ax.bar(table["year"], table[consent], bottom=bottom, color=colour, label=consent.capitalize())
            bottom = bottom + table[consent]
    if highlight_year is not None and highlight_year in set(table["year"]):
        ax.bar([highlight_year], [bottom[table["year"] == highlight_year].iloc[0]], fill=False,
               edgecolor="black", lw=1.2)
    ax.set_xlabel("Year of deposit")
    ax.set_ylabel("Instruments deposited")
    ax.legend(frameon=False, ncols=3)
    return _finish(fig, ax, "Ratifications, accessions and successions per year", caption)


def status_by_region(regions: pd.DataFrame, caption: str, as_of: pd.Timestamp) -> Figure:
    """Horizontal stacked bars: joined, signatories and other States not party, per region."""
    fig, ax = plt.subplots(figsize=(8, 3.2))
    parts = [("joined", "Joined", STATUS_COLOURS["in_force"]),
             ("signatories_not_ratified", "Signatory, not ratified", STATUS_COLOURS["signatory"]),
             ("withdrawn", "Withdrawn", STATUS_COLOURS["withdrawn"])]
    left = pd.Series(0, index=regions.index)
    for column, label, colour in parts:
        ax.barh(regions["region"], regions[column], left=left, color=colour, label=label)
        left = left + regions[column]
    other = regions["not_party"] - regions["signatories_not_ratified"] - regions["withdrawn"]
    ax.barh(regions["region"], other, left=left, color=STATUS_COLOURS["non_signatory"], label="Other, not party")
    ax.invert_yaxis()
    ax.set_xlabel("States")
    ax.legend(frameon=False, ncols=2, loc="lower right", fontsize=8)
    return _finish(fig, ax, f"Status by region, {as_of.date()}", caption)


def casualties_by_edition(latest: pd.DataFrame, first: pd.DataFrame, caption: str, title: str) -> Figure:
    """Recorded casualties per year: as first published and as latest revised."""
    fig, ax = plt.subplots(figsize=(8, 3.8))
    ax.plot(first["year"], first["casualties"], marker="o", ms=3, ls=":", color="#999999",
            label="As first published")
    ax.plot(latest["year"], latest["casualties"], marker="o", ms=3, color="#D55E00",
            label="Latest edition")
    ax.set_xlabel("Calendar year of the casualties")
    ax.set_ylabel("Recorded casualties")
    ax.set_ylim(0, None)
    ax.legend(frameon=False)
    return _finish(fig, ax, title, caption)
