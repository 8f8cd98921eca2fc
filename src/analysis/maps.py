"""World maps: treaty status, stockpile destruction and casualties by State.

Geometry is Natural Earth 1:110m (public domain), built into ``data/geo/`` by
``scripts/build_geometry.py``: a polygon for 166 States and a point (the
capital) for the small States the 1:110m data does not draw. Maps use the
Equal Earth projection; points are drawn as markers in the State's colour with
a dark edge, over the polygons.

The functions are pure (inputs to figure, no file writes). Each figure carries
the colour it gave every State as ``fig.minebans_colours``: a DataFrame with
one row per State drawn (``iso3, kind, category, colour``; ``value`` on the
casualties map; ``as_of`` on small multiples), so tests and callers can check
what was drawn. Each drawn collection has a ``gid`` ``"polygon:<category>"``
or ``"point:<category>"``, one patch or marker per State.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path

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

from analysis import casualties, paths, sources, stockpiles, universalization
from analysis.loaders import load_states, load_stockpile_destruction, load_treaty_status
from analysis.plots import STATUS_COLOURS, finish_figure
from analysis.universalization import DateLike

#: Map projection: Equal Earth (areas true to scale).
CRS = "EPSG:8857"
#: Review conferences' years and the present, for :func:`status_small_multiples`.
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
STOCKPILE_LABELS = {
    "destroyed": "Stockpile destroyed",
    "destroying": "Held a stockpile, not yet destroyed",
    "never_held": "Never held a stockpile",
    "unknown": "Not compiled (no record, or no completion date, in our data)",
    "not_party": "Not a State Party",
}
NOT_NAMED_COLOUR = "#E4E4E4"
_OTHER_AREA = {"facecolor": "#F4F4F4", "edgecolor": "#C8C8C8"}
_POINT = {"s": 18, "edgecolors": "#222222", "linewidths": 0.6}
_BOUNDARIES = ("Boundaries: Natural Earth 1:110m (public domain), small States at their capitals; "
               "they imply no judgement on the status of any territory.")


def _geo_dir() -> Path:
    return paths.data_dir() / "geo"


@cache
def _geometry(folder: Path) -> gpd.GeoDataFrame:
    polygons = gpd.read_file(folder / "countries.geojson", engine="pyogrio")
    points = pd.read_csv(folder / "points.csv", dtype={"iso3": str}, keep_default_na=False)
    points = gpd.GeoDataFrame(points[["iso3"]], geometry=gpd.points_from_xy(points["lon"], points["lat"]),
                              crs="EPSG:4326")
    table = pd.concat([polygons.assign(kind="polygon"), points.assign(kind="point")], ignore_index=True)
    return gpd.GeoDataFrame(table[["iso3", "kind", "geometry"]], geometry="geometry", crs="EPSG:4326")


def load_geometry() -> gpd.GeoDataFrame:
    """One row per State (all 197): ``iso3``, ``kind`` (``polygon`` or ``point``), geometry (WGS 84).

    Raises:
        ValueError: a State of ``load_states()`` has no geometry, or one has two.
    """
    geometry = _geometry(_geo_dir()).copy()
    states = set(load_states()["iso3"])
    missing = sorted(states - set(geometry["iso3"]))
    doubled = sorted(geometry.loc[geometry["iso3"].duplicated(), "iso3"])
    if missing or doubled:
        raise ValueError(f"data/geo: no geometry for {missing}, more than one for {doubled}; "
                         "rebuild with scripts/build_geometry.py")
    return geometry[geometry["iso3"].isin(states)].reset_index(drop=True)


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


@cache
def _projected(folder: Path) -> tuple[pd.DataFrame, list[MplPath], tuple[float, float, float, float]]:
    """States with their projected path or point, the other areas' paths, and the map's extent."""
    shapes = _geometry(folder).to_crs(CRS)
    table = pd.DataFrame({"iso3": shapes["iso3"], "kind": shapes["kind"],
                          "x": shapes.geometry.centroid.x, "y": shapes.geometry.centroid.y})
    table["path"] = [_to_path(g) if k == "polygon" else None for g, k in zip(shapes.geometry, shapes["kind"])]
    other_file = folder / "other_areas.geojson"
    others = gpd.read_file(other_file, engine="pyogrio").to_crs(CRS) if other_file.exists() else None
    other_paths = [] if others is None else [_to_path(g) for g in others.geometry]
    extent = [shapes.geometry] + ([others.geometry] if others is not None else [])
    bounds = pd.concat(extent).total_bounds
    return table, other_paths, tuple(bounds)


def _extent(drawn: pd.DataFrame) -> tuple[float, float, float, float]:
    """The bounding box of the States drawn: their polygons and their points."""
    boxes = [p.get_extents() for p in drawn["path"].dropna()]
    xs = [b.x0 for b in boxes] + [b.x1 for b in boxes] + list(drawn.loc[drawn["kind"] == "point", "x"])
    ys = [b.y0 for b in boxes] + [b.y1 for b in boxes] + list(drawn.loc[drawn["kind"] == "point", "y"])
    return min(xs), min(ys), max(xs), max(ys)


def _draw(ax: Axes, colours: pd.DataFrame, hatched: Sequence[str] = (), point_size: float = 18,
          zoom: bool = False) -> pd.DataFrame:
    """Draw every State in ``colours`` (``iso3, category, colour``) and the other areas behind them.

    One collection per category and kind, with ``gid`` ``"<kind>:<category>"``.
    ``zoom`` frames the States drawn rather than the world. Returns ``colours``
    with each State's ``kind``, in the order drawn.
    """
    shapes, other_paths, (x0, y0, x1, y1) = _projected(_geo_dir())
    drawn = shapes.merge(colours, on="iso3", how="inner", validate="one_to_one")
    if zoom and len(drawn):
        x0, y0, x1, y1 = _extent(drawn)
    rest = shapes[~shapes["iso3"].isin(drawn["iso3"]) & shapes["kind"].eq("polygon")]
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


def _status_colours(as_of: DateLike, status: pd.DataFrame) -> pd.DataFrame:
    category = universalization.status_on(as_of, status).astype("object").fillna(NOT_YET)
    colours = {**STATUS_COLOURS, NOT_YET: "white"}
    return pd.DataFrame({"iso3": status["iso3"].to_numpy(), "category": category.to_numpy(),
                         "colour": category.map(colours).to_numpy()})


def _status_entries(table: pd.DataFrame, counts: bool) -> list[tuple[str, str, bool]]:
    n = table["category"].value_counts()
    entries = [(universalization.STATUS_LABELS[c] + (f" ({n.get(c, 0)})" if counts else ""), STATUS_COLOURS[c], False)
               for c in universalization.STATUS_CATEGORIES]
    if n.get(NOT_YET, 0):
        entries.append((NOT_YET_LABEL + (f" ({n[NOT_YET]})" if counts else ""), "white", True))
    return entries


def _status_caption(status: pd.DataFrame) -> str:
    return sources.caption(status["source_id"], "treaty records (data/treaty_actions.csv)") + " " + _BOUNDARIES


def _in(region: str | None) -> str:
    return f" in {region}" if region else ""


def status_map(as_of: DateLike, status: pd.DataFrame | None = None, ax: Axes | None = None,
               region: str | None = None) -> Figure:
    """Each State coloured by its treaty status on ``as_of`` (``universalization.status_on``).

    ``status`` defaults to the project's data; States outside a subset are drawn
    as background. Given ``region`` (the subset's name), the map frames the
    subset and says so in its title; the legend counts only the States coloured.
    Given ``ax``, draws there with a title but no caption.
    """
    status = load_treaty_status() if status is None else status
    as_of = pd.Timestamp(as_of)
    fig, ax, own = _new_axes(ax)
    table = _draw(ax, _status_colours(as_of, status), hatched=[NOT_YET], zoom=region is not None)
    other = "Other State, area or territory" if region else "Other area or territory"
    ax.legend(handles=_legend_handles(_status_entries(table, counts=True), other),
              loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=3, frameon=False, fontsize=7)
    title = f"Mine Ban Treaty status{_in(region)}, {as_of.date()}"
    if own:
        finish_figure(fig, ax, title, _status_caption(status))
    else:
        ax.set_title(title, loc="left", fontsize=10, fontweight="bold")
    fig.minebans_colours = table
    return fig


def stockpile_map(as_of: DateLike, table: pd.DataFrame | None = None, status: pd.DataFrame | None = None,
                  region: str | None = None) -> Figure:
    """States Parties by stockpile status on ``as_of`` (``stockpiles.status_on``); others grey.

    Given ``region`` (the name of the subset ``status`` holds), the map frames it and says so."""
    as_of = pd.Timestamp(as_of)
    status = load_treaty_status() if status is None else status
    table = load_stockpile_destruction() if table is None else table
    on = stockpiles.status_on(as_of, table, status).set_index("iso3")["stockpile_status"].astype(str)
    category = status["iso3"].map(on).fillna("not_party")
    colours = pd.DataFrame({"iso3": status["iso3"], "category": category, "colour": category.map(STOCKPILE_COLOURS)})
    fig, ax = plt.subplots(figsize=(10, 6))
    drawn = _draw(ax, colours, zoom=region is not None)
    n = drawn["category"].value_counts()
    entries = [(f"{STOCKPILE_LABELS[c]} ({n.get(c, 0)})", STOCKPILE_COLOURS[c], False) for c in STOCKPILE_COLOURS]
    other = "Other State, area or territory" if region else "Other area or territory"
    ax.legend(handles=_legend_handles(entries, other), loc="upper center",
              bbox_to_anchor=(0.5, 0.0), ncols=3, frameon=False, fontsize=7)
    cited = table.loc[table["iso3"].isin(on.index), "source_id"].dropna()
    caption = sources.caption(cited, "stockpile records (data/stockpile_status.csv)") + " " + _BOUNDARIES
    finish_figure(fig, ax, f"Stockpile destruction (Article 4){_in(region)}, {as_of.date()}", caption)
    fig.minebans_colours = drawn
    return fig


def casualties_map(year: int, edition: casualties.Edition = "latest", data: pd.DataFrame | None = None) -> Figure:
    """Recorded casualties in ``year`` of the States a Landmine Monitor edition names as most affected.

    Other States are grey. Raises ``ValueError`` if no edition names any State for ``year``.
    """
    named = casualties.most_affected(year, edition, data)
    named = named[named["casualties"].notna()]
    if named.empty:
        raise ValueError(f"no Landmine Monitor edition in the data names most affected States for {year}")
    if named["iso3"].duplicated().any():
        raise ValueError(f"more than one figure per State for {year}, edition {edition!r}")
    editions = sorted(named["edition"].unique())
    cmap = ListedColormap(plt.get_cmap("OrRd")(np.linspace(0.3, 1.0, 256)))
    norm = Normalize(0, float(named["casualties"].max()))
    states = load_states()["iso3"]
    value = states.map(named.set_index("iso3")["casualties"])
    colours = pd.DataFrame({"iso3": states, "category": np.where(value.notna(), "named", "not_named"),
                            "value": value,
                            "colour": [to_hex(cmap(norm(v))) if pd.notna(v) else NOT_NAMED_COLOUR for v in value]})
    fig, ax = plt.subplots(figsize=(10, 6.4))
    drawn = _draw(ax, colours)
    bar = fig.colorbar(ScalarMappable(norm, cmap), ax=ax, orientation="horizontal", fraction=0.035, pad=0.01,
                       shrink=0.45)
    bar.set_label("Recorded casualties (killed, injured, status unknown)", fontsize=8)
    bar.ax.tick_params(labelsize=7)
    entries = [("Not among the States the edition names", NOT_NAMED_COLOUR, False)]
    ax.legend(handles=_legend_handles(entries, "Other area or territory"), loc="lower left", frameon=False, fontsize=7)
    vintage = ", ".join(f"Landmine Monitor {e}" for e in editions)
    caption = sources.caption(named["source_id"], "data/casualties_country.csv") + " " + _BOUNDARIES
    finish_figure(fig, ax, f"Recorded mine/ERW casualties in {year}, most affected States ({vintage})", caption)
    fig.minebans_colours = drawn
    return fig


def status_small_multiples(dates: Sequence[DateLike] | None = None, status: pd.DataFrame | None = None,
                           region: str | None = None) -> Figure:
    """Treaty status maps side by side, by default at the end of 1999, 2004, ..., 2024 and today.

    Given ``region`` (the name of the subset ``status`` holds), each map frames it and the title says so."""
    status = load_treaty_status() if status is None else status
    if dates is None:
        dates = [*DEFAULT_DATES, pd.Timestamp.today().normalize()]
    dates = [pd.Timestamp(d) for d in dates]
    ncols = 2
    nrows = math.ceil((len(dates) + 1) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(11, 2.9 * nrows + 0.6), squeeze=False)
    tables = []
    for ax, as_of in zip(axes.flat, dates):
        table = _draw(ax, _status_colours(as_of, status), hatched=[NOT_YET], point_size=9, zoom=region is not None)
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
    fig.text(0.01, 0.005, _status_caption(status), fontsize=7, color="#555555", ha="left", va="bottom", wrap=True)
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.6 / fig.get_size_inches()[1],
                        top=1 - 0.8 / fig.get_size_inches()[1], wspace=0.02, hspace=0.25)
    fig.minebans_colours = pd.concat(tables, ignore_index=True)
    return fig
