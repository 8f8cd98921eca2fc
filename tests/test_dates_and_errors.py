"""The shared date parameter, date prose, and the library's one root exception."""

from pathlib import Path

import pandas as pd
import pytest

from analysis import cli, dates, paths, sources
from analysis.errors import DataError, MinebansError, ParameterError
from analysis.validation import DataValidationError


@pytest.mark.parametrize(
    ("text", "message"),
    [("2007-13-01", "not a date"), ("1997-12-02", "before the Convention opened for signature"), ("", "not a date")],
)
def test_parse_date_refuses_with_the_parameter_named(text, message):
    with pytest.raises(ParameterError, match=f"--as-of .*{message}"):
        dates.parse_date(text, "--as-of")


def test_parse_date_accepts_the_opening_day_and_checks_the_latest():
    assert dates.parse_date("1997-12-03") == pd.Timestamp("1997-12-03")
    with pytest.raises(ParameterError, match=r"after the data's date \(2026-12-01\)"):
        dates.parse_date("2026-12-02", latest=pd.Timestamp("2026-12-01"), latest_is="the data's date")


def test_long_date_has_no_leading_zero():
    assert dates.long_date(pd.Timestamp("2007-12-05")) == "5 December 2007"


def test_no_platform_specific_strftime_in_the_library():
    """``%-d`` works with glibc only (not on Windows or some macOS builds)."""
    offenders = [p.name for p in (paths.PROJECT_ROOT / "src" / "analysis").glob("*.py")
                 if "%-" in p.read_text(encoding="utf-8").replace("``%-d``", "")]
    assert offenders == []


def test_every_refusal_is_a_minebans_error_with_its_exit_code():
    assert issubclass(ParameterError, MinebansError) and ParameterError.exit_code == 2
    assert issubclass(DataValidationError, DataError) and DataValidationError.exit_code == 1
    assert issubclass(cli.UsageError, ParameterError)


def test_workers_below_one_is_a_one_line_error(tmp_path, capsys):
    assert cli.main(["report", "--years", "2001-2002", "--workers", "0", "--output-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("minebans: error: workers must be 1 or more") and err.count("\n") == 1


def test_status_beyond_the_data_s_date_warns(capsys):
    assert cli.main(["status", "--as-of", "2030-01-01"]) == 0
    assert "after the data's date" in capsys.readouterr().err
    assert cli.main(["status", "--as-of", "2007-01-01"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(("as_of", "edition"), [
    ("2009-11-11", 2008), ("2009-11-12", 2009),  # LM2009 released 12 November 2009 (lm2009_events)
    ("2008-11-28", 2007), ("2008-12-31", 2008),  # LM2008's release day is not compiled: from 31 December
    ("2025-06-30", 2024), ("2025-12-01", 2025),  # LM2025 launched 1 December 2025 (lm2025_unog)
])
def test_an_edition_counts_from_its_release_day(as_of, edition, data):
    assert sources.monitor_edition_by(data, pd.Timestamp(as_of)) == edition


def test_a_source_dated_by_its_year_counts_from_the_year_end():
    assert dates.year_published_by(pd.Timestamp("2025-12-30")) == 2024
    assert dates.year_published_by(pd.Timestamp("2025-12-31")) == 2025
