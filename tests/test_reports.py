"""Report runs: parameter checks, outputs, keeping the last good report, batches, exit codes."""

import asyncio
import gc
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import shutil

import nbformat
import pandas as pd
import psutil
import pytest
from jupyter_core.utils import run_sync

from analysis import annual_report, cli, kernels, paths, plan_progress, reports, universalization
from analysis.annual_report import ParameterError
from conftest import running_descendants

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
def test_parameters_refused_before_the_notebook_runs(tmp_path, parameters, message):
    notebook = fixture_notebook(tmp_path, "raise SystemExit('must not run')")
    with pytest.raises(ParameterError, match=message):
        reports.check_parameters(notebook, parameters)


def test_as_of_defaults_to_end_of_year(data):
    assert annual_report.resolve_parameters(data, 2007).as_of == pd.Timestamp("2007-12-31")


def test_failed_run_keeps_the_last_good_report(tmp_path):
    good = fixture_notebook(tmp_path, "print('fine')", "good.ipynb")
    broken = fixture_notebook(tmp_path, "raise RuntimeError('cell exploded')", "broken.ipynb")
    out = tmp_path / "reports"

    first = reports.run_report(2001, out, notebook=good)
    assert first.ok, first.error
    assert sorted(p.name for p in (out / "2001").iterdir()) == ["key_numbers.csv", "manifest.json", "report.html", "report.ipynb"]
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
def test_annual_report_executes(tmp_path, year, data):
    """The real report notebook, an early and a recent year."""
    result = reports.run_report(year, tmp_path)
    assert result.ok, result.error
    folder = tmp_path / str(year)
    html = (folder / "report.html").read_text()
    assert html.count("data:image/png;base64") >= 3
    assert "import matplotlib" not in html, "code cells are hidden"
    key = pd.read_csv(folder / "key_numbers.csv").set_index("indicator")["value"]
    as_of = pd.Timestamp(year=year, month=12, day=31)
    assert key["States Parties (joined)"] == len(universalization.states_parties(data, as_of, "joined"))
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["parameters"]["report_year"] == year
    assert "treaty_actions.csv" in manifest["inputs_sha256"]
    assert manifest["timings_seconds"]["execute"] > 0
    if year == 2025:  # the plan in force: every section of it, with a paragraph
        for title in plan_progress.section_labels(data).values():
            assert f">{title}<" in html or f">{title}<a" in html, title
        assert "source_id" not in html and "State(s)" not in html and " -&gt; " not in html


def test_the_report_runs_on_a_copied_data_folder_and_shows_its_change(tmp_path, data):
    """Nothing reads the project's data behind the report's back: a State that joins in a copy
    of the data joins in the report made from it (notebook, key numbers and all)."""
    copy = tmp_path / "data"
    shutil.copytree(paths.PROJECT_ROOT / "data", copy)
    actions = pd.read_csv(copy / "treaty_actions.csv", dtype=str, keep_default_na=False)
    outside = universalization.states_not_party(data, "2025-12-31")
    newcomer = outside[outside["status"] == universalization.STATUS_LABELS["non_signatory"]].iloc[0]
    assert newcomer["iso3"] not in set(actions["iso3"])
    row = {column: "" for column in actions.columns}
    row.update(iso3=newcomer["iso3"], consent_type="accession", consent_date="2025-03-14",
               source_id=actions["source_id"].iloc[0])
    pd.concat([actions, pd.DataFrame([row])]).to_csv(copy / "treaty_actions.csv", index=False)

    out = tmp_path / "out"
    assert cli.main(["--data-dir", str(copy), "report", "--year", "2025", "--output-dir", str(out)]) == 0
    key = pd.read_csv(out / "2025" / "key_numbers.csv").set_index("indicator")["value"]
    before = universalization.summary(data, "2025-12-31")
    assert int(key["States Parties (joined)"]) == before["joined"] + 1
    assert int(key["States not party"]) == before["not_party"] - 1
    html = (out / "2025" / "report.html").read_text()
    assert f"{newcomer['state']} (14 March 2025)" in html, "the year's joiners, as the notebook wrote them"
    manifest = json.loads((out / "2025" / "manifest.json").read_text())
    assert manifest["inputs_sha256"]["treaty_actions.csv"] != reports._sha256(paths.PROJECT_ROOT / "data" / "treaty_actions.csv")


def test_cli_report_exit_codes(tmp_path, capsys):
    assert cli.main(["report", "--year", "1990", "--output-dir", str(tmp_path)]) == 2
    assert cli.main(["report", "--years", "2005-2001", "--output-dir", str(tmp_path)]) == 2
    assert cli.main(["report", "--years", "2001-2002", "--region", "Africa"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all(line.startswith("minebans: error:") for line in err)
    assert not any(tmp_path.iterdir()), "nothing written for refused parameters"


def test_a_date_before_the_convention_is_refused_for_a_report(tmp_path):
    notebook = fixture_notebook(tmp_path, "raise SystemExit('must not run')")
    with pytest.raises(ParameterError, match="before the Convention opened for signature"):
        reports.check_parameters(notebook, {"report_year": 1997, "as_of": "1997-06-01"})


def test_a_regional_report_of_a_year_with_no_deposit_in_the_region(tmp_path):
    """1997: no State of Asia-Pacific had deposited an instrument; the report still runs."""
    result = reports.run_report(1997, tmp_path, region="Asia-Pacific")
    assert result.ok, result.error


def test_a_hung_cell_fails_the_report_after_the_timeout(tmp_path):
    notebook = fixture_notebook(tmp_path, "import time\ntime.sleep(120)")
    result = reports.run_report(2001, tmp_path / "out", notebook=notebook, cell_timeout=3)
    assert not result.ok and "timed out" in result.error.lower()
    assert result.seconds < 60
    assert not (tmp_path / "out" / "2001").exists()
    assert "time.sleep(120)" in (tmp_path / "out" / "2001.failed" / "error.txt").read_text()


def test_the_report_folder_is_readable_as_the_umask_allows(tmp_path):
    notebook = fixture_notebook(tmp_path, "print('fine')")
    previous = os.umask(0o022)
    try:
        result = reports.run_report(2001, tmp_path / "out", notebook=notebook)
    finally:
        os.umask(previous)
    assert result.ok, result.error
    assert stat.S_IMODE((tmp_path / "out" / "2001").stat().st_mode) == 0o755


def _run_in_subprocess(code: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def test_no_kernel_warning_about_unencrypted_transport(tmp_path):
    notebook = fixture_notebook(tmp_path, "print('fine')")
    code = (f"from analysis import reports; r = reports.run_report(2001, {str(tmp_path / 'out')!r}, "
            f"notebook={str(notebook)!r}); assert r.ok, r.error")
    process = _run_in_subprocess(code, tmp_path)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "without encryption" not in err
    assert "Parent appears to have exited" not in err, "the report's kernel outlived the report"


def test_a_single_report_shuts_its_kernel_down(tmp_path):
    notebook = fixture_notebook(tmp_path, "print('fine')")
    before = {p.pid for p in running_descendants()}
    assert reports.run_report(2001, tmp_path / "out", notebook=notebook).ok
    left = [p for p in running_descendants() if p.pid not in before]
    assert left == [], [p.cmdline() for p in left]


def _descendants(pid: int) -> list[psutil.Process]:
    return psutil.Process(pid).children(recursive=True)


@pytest.mark.parametrize("argv", [["--year", "2001"], ["--years", "2001-2003", "--workers", "2"]])
def test_sigterm_leaves_no_temporary_folder_and_no_kernel(tmp_path, argv):
    """Stopped mid-run (cron's or CI's SIGTERM), a report removes its work and shuts its kernels down;
    a batch also removes the folders of the years still waiting for a worker."""
    out = tmp_path / "out"
    notebook = fixture_notebook(tmp_path, "import time\ntime.sleep(120)")
    code = ("import sys; from analysis import cli, reports\n"
            f"reports.ANNUAL_REPORT = {str(notebook)!r}\n"
            f"sys.exit(cli.main(['report', *{argv!r}, '--output-dir', {str(out)!r}]))")
    process = _run_in_subprocess(code, tmp_path)
    deadline = time.monotonic() + 90
    expected = 2 if "--years" in argv else 1
    while time.monotonic() < deadline:  # every worker has a kernel running the sleeping cell
        kernels = [p for p in _descendants(process.pid) if "ipykernel" in " ".join(p.cmdline())]
        if len(kernels) >= expected and len(list(out.glob(".200*-*"))) >= expected:
            break
        time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("the report did not start its kernels")
    time.sleep(2)
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=60)
    assert process.returncode != 0
    gone, alive = psutil.wait_procs(kernels, timeout=20)
    assert alive == [], "kernels left running"
    assert list(out.glob(".200*-*")) == [], "temporary folders left behind"


@pytest.mark.parametrize(("parameters", "folder"), [
    ({"report_year": 2025}, "2025"),
    ({"report_year": 2025, "as_of": "2025-12-31"}, "2025"),
    ({"report_year": 2025, "region": "Africa"}, "2025-africa"),
    ({"report_year": 2025, "as_of": "2025-06-30"}, "2025-as-of-2025-06-30"),
    ({"report_year": 2025, "region": "europe, the caucasus and central asia", "as_of": "2025-06-30"},
     "2025-europe-the-caucasus-and-central-asia-as-of-2025-06-30"),
])
def test_report_folders_name_region_and_date_so_they_never_replace_the_global_report(parameters, folder, data):
    assert annual_report.resolve_parameters(data, **parameters).folder_name == folder


def test_a_regional_report_goes_beside_the_global_one(tmp_path):
    notebook = fixture_notebook(tmp_path, "print(region)")
    out = tmp_path / "out"
    assert reports.run_report(2001, out, notebook=notebook).ok
    result = reports.run_report(2001, out, region="africa", notebook=notebook)
    assert result.ok and result.path == out / "2001-africa"
    assert sorted(p.name for p in out.iterdir()) == ["2001", "2001-africa"]
    executed = nbformat.read(result.path / "report.ipynb", as_version=4)
    assert "Africa" in json.dumps(executed.cells[-1]["outputs"]), "the region reaches the notebook as spelled"


def test_regions_are_matched_whatever_their_case(data):
    assert annual_report.resolve_parameters(data, 2025, region="MIDDLE EAST AND NORTH AFRICA").region == \
        "Middle East and North Africa"


def test_a_year_whose_end_is_after_the_data_says_which_date_it_uses(tmp_path, monkeypatch, capsys, data):
    monkeypatch.setattr(reports, "run_report", lambda *a, **k: reports.ReportResult(2026, True, tmp_path, 0.0))
    assert cli.main(["report", "--year", "2026", "--output-dir", str(tmp_path)]) == 0
    note = capsys.readouterr().err
    assert f"2026 report is as of {data.data_as_of.date()}, the data's date" in note
    assert cli.main(["report", "--year", "2025", "--output-dir", str(tmp_path)]) == 0
    assert "note" not in capsys.readouterr().err


def test_code_run_in_a_kept_kernel_stays_there_and_its_failure_is_raised():
    km = kernels.start(paths.notebooks_dir(), warm_up=())
    try:
        kernels.run_in_kernel(km, reports.FREEZE_LONG_LIVED + "; frozen = gc.get_freeze_count()")
        kernels.run_in_kernel(km, "assert frozen > 0")  # the same interpreter, its objects frozen
        with pytest.raises(RuntimeError, match="NameError"):
            kernels.run_in_kernel(km, "undefined_name")
    finally:
        kernels.shutdown(km)
    assert not km.has_kernel


CHATTY = ("import sys, threading, time\n"
          "def chatter():\n"
          "    while True:\n"
          "        print('.', end=''); sys.stdout.flush(); time.sleep(0.05)\n"
          "threading.Thread(target=chatter, daemon=True).start()")


def test_a_new_client_is_ready_while_the_kernel_keeps_writing_and_runs_code_as_usual():
    """jupyter_client's own client waits for 0.2 s of silence on IOPub: it would wait here forever."""
    km = kernels.start(paths.notebooks_dir(), warm_up=(CHATTY,))
    try:
        client = km.client()
        client.start_channels()
        try:
            async def ready() -> None:
                await asyncio.wait_for(client.wait_for_ready(timeout=60), timeout=30)
            run_sync(ready)()
        finally:
            client.stop_channels()
        kernels.run_in_kernel(km, "assert 1 + 1 == 2")  # a request's replies are told from the chatter
    finally:
        kernels.shutdown(km)


def test_batch_workers_are_forked_with_the_parents_objects_frozen_and_the_parent_left_as_it_was(tmp_path):
    pool = reports._forked_pool(1, tmp_path)
    try:
        assert pool.apply(gc.get_freeze_count) > 0
    finally:
        pool.terminate()
        pool.join()
    assert gc.get_freeze_count() == 0


def test_a_started_kernel_has_loaded_the_report_libraries_in_its_folder_under_no_name(tmp_path):
    km = kernels.start(tmp_path)
    try:
        kernels.run_in_kernel(km, "import os, sys\n"
                                  "assert {'analysis.annual_report', 'matplotlib.pyplot'} <= set(sys.modules)\n"
                                  "assert not {'analysis', 'matplotlib', 'IPython'} & set(dir()), dir()\n"
                                  f"assert os.getcwd() == {str(tmp_path)!r}")
    finally:
        kernels.shutdown(km)


def test_a_warm_up_cell_that_raises_leaves_the_kernel_running_the_next(tmp_path):
    km = kernels.start(tmp_path, warm_up=("raise ValueError('no')", "after = 1"))
    try:
        kernels.run_in_kernel(km, "assert after == 1")
    finally:
        kernels.shutdown(km)
