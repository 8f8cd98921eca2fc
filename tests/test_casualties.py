"""Casualty series by edition, revisions and the checks on the casualty tables."""

import pandas as pd
import pytest

import shutil

from analysis import casualties, paths
from analysis.dataset import Dataset
from analysis.validation import DataValidationError


def table(rows):
    """A casualties frame with the loader's columns."""
    frame = pd.DataFrame(rows, columns=["year", "edition", "casualties"])
    frame["casualties"] = frame["casualties"].astype("Int64")
    frame["estimate_low"] = pd.array([pd.NA] * len(frame), dtype="Int64")
    return frame


REVISED = Dataset.from_tables(casualties_global=table([
    (2006, 2007, 5751), (2006, 2008, 6022), (2006, 2016, 6573),
    (2007, 2008, 5426), (2007, 2009, 5473),
    (2008, 2009, 5197),
    (2002, 2003, None),  # estimate only
]))


def test_latest_edition_per_year():
    got = casualties.series(REVISED, "latest")
    assert got[["year", "edition", "casualties"]].values.tolist() == [
        [2006, 2016, 6573], [2007, 2009, 5473], [2008, 2009, 5197]]


def test_first_edition_per_year():
    got = casualties.series(REVISED, "first")
    assert got["casualties"].tolist() == [5751, 5426, 5197]


def test_named_edition_only():
    assert casualties.series(REVISED, 2009)["year"].tolist() == [2007, 2008]


def test_vintage_as_it_stood_at_a_date():
    """A 2008 report sees neither the 2009 nor the 2016 revisions."""
    got = casualties.series(REVISED, "latest", up_to_edition=2008)
    assert got["casualties"].tolist() == [6022, 5426]


def test_unknown_edition_refused():
    with pytest.raises(ValueError, match="edition"):
        casualties.series(REVISED, "newest")


def test_revisions():
    got = casualties.revisions(REVISED).set_index("year")
    assert got.loc[2006, "difference"] == 6573 - 5751
    assert got.loc[2006, "difference_pct"] == pytest.approx(14.3)
    assert got.loc[2008, "difference"] == 0


def test_report_year_uses_editions_published_by_then():
    row = casualties.latest_for_report(REVISED, 2009)
    assert (row["year"], row["edition"], row["casualties"]) == (2008, 2009, 5197)
    assert casualties.latest_for_report(REVISED, 2002) is None


def test_every_year_from_1999_has_a_recorded_figure_or_documented_gap(data):
    table = data.casualties
    recorded = set(table.loc[table["casualties"].notna(), "year"])
    assert set(range(1999, 2025)) <= recorded


def test_totals_add_up_in_the_real_data(data):
    rows = data.casualties.dropna(subset=["casualties", "killed", "injured", "status_unknown"])
    assert len(rows) >= 10
    assert (rows["killed"] + rows["injured"] + rows["status_unknown"] == rows["casualties"]).all()


def test_parts_that_do_not_add_up_are_refused(data_dir):
    shutil.copy(paths.data_dir() / "casualties_global.csv", data_dir)
    original = (data_dir / "casualties_global.csv").read_text()
    assert "2007,2008,5426,1401,3939,86," in original
    (data_dir / "casualties_global.csv").write_text(original.replace("5426,1401,3939,86,", "5426,1401,3939,87,"))
    shutil.copy(paths.data_dir() / "sources.csv", data_dir)
    with pytest.raises(DataValidationError, match="killed \\+ injured"):
        Dataset.load(data_dir).casualties  # noqa: B018


def test_series_of_another_measure_picks_editions_that_state_it(data):
    shares = casualties.series(data, "latest", measure="civilian_pct")
    assert shares["civilian_pct"].notna().all()
    assert shares.set_index("year").loc[2011, "edition"] == 2014  # LM2014 gives only the share for 2011


def test_as_first_published_means_the_edition_that_covered_the_year(data):
    """1999 has a total only in a 2012 press release (lm2012_article36): a restatement, not the first publication."""
    first = casualties.series(data, "first")
    assert (first["edition"] == first["year"] + 1).all()
    assert 1999 not in set(first["year"])
    assert 1999 in set(casualties.series(data, "latest")["year"])
