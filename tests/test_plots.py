"""Figures a reader can read: axes fitted to the data, whole-year ticks, legends clear of the data."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import annual_report, plots, universalization  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def legend_is_clear_of_the_axes(fig):
    fig.canvas.draw()
    ax = fig.axes[0]
    box = ax.get_legend().get_window_extent()
    axes = ax.get_window_extent()
    return box.x0 >= axes.x1 or box.y0 >= axes.y1


def test_a_regions_series_is_scaled_to_its_states(data):
    report = annual_report.AnnualReport.for_year(data, 2025, region="Africa")
    series = universalization.yearly_series(report.data, range(1997, 2026), today=report.params.as_of)
    fig = plots.states_parties_over_time(series, "Source: test.", 2025)
    top = fig.axes[0].get_ylim()[1]
    assert series["universe"].max() <= top <= 60  # 49 States in Africa, not an axis to 200
    assert legend_is_clear_of_the_axes(fig)


def test_one_year_of_retained_mines_gets_a_year_axis_around_it():
    wide = pd.DataFrame({"AAA": [1500.0]}, index=pd.Index([1999], name="year"))
    fig = plots.retained_mines(wide, pd.Series({"AAA": "A State"}), "Source: test.")
    low, high = fig.axes[0].get_xlim()
    assert 1998 <= low < 1999 < high <= 2000
    fig.canvas.draw()
    ticks = [t for t in fig.axes[0].get_xticks() if low <= t <= high]
    assert all(float(t).is_integer() for t in ticks)


def test_year_ticks_are_whole_years():
    rates = pd.DataFrame({"year": [2002, 2003, 2005], "low": [62.0, 78.0, 62.0], "high": [62.0, 79.0, 62.0]})
    fig = plots.reporting_rate(rates, "Source: test.")
    fig.canvas.draw()
    low, high = fig.axes[0].get_xlim()
    assert all(float(t).is_integer() for t in fig.axes[0].get_xticks() if low <= t <= high)


def test_no_children_in_the_title_without_child_data():
    shares = pd.DataFrame({"year": [2010, 2011], "civilian_pct": [70.0, 73.0], "child_casualties": [pd.NA, pd.NA]})
    fig = plots.casualty_shares(shares.astype({"child_casualties": "Float64"}), "Source: test.")
    assert plots.figure_title(fig) == "Civilians among recorded casualties"


def test_per_state_timelines_have_readable_labels_and_explain_hollow_markers(data):
    figures = annual_report.AnnualReport.for_year(data, 2025).stockpile_figures()
    timeline = next(f for f in figures if plots.figure_title(f).startswith("Stockpile destruction: deadline"))
    ax = timeline.axes[0]
    assert len(ax.get_yticklabels()) > 80
    assert min(label.get_fontsize() for label in ax.get_yticklabels()) >= 8
    assert any("Hollow" in t.get_text() for t in ax.get_legend().get_texts())
    assert legend_is_clear_of_the_axes(timeline)


def test_a_regional_report_breaks_its_region_down(data):
    fig, regions = annual_report.AnnualReport.for_year(data, 2025, region="africa").region_breakdown()
    assert len(regions) > 1 and "Africa" in plots.figure_title(fig)
    assert regions["universe"].sum() == 49


def test_every_caption_is_drawn_inside_the_figure_and_below_the_axes(data):
    """Captions are broken into lines before drawing: each one inside the figure, under the tick labels."""
    report = annual_report.AnnualReport.for_year(data, 2025)
    figures = [*report.status_maps(), *report.stockpile_figures(), *report.unga_figures(), report.deposits_figure()]
    for fig in figures:
        fig.canvas.draw()
        box = fig.texts[-1].get_window_extent()
        assert fig.texts[-1].get_text().startswith("Source")
        assert 0 <= box.x0 and box.x1 <= fig.bbox.width, plots.figure_title(fig)
        for ax in (ax for ax in fig.axes if ax.axison):
            assert box.y1 <= ax.xaxis.get_tightbbox().y0, plots.figure_title(fig)


def test_a_long_caption_keeps_every_word_in_lines_that_fit():
    fig, ax = plt.subplots(figsize=(6, 3))
    caption = "Source: " + " ".join(f"publication{i} (WWW.EXAMPLE.ORG/{i})" for i in range(40))
    plots.finish_figure(fig, ax, "A title", caption)
    drawn = fig.texts[-1]
    assert drawn.get_text().count("\n") >= 4
    assert " ".join(drawn.get_text().split()) == caption
    fig.canvas.draw()
    assert drawn.get_window_extent().x1 <= fig.bbox.width
