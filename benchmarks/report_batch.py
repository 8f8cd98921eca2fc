"""Time the annual reports: one report against the least a notebook costs, and batches against
the naive way, as ratios.

The naive way is what a user would script by hand: for each year, the
``papermill`` command line, then ``jupyter nbconvert --to html``, one year after
another. ``minebans`` runs a batch in parallel processes that keep one kernel
each, and exports HTML in-process (timed here through :func:`analysis.reports.run_batch`,
its libraries imported). The floor is an empty notebook through the
same two commands.

    python benchmarks/report_batch.py                            # 2007; 1999-2026 and 2005-2009
    python benchmarks/report_batch.py --year 2025 --batches 2020-2024

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from analysis import kernels, paths, reports
from analysis.commands import parse_years

BIN = Path(sys.executable).parent


def papermill_then_nbconvert(notebook: Path, executed: Path, *papermill_options: str) -> None:
    """The naive way, for one notebook: the papermill command line, then nbconvert's."""
    subprocess.run([str(BIN / "papermill"), str(notebook), str(executed), "--no-progress-bar", *papermill_options],
                   check=True, capture_output=True)
    subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
                   check=True, capture_output=True)


def naive(years: list[int], out: Path) -> float:
    notebook = paths.notebooks_dir() / reports.ANNUAL_REPORT
    start = time.perf_counter()
    for year in years:
        papermill_then_nbconvert(notebook, out / f"{year}.ipynb", "-p", "report_year", str(year),
                                 "--cwd", str(notebook.parent))
    return time.perf_counter() - start


def one_report(year: int, out: Path) -> tuple[float, dict]:
    """The report as a user runs it, from the command line: its wall time, and the stage timings
    of its manifest."""
    start = time.perf_counter()
    subprocess.run([str(BIN / "minebans"), "report", "--year", str(year), "--output-dir", str(out)],
                   check=True, capture_output=True)
    seconds = time.perf_counter() - start
    manifest = json.loads((out / str(year) / "manifest.json").read_text(encoding="utf-8"))
    return seconds, manifest["timings_seconds"]


def floor(out: Path) -> float:
    """The least a report can cost the naive way: an empty notebook through the same two commands."""
    empty = out / "empty.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")]), empty)
    start = time.perf_counter()
    papermill_then_nbconvert(empty, out / "empty-run.ipynb", "-k", kernels.KERNEL_NAME)
    return time.perf_counter() - start


def batch_against_naive(years: list[int], workers: int, out: Path) -> None:
    out.mkdir(parents=True)
    start = time.perf_counter()
    results = reports.run_batch(years, out / "batch", workers=workers, progress=False)
    fast = time.perf_counter() - start
    failed = [r.year for r in results if not r.ok]
    per_report = statistics.median(r.seconds for r in results)
    label = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    print(f"\nBatch {label} ({len(years)} years), reports.run_batch with {workers} workers: {fast:.1f} s "
          f"(median {per_report:.2f} s per report; failures: {failed or 'none'})")
    slow = naive(years, out)
    print(f"  naive loop (papermill CLI + nbconvert CLI, one year after another): {slow:.1f} s")
    print(f"  batch {label} vs naive loop: {slow / fast:.1f}x faster")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2007, help="the single report's year")
    parser.add_argument("--batches", nargs="*", default=["1999-2026", "2005-2009"],
                        help="year ranges, each timed as a batch and as the naive loop")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3, help="runs of the single report and of the floor")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        singles, floors = [], []
        for i in range(args.repeats):  # alternated, so that a slow spell of the machine touches both
            singles.append(one_report(args.year, tmp / f"single{i}"))
            floors.append(floor(tmp))
        wall, t = sorted(singles, key=lambda run: run[0])[len(singles) // 2]
        empty = statistics.median(floors)
        cells = t.get("cells", {})
        print(f"One report: `minebans report --year {args.year}`, median of {args.repeats}: {wall:.2f} s")
        print(f"  Python start, imports and parameter checks (the kernel boots meanwhile) {wall - t['total']:.2f} s")
        print(f"  waiting for the kernel, and papermill overhead {t['execute'] - sum(cells.values()):.2f} s")
        for tag, seconds in sorted(cells.items(), key=lambda kv: -kv[1]):
            print(f"  cells tagged {tag:<12} {seconds:.2f} s")
        print(f"  HTML export {t['export_html']:.2f} s")
        print(f"Floor (an empty notebook, papermill CLI + nbconvert CLI), median of {args.repeats}: {empty:.2f} s")
        print(f"  one report / floor: {wall / empty:.2f}x")

        for i, span in enumerate(args.batches):
            batch_against_naive(parse_years(span), args.workers, tmp / f"batch{i}")


if __name__ == "__main__":
    main()
