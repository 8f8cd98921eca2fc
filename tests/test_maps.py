"""World maps: every State has geometry, each map renders, and what is drawn matches the indicators."""

from __future__ import annotations

import io
import shutil
from collections import Counter

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis import annual_report, casualties, maps, paths, stockpiles  # noqa: E402
from analysis import universalization as u  # noqa: E402
from analysis.dataset import Dataset  # noqa: E402
from analysis.plots import STATUS_COLOURS  # noqa: E402

GEO = paths.data_dir() / "geo"
CAPTION = "Source: test."


@pytest.fixture(scope="module")
def shapes(data):
    return maps.project(data.geometry, data.other_areas)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def render(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=60)
    return buffer.getvalue()


def drawn_colours(axes) -> Counter:
    """States drawn per facecolour, read from the collections on ``axes`` (one patch or marker per State)."""
    counts: Counter = Counter()
    for ax in axes:
        for collection in ax.collections:
            gid = collection.get_gid() or ""
            if gid.startswith(("polygon:", "point:")):
                n = len(collection.get_offsets()) if gid.startswith("point:") else len(collection.get_paths())
                faces = collection.get_facecolor()
                assert len(faces) == n, gid
                counts.update(to_hex(face) for face in faces)
    return counts


def expected_status_counts(data, as_of: str) -> dict[str, int]:
    counts = u.summary(data, as_of)
    return {
        "in_force": counts["in_force"],
        "joined_not_in_force": counts["joined_not_in_force"],
        "signatory": counts["signatories_not_ratified"],
        "withdrawn": counts["withdrawn"],
        "non_signatory": counts["not_party"] - counts["signatories_not_ratified"] - counts["withdrawn"],
    }


def test_every_state_has_a_polygon_or_a_point(data):
    geometry = data.geometry
    states = set(data.states["iso3"])
    assert len(states) == 197
    assert set(geometry["iso3"]) == states
    assert geometry["iso3"].is_unique
    assert set(geometry["kind"]) == {"polygon", "point"}
    kinds = geometry.set_index("iso3")["kind"]
    assert (geometry.loc[geometry["kind"] == "polygon"].geom_type.isin(["Polygon", "MultiPolygon"])).all()
    assert (geometry.loc[geometry["kind"] == "point"].geom_type == "Point").all()
    assert geometry.is_valid.all() and not geometry.is_empty.any()
    assert kinds[["FRA", "NOR", "UKR", "SSD"]].eq("polygon").all()
    assert kinds[["VAT", "MCO", "NRU", "TUV", "SGP"]].eq("point").all()


@pytest.mark.parametrize(("change", "message"), [("drop", r"no geometry for \['MCO'\]"),
                                                 ("double", r"more than one for \['MCO'\]")])
def test_a_state_without_geometry_or_with_two_is_refused(tmp_path, change, message):
    copy = tmp_path / "data"
    shutil.copytree(paths.PROJECT_ROOT / "data", copy)
    points = pd.read_csv(copy / "geo" / "points.csv", dtype=str, keep_default_na=False)
    monaco = points[points["iso3"] == "MCO"]
    points = points[points["iso3"] != "MCO"] if change == "drop" else pd.concat([points, monaco])
    points.to_csv(copy / "geo" / "points.csv", index=False)
    with pytest.raises(ValueError, match=message + ".*build_geometry.py"):
        Dataset.load(copy).geometry  # noqa: B018


def test_geometry_files_small_and_points_sourced():
    assert (GEO / "countries.geojson").stat().st_size < 1_000_000
    points = pd.read_csv(GEO / "points.csv", keep_default_na=False)
    assert list(points.columns) == ["iso3", "lon", "lat", "point_source", "note"]
    assert set(points["point_source"]) <= {"ne_110m_capital", "ne_10m_label_point"}
    assert points["lon"].between(-180, 180).all() and points["lat"].between(-90, 90).all()
    assert points["note"].str.len().gt(0).all(), "every point names its capital or says why not"
    assert (GEO / "README.md").read_text().count("public domain") >= 1


@pytest.mark.parametrize("as_of", ["2026-11-28", "2007-08-15"])
def test_status_map_draws_each_state_in_its_summary_colour(as_of, data, shapes):
    fig = maps.status_map(u.status_on(data, as_of), as_of, shapes, CAPTION)
    render(fig)
    expected = expected_status_counts(data, as_of)
    drawn = drawn_colours(fig.axes)
    for category, n in expected.items():
        assert drawn[to_hex(STATUS_COLOURS[category])] == n, category
    assert sum(drawn.values()) == 197
    assert drawn[to_hex("white")] == 197 - u.summary(data, as_of)["universe"]  # not yet independent

    table = fig.minebans_colours
    assert len(table) == 197 and table["iso3"].is_unique
    assert table["category"].value_counts().reindex(list(expected), fill_value=0).to_dict() == expected
    assert fig.axes[0].get_title(loc="left") == f"Mine Ban Treaty status, {as_of}"


def test_status_map_legend_caption_and_visible_small_states(data, shapes):
    fig = maps.status_map(u.status_on(data, "2007-08-15"), "2007-08-15", shapes, CAPTION)
    labels = [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    for category, label in u.STATUS_LABELS.items():
        assert any(text.startswith(label) for text in labels), category
    assert any(label.startswith("Not yet independent") for label in labels)  # South Sudan in 2007
    assert any(" ".join(text.get_text().split()).startswith(CAPTION + " Boundaries: Natural Earth") for text in fig.texts)
    points = [c for c in fig.axes[0].collections if (c.get_gid() or "").startswith("point:")]
    assert sum(len(c.get_offsets()) for c in points) == (data.geometry["kind"] == "point").sum()
    for collection in points:  # a dark edge around every marker
        assert all(sum(edge[:3]) < 0.5 for edge in collection.get_edgecolor())


def test_status_map_into_given_axes_and_for_a_subset(data, shapes):
    fig, ax = plt.subplots()
    africa = data.treaty_status.query("monitor_region == 'Africa'")
    status = u.status_on(data.for_states(africa["iso3"]), "2020-12-31")
    assert maps.status_map(status, "2020-12-31", shapes, CAPTION, ax=ax) is fig
    assert set(fig.minebans_colours["iso3"]) == set(africa["iso3"])
    assert sum(drawn_colours([ax]).values()) == len(africa)


def test_stockpile_map_matches_stockpile_counts(data, shapes):
    as_of = "2026-11-28"
    fig = maps.stockpile_map(stockpiles.status_on(data, as_of), data.states["iso3"], as_of, shapes, CAPTION)
    render(fig)
    drawn = drawn_colours(fig.axes)
    counts = stockpiles.counts(data, as_of)
    for status in stockpiles.STATUSES:
        assert drawn[to_hex(maps.STOCKPILE_COLOURS[status])] == counts[status], status
    assert drawn[to_hex(maps.STOCKPILE_COLOURS["not_party"])] == 197 - sum(counts[s] for s in stockpiles.STATUSES)


def test_casualties_map_colours_the_named_states(data, shapes):
    year = 2005
    named = casualties.most_affected(data, year)
    fig = maps.casualties_map(named, data.states["iso3"], year, shapes, CAPTION)
    render(fig)
    table = fig.minebans_colours
    assert set(table.loc[table["category"] == "named", "iso3"]) == set(named["iso3"])
    assert table.set_index("iso3").loc[named["iso3"], "value"].tolist() == named["casualties"].tolist()
    drawn = drawn_colours(fig.axes)
    assert drawn[to_hex(maps.NOT_NAMED_COLOUR)] == 197 - len(named)
    largest = table.loc[table["value"].idxmax(), "colour"]
    assert drawn[to_hex(largest)] >= 1


def test_casualties_map_refuses_a_year_without_figures(data, shapes):
    with pytest.raises(ValueError, match="1990"):
        maps.casualties_map(casualties.most_affected(data, 1990), data.states["iso3"], 1990, shapes, CAPTION)


def test_small_multiples_one_panel_per_date_each_matching_the_summary(data, shapes):
    dates = ["1999-12-31", "2009-12-31", "2026-11-28"]
    fig = maps.status_small_multiples([(d, u.status_on(data, d)) for d in dates], shapes, CAPTION)
    render(fig)
    panels = [ax for ax in fig.axes if any((c.get_gid() or "").startswith("polygon:") for c in ax.collections)]
    assert len(panels) == len(dates)
    for ax, as_of in zip(panels, dates):
        drawn = drawn_colours([ax])
        for category, n in expected_status_counts(data, as_of).items():
            assert drawn[to_hex(STATUS_COLOURS[category])] == n, (as_of, category)
    assert fig.minebans_colours.groupby("as_of").size().tolist() == [197] * len(dates)


def test_a_report_s_small_multiples_are_the_review_conference_years_then_its_date(data):
    fig = annual_report.AnnualReport.for_year(data, 2025).status_maps()[1]
    dates = sorted(fig.minebans_colours["as_of"].unique())
    assert [str(pd.Timestamp(d).date()) for d in dates[:-1]] == maps.DEFAULT_DATES
    assert pd.Timestamp(dates[-1]) == pd.Timestamp("2025-12-31")


def test_a_regional_report_s_maps_count_the_region_only(data):
    """The legend's counts are the region's, as in the report's text and key numbers."""
    report = annual_report.AnnualReport.for_year(data, 2025, region="Africa")
    status = report.data.treaty_status
    counts = u.summary(report.data, report.params.as_of)
    status_map = report.status_maps()[0]
    assert set(status_map.minebans_colours["iso3"]) == set(status["iso3"])
    legend = [t.get_text() for t in status_map.axes[0].get_legend().get_texts()]
    in_force = u.STATUS_LABELS["in_force"]
    assert f"{in_force} ({counts['in_force']})" in legend
    assert "in Africa" in status_map.axes[0].get_title(loc="left")
    stock_map = report.stockpile_figures()[0]
    assert set(stock_map.minebans_colours["iso3"]) == set(status["iso3"])
    assert sum(int(t.get_text().rsplit("(", 1)[1].rstrip(")")) for t in stock_map.axes[0].get_legend().get_texts()
               if "(" in t.get_text()) == len(status)
