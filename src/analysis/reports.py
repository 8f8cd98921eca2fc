"""Run the report notebooks: parameters checked first, papermill, HTML, manifest, atomic writes.

A report is executed into a temporary folder beside its destination and moved
into place only when every output exists, so a failed run never replaces the
last good report. The failed notebook is kept under ``<year>.failed/`` so the
failing cell can be read (for a cell that timed out, ``error.txt`` there quotes
it). The notebook is written once, when it has run, not after every cell as
papermill does by default: each write re-encodes every figure so far.

A batch runs its notebooks in parallel processes, each keeping one kernel alive
across its reports, so the libraries and datasets load once per kernel rather
than once per report; the parent process exports and places each report as it
comes back, while the workers run the next.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import multiprocessing.pool
import platform
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

import nbformat
import papermill
from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError
from papermill.exceptions import PapermillExecutionError
from tqdm import tqdm

import analysis
from analysis import action_plans, annual_report, html_export, kernels, paths
from analysis.dataset import Dataset
from analysis.errors import ParameterError
from analysis.kernels import CELL_TIMEOUT, KERNEL_NAME

ANNUAL_REPORT = "annual_report.ipynb"
PROGRESS_REPORT = "action_plan_progress.ipynb"


@dataclass
class ReportResult:
    """What happened to one report."""

    year: int
    ok: bool
    path: Path
    seconds: float
    error: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    name: str = ""  # the report's folder under the output folder


def check_parameters(notebook: Path, parameters: dict[str, Any],
                     data: Dataset | None = None) -> annual_report.ReportParameters:
    """Refuse unknown parameter names and out-of-range values before the notebook runs
    (``data`` defaults to :meth:`Dataset.load`, the dataset the notebook will load)."""
    declared = papermill.inspect_notebook(str(notebook))
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        raise ParameterError(f"unknown parameter(s) {', '.join(unknown)}; {notebook.name} takes {', '.join(declared)}")
    return annual_report.resolve_parameters(data or Dataset.load(), **parameters)


def _sha256(path: Path) -> str:
    stat = path.stat()
    return _sha256_of(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def _sha256_of(path: Path, size: int, mtime_ns: int) -> str:
    """Hashed once per file version: a batch worker writes many manifests over the same data."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(paths.PROJECT_ROOT), "rev-parse", "HEAD"],
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def input_checksums() -> dict[str, str]:
    """SHA-256 of every data file, keyed by its path relative to the data folder."""
    data = paths.data_dir()
    return {str(p.relative_to(data)): _sha256(p) for p in sorted(data.rglob("*")) if p.is_file()}


def cell_timings(nb: nbformat.NotebookNode) -> dict[str, float]:
    """Seconds spent in the cells of an executed notebook, summed by their first tag (``untagged`` otherwise)."""
    totals: dict[str, float] = {}
    for cell in nb.cells:
        duration = cell.get("metadata", {}).get("papermill", {}).get("duration")
        if duration is None:
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        tag = tags[0] if tags else "untagged"
        totals[tag] = totals.get(tag, 0.0) + float(duration)
    return {k: round(v, 3) for k, v in totals.items()}


def _work_dir(output_dir: Path, name: str) -> Path:
    """A new hidden folder beside the report's destination, with the permissions the user's umask
    gives (not the owner-only mode of a temporary folder), so the moved report is readable as usual."""
    work = output_dir / f".{name}-{uuid.uuid4().hex[:12]}"
    work.mkdir()
    return work


def _replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; the old ``target`` is removed only after the swap."""
    backup = target.with_name(f".{target.name}.old")
    if backup.exists():
        shutil.rmtree(backup)
    if target.exists():
        target.rename(backup)
    new.rename(target)
    if backup.exists():
        shutil.rmtree(backup)


def _error_summary(error: Exception, cell_timeout: int) -> str:
    """One line saying why a report failed: the notebook's exception, or the timeout."""
    if isinstance(error, CellTimeoutError):
        return f"a cell ran for more than {cell_timeout} s and timed out"
    if isinstance(error, PapermillExecutionError):
        return f"{error.ename}: {error.evalue}"
    lines = [line for line in str(error).splitlines() if line.strip()]
    return lines[-1].strip() if lines else type(error).__name__


def _execute(notebook: Path, output: Path, parameters: dict[str, Any],
             kernel_manager: AsyncKernelManager | None, cell_timeout: int) -> nbformat.NotebookNode:
    """papermill, on the given (kept warm) kernel, or on a new one that is shut down afterwards:
    papermill leaves a kernel it did not start running, to find its parent gone at exit.
    Returns the executed notebook, also written to ``output`` (when it has run, or at the failing cell)."""
    km = kernel_manager or kernels.new_kernel_manager()
    try:
        return papermill.execute_notebook(
            str(notebook), str(output), parameters=parameters, kernel_name=KERNEL_NAME,
            progress_bar=False, cwd=str(notebook.parent), execution_timeout=cell_timeout, km=km,
            request_save_on_cell_execute=False,
        )
    finally:
        if kernel_manager is None:
            kernels.shutdown(km)


@dataclass
class _Report:
    """A report on its way to ``output_dir/folder``: what it runs, and the hidden folder it is
    written in until every output exists."""

    notebook: Path
    parameters: dict[str, Any]
    output_dir: Path
    folder: str
    year: int
    resolved: dict[str, Any]
    work: Path

    @classmethod
    def begin(cls, notebook: Path, parameters: dict[str, Any], output_dir: Path, folder: str, year: int,
              resolved: dict[str, Any]) -> _Report:
        output_dir.mkdir(parents=True, exist_ok=True)
        return cls(notebook, parameters, output_dir, folder, year, resolved, _work_dir(output_dir, folder))

    def execute(self, kernel_manager: AsyncKernelManager | None, cell_timeout: int,
                timings: dict[str, Any]) -> nbformat.NotebookNode:
        """Run the notebook into the work folder, adding its stage timings to ``timings``."""
        started = time.perf_counter()
        executed = _execute(self.notebook, self.work / "report.ipynb", self.parameters, kernel_manager, cell_timeout)
        timings["execute"] = round(time.perf_counter() - started, 3)
        timings["cells"] = cell_timings(executed)
        return executed

    def finish(self, executed: nbformat.NotebookNode, write_extra: Callable[[Path], None] | None,
               timings: dict[str, Any]) -> None:
        """Export the executed notebook to HTML, write the extra outputs and the manifest."""
        mark = time.perf_counter()
        html_export.write(executed, self.work / "report.html")
        timings["export_html"] = round(time.perf_counter() - mark, 3)
        if write_extra is not None:
            write_extra(self.work)
        timings["total"] = round(timings["execute"] + time.perf_counter() - mark, 3)
        manifest = {
            "report": self.notebook.name,
            "parameters": self.parameters,
            "resolved": self.resolved,
            "package_version": analysis.__version__,
            "git_commit": _git_commit(),
            "python": platform.python_version(),
            "created_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "notebook_sha256": _sha256(self.notebook),
            "inputs_sha256": input_checksums(),
            "timings_seconds": timings,
            "outputs": sorted(p.name for p in self.work.iterdir()) + ["manifest.json"],
        }
        (self.work / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")

    def failed(self, error: Exception, cell_timeout: int, seconds: float, timings: dict[str, Any]) -> ReportResult:
        """Keep the evidence in ``<folder>.failed/``, and the last good report where it is."""
        failed = self.output_dir / f"{self.folder}.failed"
        if failed.exists():
            shutil.rmtree(failed)
        (self.work / "error.txt").write_text(f"{error}\n", encoding="utf-8")
        self.work.rename(failed)
        return ReportResult(self.year, False, failed, seconds, error=_error_summary(error, cell_timeout),
                            timings=timings, name=self.folder)

    def place(self, seconds: float, timings: dict[str, Any]) -> ReportResult:
        """Move the finished report into place, replacing the last one and any failed run's notebook."""
        target, failed = self.output_dir / self.folder, self.output_dir / f"{self.folder}.failed"
        _replace_dir(self.work, target)
        if failed.exists():
            shutil.rmtree(failed)
        return ReportResult(self.year, True, target, seconds, timings=timings, name=self.folder)


def run_report(
    year: int,
    output_dir: Path,
    as_of: str | None = None,
    region: str | None = None,
    notebook: Path | None = None,
    kernel_manager: AsyncKernelManager | None = None,
    cell_timeout: int = CELL_TIMEOUT,
) -> ReportResult:
    """Execute the annual report for ``year`` into ``output_dir/<folder>/``.

    The folder is the year, with the region and the date where they are given
    (:attr:`annual_report.ReportParameters.folder_name`).

    Writes the executed notebook, an HTML file, the key numbers (CSV) and a run
    manifest. On failure (a cell raising, or running over ``cell_timeout``
    seconds) the previous ``<folder>/`` is left untouched and the failed notebook
    is kept in ``<folder>.failed/``. Interrupted (Ctrl-C, SIGTERM), it removes its
    temporary folder and re-raises.

    Raises:
        ParameterError: before anything runs, for unknown or out-of-range parameters.
    """
    notebook = Path(notebook or paths.notebooks_dir() / ANNUAL_REPORT)
    data = Dataset.load()
    resolved = check_parameters(notebook, {"report_year": year, "as_of": as_of or "", "region": region or ""}, data)
    write_key_numbers = _key_numbers_writer(data, resolved)
    return _run(_annual_report(notebook, Path(output_dir), resolved), write_key_numbers, kernel_manager, cell_timeout)


def _annual_report(notebook: Path, output_dir: Path, resolved: annual_report.ReportParameters) -> _Report:
    """The annual report of ``resolved``, its work folder made."""
    parameters = {"report_year": resolved.report_year,
                  "as_of": "" if resolved.default_date else resolved.as_of.date().isoformat(),
                  "region": resolved.region or ""}  # the region as the data spells it
    return _Report.begin(notebook, parameters, output_dir, resolved.folder_name, resolved.report_year,
                         {"report_year": resolved.report_year, "as_of": resolved.as_of.date().isoformat(),
                          "region": resolved.region})


def _key_numbers_writer(data: Dataset, resolved: annual_report.ReportParameters) -> Callable[[Path], None]:
    """What writes the report's key numbers (CSV) into its work folder."""
    report = annual_report.AnnualReport(data, resolved)
    return lambda work: report.key_numbers().to_csv(work / "key_numbers.csv", index=False)


def run_progress(
    output_dir: Path,
    meeting: str = "",
    period_start: str = "",
    period_end: str = "",
    cell_timeout: int = CELL_TIMEOUT,
    kernel_manager: AsyncKernelManager | None = None,
) -> ReportResult:
    """Execute the action plan progress report for a meeting's period (or two dates) into
    ``output_dir/progress-<meeting>/`` (or ``progress-<start>-to-<end>/``), as :func:`run_report`
    does (on ``kernel_manager``'s kernel, if given): parameters checked first, the last good report
    kept if this one fails.

    Raises:
        ParameterError: before anything runs, for an unknown meeting or bad dates.
    """
    notebook = paths.notebooks_dir() / PROGRESS_REPORT
    start, end, _ = action_plans.resolve_period(Dataset.load(), meeting, period_start, period_end)
    folder = f"progress-{meeting}" if meeting else f"progress-{start.date()}-to-{end.date()}"
    parameters = {"meeting": meeting, "period_start": period_start, "period_end": period_end}
    report = _Report.begin(notebook, parameters, Path(output_dir), folder, end.year,
                           {"meeting": meeting or None, "period_start": start.date().isoformat(),
                            "period_end": end.date().isoformat()})
    return _run(report, None, kernel_manager, cell_timeout)


def _run(report: _Report, write_extra: Callable[[Path], None] | None,
         kernel_manager: AsyncKernelManager | None, cell_timeout: int) -> ReportResult:
    """Execute, export and place ``report``: on failure keep the evidence, when interrupted
    leave nothing half-written behind."""
    started, timings = time.perf_counter(), {}
    try:
        report.finish(report.execute(kernel_manager, cell_timeout, timings), write_extra, timings)
    except Exception as error:
        return report.failed(error, cell_timeout, time.perf_counter() - started, timings)
    except BaseException:
        shutil.rmtree(report.work, ignore_errors=True)
        raise
    return report.place(time.perf_counter() - started, timings)


# --- batches: one long-lived kernel per worker process; the parent exports and places ---------

_worker_kernel: AsyncKernelManager | None = None
_worker_kernel_frozen = False

#: Run in a worker's kernel after its first report, which imported the libraries and read the
#: data: those live as long as the kernel, and once frozen the garbage collector no longer
#: walks them at every full collection of the reports that follow (a tenth of a warm report).
FREEZE_LONG_LIVED = "import gc; gc.collect(); gc.freeze()"


@dataclass
class _Executed:
    """What a batch worker sends back: the report it ran, and its outcome."""

    report: _Report
    seconds: float
    timings: dict[str, Any]
    notebook: nbformat.NotebookNode | None = None  # the executed notebook, if it ran
    result: ReportResult | None = None  # the failure, if it did not


def _shutdown_worker_kernel() -> None:
    """Shut down the worker's kernel, if running; the next report starts a new one."""
    global _worker_kernel
    if _worker_kernel is not None:
        kernels.shutdown(_worker_kernel)
    _worker_kernel = None


def _init_worker(notebook_folder: Path) -> None:
    """A batch worker: SIGINT is left to its parent, SIGTERM exits cleanly, its kernel starts
    now, to boot while the first report is handed out, and is shut down when the worker exits
    (multiprocessing's finalizers run where ``atexit`` does not)."""
    global _worker_kernel, _worker_kernel_frozen
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    kernels.exit_cleanly_on_sigterm()
    multiprocessing.util.Finalize(None, _shutdown_worker_kernel, exitpriority=10)
    _worker_kernel, _worker_kernel_frozen = kernels.start(notebook_folder), False


def _batch_job(job: tuple[_Report, int]) -> _Executed:
    """Execute one report in the worker's kept kernel; the parent finishes it."""
    global _worker_kernel, _worker_kernel_frozen
    report, cell_timeout = job
    if _worker_kernel is None:
        _worker_kernel, _worker_kernel_frozen = kernels.start(report.notebook.parent), False
    started, timings = time.perf_counter(), {}
    try:
        executed = report.execute(_worker_kernel, cell_timeout, timings)
    except Exception as error:  # a failed run may leave the kernel in any state: start afresh
        _shutdown_worker_kernel()
        return _Executed(report, 0, timings,
                         result=report.failed(error, cell_timeout, time.perf_counter() - started, timings))
    except BaseException:
        shutil.rmtree(report.work, ignore_errors=True)
        raise
    if not _worker_kernel_frozen:
        try:
            kernels.run_in_kernel(_worker_kernel, FREEZE_LONG_LIVED)
            _worker_kernel_frozen = True
        except (RuntimeError, TimeoutError):  # only a speed-up: the report stands, the kernel starts afresh
            _shutdown_worker_kernel()
    return _Executed(report, time.perf_counter() - started, timings, notebook=executed)


def _finish_batch_report(executed: _Executed, write_extra: Callable[[Path], None],
                         cell_timeout: int) -> ReportResult:
    """In the parent: export and place a report a worker has executed, while the workers run the next."""
    if executed.result is not None:
        return executed.result
    report, timings, started = executed.report, executed.timings, time.perf_counter()
    try:
        report.finish(executed.notebook, write_extra, timings)
    except Exception as error:
        return report.failed(error, cell_timeout, executed.seconds + time.perf_counter() - started, timings)
    return report.place(executed.seconds + time.perf_counter() - started, timings)


def _forked_pool(workers: int, notebook_folder: Path) -> multiprocessing.pool.Pool:
    """Batch workers forked with this process's objects frozen out of their garbage collector's
    scans (they inherit the libraries and data loaded here, which they keep to the end); this
    process's own collector is left as it was."""
    gc.collect()
    gc.freeze()
    try:
        return multiprocessing.Pool(workers, initializer=_init_worker, initargs=(notebook_folder,))
    finally:
        gc.unfreeze()


def run_batch(
    years: Iterable[int],
    output_dir: Path,
    workers: int = 2,
    notebook: Path | None = None,
    progress: bool = True,
    on_result: Callable[[ReportResult], None] | None = None,
    cell_timeout: int = CELL_TIMEOUT,
) -> list[ReportResult]:
    """Run the annual report for many years in parallel processes; one failure stops nothing.

    Every year's parameters are checked before any kernel starts. The workers execute the
    notebooks, each in a kernel it keeps; this process exports and places each report as it
    comes back, while the workers go on. Interrupted (Ctrl-C, or SIGTERM with
    :func:`kernels.exit_cleanly_on_sigterm`), the workers are terminated, each shutting down its
    kernel, and no temporary folder is left.

    Raises:
        ParameterError: for the first year whose parameters are invalid, or ``workers`` below 1.
    """
    years = list(years)
    if workers < 1:
        raise ParameterError(f"workers must be 1 or more, not {workers}")
    notebook = Path(notebook or paths.notebooks_dir() / ANNUAL_REPORT)
    data = Dataset.load()
    resolved = [check_parameters(notebook, {"report_year": year, "as_of": "", "region": ""}, data) for year in years]
    results: list[ReportResult] = []
    if not years:
        return results
    writers = [_key_numbers_writer(data, r) for r in resolved]
    jobs = [(_annual_report(notebook, Path(output_dir), r), cell_timeout) for r in resolved]
    write_extra = {job[0].work: writer for job, writer in zip(jobs, writers)}
    try:
        pool = _forked_pool(min(workers, len(jobs)), notebook.parent)
        try:
            for executed in tqdm(pool.imap_unordered(_batch_job, jobs), total=len(jobs), disable=not progress,
                                 desc="reports", unit="report"):
                result = _finish_batch_report(executed, write_extra[executed.report.work], cell_timeout)
                results.append(result)
                if on_result:
                    on_result(result)
            pool.close()
        except BaseException:
            pool.terminate()  # SIGTERM to each worker: it shuts its kernel down and exits
            raise
        finally:
            pool.join()
    finally:
        for job in jobs:  # the reports neither placed nor failed: interrupted, or never run
            shutil.rmtree(job[0].work, ignore_errors=True)
    return sorted(results, key=lambda r: r.year)


def result_summary(results: list[ReportResult]) -> str:
    """A short text summary of a batch, listing failures."""
    failed = [r for r in results if not r.ok]
    lines = [f"{len(results) - len(failed)} of {len(results)} reports written"]
    lines += [f"  FAILED {r.name or r.year}: {r.error} (notebook kept in {r.path})" for r in failed]
    return "\n".join(lines)


def as_dict(result: ReportResult) -> dict[str, Any]:
    """A JSON-ready view of a result."""
    out = asdict(result)
    out["path"] = str(result.path)
    return out
