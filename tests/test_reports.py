"""Report runs: parameter checks, outputs, keeping the last good report, batches, exit codes."""

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis import annual_report, cli, reports, universalization
from analysis.annual_report import ParameterError

PARAMETERS = ('report_year: int = 2025  # calendar year\n'
              'as_of: str = ""  # date\n'
              'region: str = ""  # region\n')


def fixture_notebook(folder: Path, body: str, name: str = "fixture.ipynb") -> Path:
    """A parameterised notebook whose second cell is ``body``."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(PARAMETERS)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(body)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / name
    nbformat.write(nb, path)
    return path


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"report_year": 2007, "colour": "red"}, "unknown parameter"),
        ({"report_year": 1990}, "outside the data"),
        ({"report_year": 2100}, "outside the data"),
        ({"report_year": 2007, "as_of": "2008-01-01"}, "outside the report year"),
        ({"report_year": 2007, "as_of": "2007-02-30"}, "not a date"),
        ({"report_year": 2026, "as_of": "2026-12-31"}, "after the data's date"),
        ({"report_year": 2007, "region": "Atlantis"}, "is not one of"),
        ({"report_year": "2007"}, "whole number"),
    ],
)
def test_parameters_refused_before_any_kernel_starts(tmp_path, parameters, message):
    notebook = fixture_notebook(tmp_path, "raise SystemExit('must not run')")
    with pytest.raises(ParameterError, match=message):
        reports.check_parameters(notebook, parameters)


def test_as_of_defaults_to_end_of_year():
    assert annual_report.resolve_parameters(2007).as_of == pd.Timestamp("2007-12-31")


def test_failed_run_keeps_the_last_good_report(tmp_path):
    good = fixture_notebook(tmp_path, "print('fine')", "good.ipynb")
    broken = fixture_notebook(tmp_path, "raise RuntimeError('cell exploded')", "broken.ipynb")
    out = tmp_path / "reports"

    first = reports.run_report(2001, out, notebook=good)
    assert first.ok, first.error
    assert sorted(p.name for p in (out / "2001").iterdir()) == sorted(reports.OUTPUT_FILES)
    manifest_before = (out / "2001" / "manifest.json").read_text()

    second = reports.run_report(2001, out, notebook=broken)
    assert not second.ok and "cell exploded" in second.error
    assert (out / "2001" / "manifest.json").read_text() == manifest_before
    failed_nb = nbformat.read(out / "2001.failed" / "report.ipynb", as_version=4)
    assert any("cell exploded" in json.dumps(cell.get("outputs", [])) for cell in failed_nb.cells)
    assert not list(out.glob(".2001-*")), "no temporary folder is left behind"

    third = reports.run_report(2001, out, notebook=good)
    assert third.ok and not (out / "2001.failed").exists()


def test_batch_runs_on_after_a_failing_year(tmp_path):
    notebook = fixture_notebook(tmp_path, "assert report_year != 2001, 'no report for 2001'")
    results = reports.run_batch([2000, 2001, 2002], tmp_path / "out", workers=2, notebook=notebook, progress=False)
    assert [(r.year, r.ok) for r in results] == [(2000, True), (2001, False), (2002, True)]
    assert "FAILED 2001" in reports.result_summary(results)


@pytest.mark.parametrize("year", [1999, 2025])
def test_annual_report_executes(tmp_path, year):
    """The real report notebook, an early and a recent year."""
    result = reports.run_report(year, tmp_path)
    assert result.ok, result.error
    folder = tmp_path / str(year)
    html = (folder / "report.html").read_text()
    assert html.count("data:image/png;base64") >= 3
    assert "import matplotlib" not in html, "code cells are hidden"
    key = pd.read_csv(folder / "key_numbers.csv").set_index("indicator")["value"]
    as_of = pd.Timestamp(year=year, month=12, day=31)
    assert key["States Parties (joined)"] == len(universalization.states_parties(as_of, "joined"))
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["parameters"]["report_year"] == year
    assert "treaty_actions.csv" in manifest["inputs_sha256"]
    assert manifest["timings_seconds"]["execute"] > 0


def test_cli_report_exit_codes(tmp_path, capsys):
    assert cli.main(["report", "--year", "1990", "--output-dir", str(tmp_path)]) == 2
    assert cli.main(["report", "--years", "2005-2001", "--output-dir", str(tmp_path)]) == 2
    assert cli.main(["report", "--years", "2001-2002", "--region", "Africa"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all(line.startswith("minebans: error:") for line in err)
    assert not any(tmp_path.iterdir()), "nothing written for refused parameters"
