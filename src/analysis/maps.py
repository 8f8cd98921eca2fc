"""World maps: treaty status, stockpile destruction and casualties by State.

Geometry is Natural Earth 1:110m (public domain), built into ``data/geo/`` by
``scripts/build_geometry.py``: a polygon for 166 States and a point (the
capital) for the small States the 1:110m data does not draw. Maps use the
Equal Earth projection; points are drawn as markers in the State's colour with
a dark edge, over the polygons.

As in :mod:`analysis.plots`, the functions are pure: indicator tables, projected shapes
(:func:`project`) and a caption in, a figure out; no data access, no file writes. Each figure carries
the colour it gave every State as ``fig.minebans_colours``: a DataFrame with
one row per State drawn (``iso3, kind, category, colour``; ``value`` on the
casualties map; ``as_of`` on small multiples), so tests and callers can check
what was drawn. Each drawn collection has a ``gid`` ``"polygon:<category>"``
or ``"point:<category>"``, one patch or marker per State.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.collections import PatchCollection
from matplotlib.colors import ListedColormap, Normalize, to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

from analysis import metadata
from analysis.plots import CAPTION_SIZE, STATUS_COLOURS, add_caption, finish_figure

#: Map projection: Equal Earth (areas true to scale).
CRS = "EPSG:8857"
#: Ends of the Review Conference years, for the status small multiples of the reports.
DEFAULT_DATES = ["1999-12-31", "2004-12-31", "2009-12-31", "2014-12-31", "2019-12-31", "2024-12-31"]

NOT_YET = "not_yet_independent"
NOT_YET_LABEL = "Not yet independent"
STOCKPILE_COLOURS = {
    "destroyed": "#009E73",
    "destroying": "#D55E00",
    "never_held": "#56B4E9",
    "unknown": "#CFC4AE",
    "not_party": "#E4E4E4",
}
#: Legend words: the data package's labels of the status codes, and the maps' own categories.
STATUS_LABELS = metadata.labels("treaty_status", "treaty_status")
STOCKPILE_LABELS = {**metadata.labels("stockpile_status", "stockpile_status"), "not_party": "Not a State Party"}
NOT_NAMED_COLOUR = "#E4E4E4"
_OTHER_AREA = {"facecolor": "#F4F4F4", "edgecolor": "#C8C8C8"}
_POINT = {"s": 18, "edgecolors": "#222222", "linewidths": 0.6}
_BOUNDARIES = ("Boundaries: Natural Earth 1:110m (public domain), small States at their capitals; "
               "they imply no judgement on the status of any territory.")


def _ring(coords: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    codes = np.full(len(coords), MplPath.LINETO, dtype=MplPath.code_type)
    codes[0], codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
    return coords, codes


def _to_path(geometry: shapely.Geometry) -> MplPath:
    """One compound path for a (multi)polygon: exteriors counter-clockwise, holes clockwise."""
    vertices, codes = [], []
    for polygon in getattr(geometry, "geoms", [geometry]):
        polygon = shapely.geometry.polygon.orient(polygon, 1.0)
        for ring in [polygon.exterior, *polygon.interiors]:
            v, c = _ring(np.asarray(ring.coords)[:, :2])
            vertices.append(v)
            codes.append(c)
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


@dataclass(frozen=True, eq=False)
class Shapes:
    """States and other areas in the map projection, ready to draw (:func:`project`)."""

    states: pd.DataFrame  # iso3, kind, x, y (centroid), path (a compound path for a polygon, else None)
    other_paths: tuple[MplPath, ...]
    extent: tuple[float, float, float, float]


def project(geometry: gpd.GeoDataFrame, other_areas: gpd.GeoDataFrame | None = None) -> Shapes:
    """The States' geometry (:attr:`Dataset.geometry`) and the other areas, projected once (Equal
    Earth) into paths, so every map of a report draws from the same projection."""
    shapes = geometry.to_crs(CRS)
    table = pd.DataFrame({"iso3": shapes["iso3"], "kind": shapes["kind"],
                          "x": shapes.geometry.centroid.x, "y": shapes.geometry.centroid.y})
    table["path"] = [_to_path(g) if k == "polygon" else None for g, k in zip(shapes.geometry, shapes["kind"])]
    others = None if other_areas is None else other_areas.to_crs(CRS)
    other_paths = () if others is None else tuple(_to_path(g) for g in others.geometry)
    extent = [shapes.geometry] + ([others.geometry] if others is not None else [])
    return Shapes(table, other_paths, tuple(pd.concat(extent).total_bounds))


def _extent(drawn: pd.DataFrame) -> tuple[float, float, float, float]:
    """The bounding box of the States drawn: their polygons and their points."""
    boxes = [p.get_extents() for p in drawn["path"].dropna()]
    xs = [b.x0 for b in boxes] + [b.x1 for b in boxes] + list(drawn.loc[drawn["kind"] == "point", "x"])
    ys = [b.y0 for b in boxes] + [b.y1 for b in boxes] + list(drawn.loc[drawn["kind"] == "point", "y"])
    return min(xs), min(ys), max(xs), max(ys)


def _draw(ax: Axes, shapes: Shapes, colours: pd.DataFrame, hatched: Sequence[str] = (), point_size: float = 18,
          zoom: bool = False) -> pd.DataFrame:
    """Draw every State in ``colours`` (``iso3, category, colour``) and the other areas behind them.

    One collection per category and kind, with ``gid`` ``"<kind>:<category>"``.
    ``zoom`` frames the States drawn rather than the world. Returns ``colours``
    with each State's ``kind``, in the order drawn.
    """
    states, other_paths, (x0, y0, x1, y1) = shapes.states, list(shapes.other_paths), shapes.extent
    drawn = states.merge(colours, on="iso3", how="inner", validate="one_to_one")
    if zoom and len(drawn):
        x0, y0, x1, y1 = _extent(drawn)
    rest = states[~states["iso3"].isin(drawn["iso3"]) & states["kind"].eq("polygon")]
    background = other_paths + list(rest["path"])
    if background:
        ax.add_collection(PatchCollection([PathPatch(p) for p in background], linewidths=0.3, zorder=1,
                                          gid="other_areas", **_OTHER_AREA))
    for category, group in drawn.groupby("category", sort=False):
        polygons = group[group["kind"] == "polygon"]
        if len(polygons):
            hatch = "////" if category in hatched else None
            ax.add_collection(PatchCollection(
                [PathPatch(p) for p in polygons["path"]], facecolor=list(polygons["colour"]),
                edgecolor="#999999" if hatch else "white", linewidths=0.3, hatch=hatch, zorder=2,
                gid=f"polygon:{category}"))
    points = drawn[drawn["kind"] == "point"]
    for category, group in points.groupby("category", sort=False):
        ax.scatter(group["x"], group["y"], c=list(group["colour"]), zorder=3, gid=f"point:{category}",
                   **{**_POINT, "s": point_size})
    pad = 0.01 * (x1 - x0)
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad, y1 + pad)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return drawn[["iso3", "kind", *[c for c in colours.columns if c != "iso3"]]].reset_index(drop=True)


def _legend_handles(entries: Sequence[tuple[str, str, bool]], other_label: str | None) -> list:
    handles = [Patch(facecolor=colour, edgecolor="#999999" if hatch else "none", hatch="////" if hatch else None,
                     label=label) for label, colour, hatch in entries]
    if other_label:
        handles.append(Patch(label=other_label, linewidth=0.5, **_OTHER_AREA))
    handles.append(Line2D([], [], ls="none", marker="o", markersize=4.5, markerfacecolor="white",
                          markeredgecolor=_POINT["edgecolors"], label="Small State, at its capital"))
    return handles


def _new_axes(ax: Axes | None, figsize: tuple[float, float] = (10, 6)) -> tuple[Figure, Axes, bool]:
    if ax is not None:
        return ax.figure, ax, False
    fig, ax = plt.subplots(figsize=figsize)
    return fig, ax, True


def _status_colours(status: pd.DataFrame) -> pd.DataFrame:
    category = status["treaty_status"].astype("object").fillna(NOT_YET)
    colours = {**STATUS_COLOURS, NOT_YET: "white"}
    return pd.DataFrame({"iso3": status["iso3"].to_numpy(), "category": category.to_numpy(),
                         "colour": category.map(colours).to_numpy()})


def _status_entries(table: pd.DataFrame, counts: bool) -> list[tuple[str, str, bool]]:
    n = table["category"].value_counts()
    entries = [(label + (f" ({n.get(c, 0)})" if counts else ""), STATUS_COLOURS[c], False)
               for c, label in STATUS_LABELS.items()]
    if n.get(NOT_YET, 0):
        entries.append((NOT_YET_LABEL + (f" ({n[NOT_YET]})" if counts else ""), "white", True))
    return entries


def _in(region: str | None) -> str:
    return f" in {region}" if region else ""


def status_map(status: pd.DataFrame, as_of: pd.Timestamp, shapes: Shapes, caption: str, ax: Axes | None = None,
               region: str | None = None) -> Figure:
    """Each State coloured by its treaty status on ``as_of``: ``status`` is
    ``universalization.status_on`` (``iso3, treaty_status``) for that date.

    States not in ``status`` are drawn as background. Given ``region`` (the subset's name),
    the map frames the subset and says so in its title; the legend counts only the States
    coloured. Given ``ax``, draws there with a title but no caption.
    """
    as_of = pd.Timestamp(as_of)
    fig, ax, own = _new_axes(ax)
    table = _draw(ax, shapes, _status_colours(status), hatched=[NOT_YET], zoom=region is not None)
    other = "Other State, area or territory" if region else "Other area or territory"
    ax.legend(handles=_legend_handles(_status_entries(table, counts=True), other),
              loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=3, frameon=False, fontsize=7)
    title = f"Mine Ban Treaty status{_in(region)}, {as_of.date()}"
    if own:
        finish_figure(fig, ax, title, f"{caption} {_BOUNDARIES}")
    else:
        ax.set_title(title, loc="left", fontsize=10, fontweight="bold")
    fig.minebans_colours = table
    return fig


def stockpile_map(stock: pd.DataFrame, states: pd.Series, as_of: pd.Timestamp, shapes: Shapes, caption: str,
                  region: str | None = None) -> Figure:
    """States Parties by stockpile status on ``as_of`` (``stock``: ``stockpiles.status_on`` for that
    date); the other States of ``states`` (ISO3 codes) grey as not party.

    Given ``region`` (the name of the subset ``states`` holds), the map frames it and says so."""
    as_of = pd.Timestamp(as_of)
    on = stock.set_index("iso3")["stockpile_status"].astype(str)
    category = states.map(on).fillna("not_party")
    colours = pd.DataFrame({"iso3": states, "category": category, "colour": category.map(STOCKPILE_COLOURS)})
    fig, ax = plt.subplots(figsize=(10, 6))
    drawn = _draw(ax, shapes, colours, zoom=region is not None)
    n = drawn["category"].value_counts()
    entries = [(f"{STOCKPILE_LABELS[c]} ({n.get(c, 0)})", STOCKPILE_COLOURS[c], False) for c in STOCKPILE_COLOURS]
    other = "Other State, area or territory" if region else "Other area or territory"
    ax.legend(handles=_legend_handles(entries, other), loc="upper center",
              bbox_to_anchor=(0.5, 0.0), ncols=3, frameon=False, fontsize=7)
    finish_figure(fig, ax, f"Stockpile destruction (Article 4){_in(region)}, {as_of.date()}", f"{caption} {_BOUNDARIES}")
    fig.minebans_colours = drawn
    return fig


def casualties_map(named: pd.DataFrame, states: pd.Series, year: int, shapes: Shapes, caption: str) -> Figure:
    """Recorded casualties in ``year`` of the States a Landmine Monitor edition names as most affected
    (``named``: ``casualties.most_affected``); the other States of ``states`` (ISO3 codes) grey.

    Raises:
        ValueError: no State with a figure, or two figures for one State.
    """
    named = named[named["casualties"].notna()]
    if named.empty:
        raise ValueError(f"no Landmine Monitor edition in the data names most affected States for {year}")
    if named["iso3"].duplicated().any():
        raise ValueError(f"more than one figure per State for {year}")
    editions = sorted(named["edition"].unique())
    cmap = ListedColormap(plt.get_cmap("OrRd")(np.linspace(0.3, 1.0, 256)))
    norm = Normalize(0, float(named["casualties"].max()))
    value = states.map(named.set_index("iso3")["casualties"])
    colours = pd.DataFrame({"iso3": states, "category": np.where(value.notna(), "named", "not_named"),
                            "value": value,
                            "colour": [to_hex(cmap(norm(v))) if pd.notna(v) else NOT_NAMED_COLOUR for v in value]})
    fig, ax = plt.subplots(figsize=(10, 6.4))
    drawn = _draw(ax, shapes, colours)
    bar = fig.colorbar(ScalarMappable(norm, cmap), ax=ax, orientation="horizontal", fraction=0.035, pad=0.01,
                       shrink=0.45)
    bar.set_label("Recorded casualties (killed, injured, status unknown)", fontsize=8)
    bar.ax.tick_params(labelsize=7)
    entries = [("Not among the States the edition names", NOT_NAMED_COLOUR, False)]
    ax.legend(handles=_legend_handles(entries, "Other area or territory"), loc="lower left", frameon=False, fontsize=7)
    vintage = ", ".join(f"Landmine Monitor {e}" for e in editions)
    finish_figure(fig, ax, f"Recorded mine/ERW casualties in {year}, most affected States ({vintage})",
                  f"{caption} {_BOUNDARIES}")
    fig.minebans_colours = drawn
    return fig


def status_small_multiples(statuses: Sequence[tuple[pd.Timestamp, pd.DataFrame]], shapes: Shapes, caption: str,
                           region: str | None = None) -> Figure:
    """Treaty status maps side by side, one per ``(date, universalization.status_on for that date)``.

    Given ``region`` (the name of the subset the statuses hold), each map frames it and the title says so."""
    dates = [pd.Timestamp(d) for d, _ in statuses]
    ncols = 2
    nrows = math.ceil((len(dates) + 1) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(11, 2.9 * nrows + 0.6), squeeze=False)
    tables = []
    for ax, (as_of, status) in zip(axes.flat, zip(dates, [s for _, s in statuses])):
        table = _draw(ax, shapes, _status_colours(status), hatched=[NOT_YET], point_size=9, zoom=region is not None)
        joined = int(table["category"].isin(["in_force", "joined_not_in_force"]).sum())
        ax.set_title(f"{as_of.date()}: {joined} joined", loc="left", fontsize=9)
        tables.append(table.assign(as_of=as_of))
    for ax in axes.flat[len(dates):]:
        ax.set_axis_off()
    entries = _status_entries(pd.concat(tables), counts=False)
    other = "Other State, area or territory" if region else "Other area or territory"
    axes.flat[len(dates)].legend(handles=_legend_handles(entries, other), loc="center",
                                 frameon=False, fontsize=8)
    fig.suptitle(f"Mine Ban Treaty status{_in(region)}, {dates[0].year}\u2013{dates[-1].year}", x=0.01, ha="left",
                 fontsize=12, fontweight="bold")
    lines = add_caption(fig, f"{caption} {_BOUNDARIES}")
    fig.subplots_adjust(left=0.01, right=0.99, bottom=max(0.6, 0.2 + lines * CAPTION_SIZE * 1.4 / 72) / fig.get_size_inches()[1],
                        top=1 - 0.8 / fig.get_size_inches()[1], wspace=0.02, hspace=0.25)
    fig.minebans_colours = pd.concat(tables, ignore_index=True)
    return fig
