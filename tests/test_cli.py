"""The minebans command line: output, exit codes and one-line errors."""

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import cli, universalization
from conftest import running_descendants


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["status", "--as-of", "2007-13-05"], "is not a date in YYYY-MM-DD form"),
        (["status", "--as-of", "yesterday"], "is not a date in YYYY-MM-DD form"),
        (["status", "--as-of", "1997-12-02"], "before the Convention opened for signature"),
        (["status", "--bogus"], "unrecognized arguments"),
        (["progress", "--meeting", "1MSP"], "the first meeting, which closes no period"),
        (["progress", "--meeting", "99MSP"], "not a known meeting"),
        (["progress", "--period", "2008-01-01:2007-01-01"], "before period_start"),
        (["progress", "--meeting", "8MSP", "--period", "2007-01-01:2007-12-31"], "not allowed with argument"),
        (["report", "--years", "2007-2008", "--workers", "0"], "workers must be 1 or more"),
        ([], "required"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(argv, message, capsys):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("minebans: error: ")
    assert message in err


def test_status_reports_a_published_count(capsys):
    """Landmine Monitor 2007: 155 States Parties as of 15 August 2007."""
    assert cli.main(["status", "--as-of", "2007-08-15"]) == 0
    out = capsys.readouterr().out
    assert "status as of 2007-08-15" in out
    assert "Joined (instrument deposited):         155" in out
    assert "2007-08-15  Iraq (accession)" in out
    assert "By region (Landmine Monitor regions):" in out


def test_status_lists_the_year_s_joiners_and_withdrawals(capsys, data):
    assert cli.main(["status", "--as-of", "2026-11-28"]) == 0
    out = capsys.readouterr().out
    counts = universalization.summary(data, "2026-11-28")
    assert f"Withdrawals in effect (Art. 20):      {counts['withdrawn']:>4}" in out
    assert "Withdrawals notified:" in out
    assert "2025-06-27  Lithuania: in effect since 2025-12-27" in out
    assert "2025-07-18  Ukraine: notified a suspension" in out


def test_validate_passes_on_the_project_data(capsys):
    assert cli.main(["validate"]) == 0
    assert "treaty_actions:" in capsys.readouterr().out


@pytest.mark.skipif("rfc3987_syntax" not in importlib.metadata.packages_distributions(),
                    reason="rfc3987_syntax not installed")
def test_the_command_line_reads_notebooks_without_building_iri_grammars():
    """jsonschema, under nbformat, would import rfc3987_syntax, whose grammars take most of a second."""
    code = ("import sys, analysis.cli, nbformat; nbformat.validate(nbformat.v4.new_notebook()); "
            "print(sorted(m for m in sys.modules if m.startswith('rfc3987_syntax.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_refused_report_writes_nothing_and_leaves_no_kernel(tmp_path, capsys):
    """A report's kernel starts before its parameters are checked, to boot meanwhile: refused, it is shut down."""
    before = {p.pid for p in running_descendants()}
    assert cli.main(["report", "--year", "1990", "--output-dir", str(tmp_path / "out")]) == 2
    assert "report_year 1990 is outside the data" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    left = [p for p in running_descendants() if p.pid not in before]
    assert left == [], [p.cmdline() for p in left]


def test_console_script_is_installed():
    """The installed ``minebans`` entry point runs the same code."""
    script = Path(sys.executable).parent / "minebans"
    result = subprocess.run([str(script), "status", "--as-of", "1997-01-01"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("minebans: error:")


def test_progress_writes_the_report_of_a_meeting_into_its_own_folder(tmp_path, capsys):
    assert cli.main(["progress", "--meeting", "8MSP", "--output-dir", str(tmp_path)]) == 0
    folder = tmp_path / "progress-8MSP"
    html = (folder / "report.html").read_text()
    assert "<title>Action plan progress between two meetings: 8MSP</title>" in html
    assert "Eighth Meeting of the States Parties" in html and "Montenegro" in html
    manifest = (folder / "manifest.json").read_text()
    assert '"period_start": "2006-09-23"' in manifest and '"period_end": "2007-11-22"' in manifest
    assert "progress-8MSP" in capsys.readouterr().out
