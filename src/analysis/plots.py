"""Figures for the reports: matplotlib/seaborn, drawn from indicator tables, no data access."""

from __future__ import annotations

import io
import textwrap

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import MaxNLocator

#: One palette for treaty status everywhere (Okabe-Ito, colour-blind safe).
STATUS_COLOURS = {
    "in_force": "#0072B2",
    "joined_not_in_force": "#56B4E9",
    "signatory": "#E69F00",
    "withdrawn": "#D55E00",
    "non_signatory": "#BBBBBB",
}
#: Height (inches) of one State's row, and the size of its label, on the per-State timelines:
#: labels stay readable (8 pt) however many States there are.
ROW_HEIGHT = 0.2
LABEL_SIZE = 8

CONSENT_COLOURS = {
    "ratification": "#0072B2",
    "accession": "#009E73",
    "acceptance": "#CC79A7",
    "approval": "#F0E442",
    "succession": "#E69F00",
}


def finish_figure(fig: Figure, ax: Axes, title: str, caption: str, title_pad: float = 6) -> Figure:
    """Title the axes, put the source caption under the figure, and lay it out (:func:`fixed_layout`).

    The title sits at the top of the axes (``y=1``): left to place itself, matplotlib measures every
    tick label of the figure to keep clear of ones on top, where these figures put none."""
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold", pad=title_pad, y=1.0)
    sns.despine(ax=ax)
    return fixed_layout(fig, ax, add_caption(fig, caption), title_pad)


def add_caption(fig: Figure, caption: str) -> int:
    """The source caption under the figure, broken into lines that fit its width; returns the number of lines.

    The caption is measured once and broken at the characters per line that measure gives (less a
    margin for lines of wider letters), rather than by matplotlib's ``wrap=True``, which measures the
    line again at every word (a sixth of the figures' drawing time)."""
    usable = (fig.get_size_inches()[0] - 0.3) * fig.dpi
    width, _, _ = fig.canvas.get_renderer().get_text_width_height_descent(
        caption, FontProperties(size=CAPTION_SIZE), ismath=False)
    per_line = max(20, int(len(caption) * usable / max(width, 1) * 0.95))
    lines = textwrap.wrap(caption, per_line) or [""]
    fig.text(0.01, 0.005, "\n".join(lines), fontsize=CAPTION_SIZE, color="#555555", ha="left", va="bottom")
    return len(lines)


#: Resolution of the figures in the reports (the inline backend's default).
SCREEN_DPI = 100
#: zlib level of the PNGs shown: 1 encodes in about half the time of the default 6, for files a
#: few percent larger (the pixels are the same: PNG is lossless).
PNG_COMPRESS_LEVEL = 1

#: Point size of the caption, and the width of a character as a share of its point size
#: (DejaVu Sans averages about 0.6): enough to lay a figure out without drawing it.
CAPTION_SIZE = 7
_CHAR_WIDTH = 0.6


def _text_width(texts: list[str], size: float) -> float:
    """Width in inches of the longest of ``texts`` at ``size`` points, estimated."""
    return max((len(t) for t in texts), default=0) * size * _CHAR_WIDTH / 72


def _tick_texts(axis: object) -> list[str]:
    labels = [t.get_text() for t in axis.get_ticklabels()]
    if any(labels):
        return labels
    return list(axis.get_major_formatter().format_ticks(axis.get_majorticklocs()))


def fixed_layout(fig: Figure, ax: Axes, caption_lines: int, title_pad: float = 6) -> Figure:
    """Margins computed from what the figure holds (tick labels, axis labels, a legend placed
    beside or under the axes, a twin axis, the caption's ``caption_lines`` lines) instead of ``tight_layout``, which draws the
    figure to measure it and took a quarter of the figures' time."""
    width, height = fig.get_size_inches()
    size = 10 if not ax.yaxis.get_ticklabels() else ax.yaxis.get_ticklabels()[0].get_fontsize()
    left = 0.15
    if ax.axison:
        left += _text_width(_tick_texts(ax.yaxis), size) + 0.15 + (0.3 if ax.get_ylabel() else 0)
    right = 0.2
    twins = [other for other in fig.axes if other is not ax and other.bbox.bounds == ax.bbox.bounds]
    for twin in twins:
        right += _text_width(_tick_texts(twin.yaxis), size) + 0.15 + (0.3 if twin.get_ylabel() else 0)
    legend = ax.get_legend()
    if legend is not None and legend.get_bbox_to_anchor().transformed(ax.transAxes.inverted()).x0 > 1:
        texts = [t.get_text() for t in legend.get_texts()]
        right += _text_width(texts, legend.get_texts()[0].get_fontsize() if texts else 8) + 0.6
    bottom = 0.1 + caption_lines * CAPTION_SIZE * 1.4 / 72 + 0.1
    if ax.axison:
        bottom += 0.3 + (0.25 if ax.get_xlabel() else 0)
    if legend is not None and legend.get_bbox_to_anchor().transformed(ax.transAxes.inverted()).y1 <= 0:
        rows = -(-len(legend.get_texts()) // legend._ncols)  # a legend under the axes (the maps')
        bottom += rows * legend.get_texts()[0].get_fontsize() * 1.6 / 72 + 0.1
    top = 0.15 + (12 * 1.3 + title_pad) / 72
    fig.subplots_adjust(left=min(left / width, 0.45), right=1 - min(right / width, 0.45),
                        bottom=min(bottom / height, 0.4), top=1 - min(top / height, 0.3))
    return fig


def figure_title(fig: Figure) -> str:
    """The figure's suptitle, else its axes' titles joined by "; " (empty if it has none)."""
    suptitle = fig.get_suptitle()
    if suptitle:
        return suptitle
    titles = [t for ax in fig.axes for loc in ("center", "left", "right") if (t := ax.get_title(loc))]
    return "; ".join(dict.fromkeys(titles))


def show() -> None:
    """Display every open figure, its title as the image's alt text, then close them.

    Use in notebooks instead of ``plt.show()``: the title goes into the output's
    ``image/png`` metadata, where the HTML export (``analysis.html_export``) reads it. The PNG
    is rendered once, at the figure's own size (the inline backend's default ``bbox_inches=
    "tight"`` renders every figure twice); the layout already leaves room for every label.
    """
    from IPython.display import display

    try:
        for number in plt.get_fignums():
            fig = plt.figure(number)
            png = io.BytesIO()
            fig.savefig(png, format="png", dpi=SCREEN_DPI, pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL})
            display({"image/png": png.getvalue()}, raw=True, metadata={"image/png": {"alt": figure_title(fig)}})
    finally:
        plt.close("all")


def _year_axis(ax: Axes, years: pd.Series) -> None:
    """Whole years on the x axis, spanning the data (half a year either side), however few points."""
    years = pd.Series(years).dropna().astype(int)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if len(years):
        first, last = int(years.min()), int(years.max())
        ax.set_xlim(first - 0.5, last + 0.5)
        if last - first < 8:  # few years: one tick each (the locator would split a year)
            ax.set_xticks(range(first, last + 1))


def _legend_outside(ax: Axes) -> None:
    """The legend to the right of the axes, where it cannot hide data."""
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)


def _legend_above(ax: Axes, ncols: int = 3) -> float:
    """The legend between the title and the axes (for tall per-State charts, whose width the
    dates need); returns the title padding, in points, that leaves room for it."""
    legend = ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=8, ncols=ncols)
    rows = -(-len(legend.get_texts()) // ncols)
    return 8 + 13 * rows


def _stacked_bars(ax: Axes, table: pd.DataFrame, x: str, layers: list[tuple[str, str, str]]) -> pd.Series:
    """Vertical bars of ``table[x]``, one layer per (column, label, colour) stacked in order; the totals."""
    bottom = pd.Series(0, index=table.index)
    for column, label, colour in layers:
        ax.bar(table[x], table[column], bottom=bottom, color=colour, label=label)
        bottom = bottom + table[column]
    return bottom


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
    ax.set_ylim(0, int(series["universe"].max() * 1.05) + 1)  # the States that exist, not a fixed 200
    _year_axis(ax, series["year"])
    _legend_outside(ax)
    return finish_figure(fig, ax, "States Parties to the Mine Ban Treaty", caption)


def deposits_per_year(table: pd.DataFrame, caption: str, highlight_year: int | None = None) -> Figure:
    """Instruments deposited each year, stacked by consent type."""
    fig, ax = plt.subplots(figsize=(8, 3.6))
    layers = [(c, c.capitalize(), colour) for c, colour in CONSENT_COLOURS.items() if c in table]
    bottom = _stacked_bars(ax, table, "year", layers)
    if highlight_year is not None and highlight_year in set(table["year"]):
        ax.bar([highlight_year], [bottom[table["year"] == highlight_year].iloc[0]], fill=False,
               edgecolor="black", lw=1.2)
    ax.set_xlabel("Year of deposit")
    ax.set_ylabel("Instruments deposited")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _year_axis(ax, table["year"])
    _legend_outside(ax)
    return finish_figure(fig, ax, "Ratifications, accessions and successions per year", caption)


def status_by_region(regions: pd.DataFrame, caption: str, as_of: pd.Timestamp,
                     title: str = "Status by region") -> Figure:
    """Horizontal stacked bars: joined, signatories and other States not party, per region."""
    fig, ax = plt.subplots(figsize=(8, max(2.2, 0.45 * len(regions) + 1.2)))
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
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _legend_outside(ax)
    return finish_figure(fig, ax, f"{title}, {as_of.date()}", caption)


def casualties_by_edition(latest: pd.DataFrame, other: pd.DataFrame, caption: str, title: str,
                          other_label: str = "As first published") -> Figure:
    """Recorded casualties per year: the latest edition's figures beside another vintage."""
    fig, ax = plt.subplots(figsize=(8, 3.8))
    ax.plot(other["year"], other["casualties"], marker="o", ms=3, ls=":", color="#999999",
            label=other_label)
    ax.plot(latest["year"], latest["casualties"], marker="o", ms=3, color="#D55E00",
            label="Latest edition")
    ax.set_xlabel("Calendar year of the casualties")
    ax.set_ylabel("Recorded casualties")
    ax.set_ylim(0, None)
    _year_axis(ax, pd.concat([latest["year"], other["year"]]))
    _legend_outside(ax)
    return finish_figure(fig, ax, title, caption)


def stockpile_deadlines(table: pd.DataFrame, late: pd.Series, as_of: pd.Timestamp, caption: str) -> Figure:
    """Article 4 deadline against completion for every State Party that held a stockpile.

    One row per State, sorted by deadline: a tick at the deadline, a dot at completion
    (hollow where the date is only known to the month or year), a bar from deadline to
    completion (or to ``as_of``) where ``late`` (``stockpiles.late_on``) is true.
    """
    rows = table[table["had_stockpile"].fillna(False).astype(bool)].sort_values(
        ["article4_deadline", "state"], ascending=[False, False])
    late = late.reindex(rows.index)
    fig, ax = plt.subplots(figsize=(8, max(4, ROW_HEIGHT * len(rows) + 1.5)))
    y = range(len(rows))
    ax.scatter(rows["article4_deadline"], y, marker="|", s=60, color="#333333", label="Deadline (Art. 4)", zorder=3)
    exact = rows["completion_precision"].eq("day").fillna(False).astype(bool).to_numpy()
    done = rows["completion_date"]
    colours = pd.Series(["#D55E00" if is_late else "#009E73" for is_late in late], index=rows.index)
    fill = colours.where(exact, "white")
    has_date = done.notna().to_numpy()
    positions = pd.Series(range(len(rows)), index=rows.index)
    ax.scatter(done[has_date], positions[has_date], s=14, c=fill[has_date], edgecolors=colours[has_date], zorder=4)
    late_rows = late.to_numpy()
    ax.hlines(positions[late_rows], rows["article4_deadline"][late_rows], done[late_rows].fillna(as_of),
              color="#D55E00", lw=2, alpha=0.6)
    ax.set_yticks(list(y))
    ax.set_yticklabels(rows["state"], fontsize=LABEL_SIZE)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.axvline(as_of, color="#999999", lw=0.8, ls="--", label="Report date")
    ax.scatter([], [], s=14, color="#009E73", label="Completed by the deadline")
    ax.scatter([], [], s=14, color="#D55E00", label="Late (bar: time past deadline)")
    ax.scatter([], [], s=14, color="white", edgecolors="#333333", label="Hollow: completion known to the month or year only")
    pad = _legend_above(ax, ncols=2)
    return finish_figure(fig, ax, "Stockpile destruction: deadline and completion", caption, pad)


def remaining_stocks(remaining: pd.DataFrame, states: pd.Series, caption: str) -> Figure:
    """Mines still to destroy, as reported, for the States that missed their deadline."""
    fig, ax = plt.subplots(figsize=(8, 3.6))
    names = states.to_dict()
    for iso3, rows in remaining.groupby("iso3"):
        ax.plot(rows["as_of_date"], rows["mines_remaining"] / 1e6, marker="o", ms=3, label=names.get(iso3, iso3))
    ax.set_ylabel("Million mines remaining")
    ax.set_ylim(0, None)
    _legend_outside(ax)
    return finish_figure(fig, ax, "Stockpiles remaining after a missed deadline", caption)


def retained_mines(wide: pd.DataFrame, states: pd.Series, caption: str) -> Figure:
    """Mines retained under Article 3 over time, for the largest holders."""
    fig, ax = plt.subplots(figsize=(8, 3.6))
    names = states.to_dict()
    for iso3 in wide.columns:
        series = wide[iso3].dropna()
        ax.plot(series.index, series.to_numpy(dtype=float) / 1e3, marker="o", ms=3, label=names.get(iso3, iso3))
    ax.set_ylabel("Thousand mines retained")
    _year_axis(ax, pd.Series(wide.index))
    ax.set_ylim(0, None)
    _legend_outside(ax)
    return finish_figure(fig, ax, "Mines retained under Article 3 (largest holders)", caption)


def published_vs_computed(series: pd.DataFrame, comparison: pd.DataFrame, caption: str) -> Figure:
    """Our count of States that had joined, by day, with the counts publications stated."""
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.step(series["as_of"], series["joined"], where="post", color=STATUS_COLOURS["in_force"],
            label="Computed from our data")
    agree = comparison["outcome"] == "agrees"
    ax.scatter(comparison.loc[agree, "as_of_date"], comparison.loc[agree, "value"], s=18, color="#E69F00",
               zorder=3, label="Published, agrees")
    ax.scatter(comparison.loc[~agree, "as_of_date"], comparison.loc[~agree, "value"], s=22, color="white",
               edgecolors="#D55E00", zorder=3, label="Published, differs (explained)")
    ax.set_ylabel("States that had joined")
    ax.legend(frameon=False, loc="lower right")
    return finish_figure(fig, ax, "States Parties: published counts against our data", caption)


def most_affected(rows: pd.DataFrame, states: pd.Series, caption: str, title: str) -> Figure:
    """Horizontal bars: casualties of the States an edition names as most affected."""
    names = rows["iso3"].map(states.to_dict()).fillna(rows["iso3"])
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(rows) + 1.2))
    ax.barh(names, rows["casualties"], color="#D55E00")
    ax.invert_yaxis()
    ax.set_xlabel("Recorded casualties")
    return finish_figure(fig, ax, title, caption)


def casualty_shares(series: pd.DataFrame, caption: str) -> Figure:
    """Civilian share (percent) and child casualties per year, where editions give them."""
    fig, ax = plt.subplots(figsize=(8, 3.4))
    civ = series.dropna(subset=["civilian_pct"])
    ax.plot(civ["year"], civ["civilian_pct"], marker="o", ms=3, color="#0072B2", label="Civilian share (%)")
    ax.set_ylabel("Percent of casualties of known status")
    ax.set_ylim(0, 100)
    _year_axis(ax, series["year"])
    child = series.dropna(subset=["child_casualties"])
    handles, labels = ax.get_legend_handles_labels()
    if not child.empty:
        right = ax.twinx()
        right.bar(child["year"], child["child_casualties"], color="#E69F00", alpha=0.5, label="Child casualties")
        right.set_ylabel("Child casualties")
        right.set_ylim(0, child["child_casualties"].max() * 1.15)
        right.spines["top"].set_visible(False)
        more = right.get_legend_handles_labels()
        handles, labels = handles + more[0], labels + more[1]
        ax.set_zorder(right.get_zorder() + 1)  # the line over the bars
        ax.patch.set_visible(False)
    ax.legend(handles, labels, frameon=False, loc="upper left", bbox_to_anchor=(1.12, 1.0), fontsize=8)
    title = "Civilians and children among recorded casualties" if not child.empty else "Civilians among recorded casualties"
    return finish_figure(fig, ax, title, caption)


def clearance_deadlines(rows: pd.DataFrame, extensions: pd.DataFrame, as_of: pd.Timestamp, caption: str) -> Figure:
    """Article 5: original deadline, extended deadlines and completion declarations per State."""
    rows = rows.sort_values(["article5_deadline", "state"], ascending=[False, False])
    fig, ax = plt.subplots(figsize=(8, max(4, ROW_HEIGHT * len(rows) + 1.5)))
    position = {iso3: i for i, iso3 in enumerate(rows["iso3"])}
    ax.scatter(rows["article5_deadline"], range(len(rows)), marker="|", s=60, color="#333333",
               label="Original deadline (Art. 5)", zorder=3)
    ext = extensions[extensions["iso3"].isin(position) & extensions["new_deadline"].notna()]
    original = rows.set_index("iso3")["article5_deadline"]
    ax.hlines(ext["iso3"].map(position), ext["iso3"].map(original), ext["new_deadline"],
              color="#E69F00", lw=2, alpha=0.5)
    ax.scatter(ext["new_deadline"], ext["iso3"].map(position), marker="|", s=60, color="#E69F00",
               label="Extended deadline", zorder=3)
    done = rows[rows["completion_date"].notna()]
    ax.scatter(done["completion_date"], done["iso3"].map(position), s=16, color="#009E73",
               label="Completion declared", zorder=4)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(rows["state"], fontsize=LABEL_SIZE)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.axvline(as_of, color="#999999", lw=0.8, ls="--", label="Report date")
    pad = _legend_above(ax, ncols=2)
    return finish_figure(fig, ax, "Clearance of mined areas: deadlines, extensions, completion", caption, pad)


def reporting_rate(rates: pd.DataFrame, caption: str) -> Figure:
    """Published Article 7 annual reporting rates; a bar spans two sources that differ."""
    fig, ax = plt.subplots(figsize=(8, 3.2))
    ax.vlines(rates["year"], rates["low"], rates["high"], color="#0072B2", lw=3)
    ax.scatter(rates["year"], rates["high"], color="#0072B2", s=14)
    ax.set_ylim(0, 100)
    ax.set_ylabel("States Parties reporting (%)")
    ax.set_xlabel("Calendar year covered by the annual report")
    _year_axis(ax, rates["year"])
    return finish_figure(fig, ax, "Article 7 transparency reporting rate, as published", caption)


def unga_votes(composition: pd.DataFrame, caption: str, highlight_year: int | None = None) -> Figure:
    """Votes on the yearly General Assembly resolution: in favour (States Parties, others, or
    unsplit where per-State votes are not compiled), abstaining, against."""
    fig, ax = plt.subplots(figsize=(8, 3.6))
    layers = [("in_favour_parties", "In favour: States Parties", STATUS_COLOURS["in_force"]),
              ("in_favour_non_parties", "In favour: not party", STATUS_COLOURS["signatory"]),
              ("in_favour_unsplit", "In favour (per-State votes not compiled)", STATUS_COLOURS["joined_not_in_force"]),
              ("abstaining", "Abstaining", STATUS_COLOURS["non_signatory"]),
              ("against", "Against", STATUS_COLOURS["withdrawn"])]
    layers = [layer for layer in layers if layer[0] in composition and composition[layer[0]].any()]
    _stacked_bars(ax, composition, "year", layers)
    if highlight_year is not None:
        ax.axvline(highlight_year, color="#999999", lw=0.8)
    ax.set_xlabel("Year of adoption")
    ax.set_ylabel("States voting")
    _year_axis(ax, composition["year"])
    ax.set_ylim(0, 200)
    _legend_outside(ax)
    return finish_figure(fig, ax, "UN General Assembly: the yearly resolution on the Convention", caption)
