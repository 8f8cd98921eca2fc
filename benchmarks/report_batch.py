"""Time the annual reports: one report, and a batch, against the naive way.

The naive way is what a user would script by hand: for each year, the
``papermill`` command line, then ``jupyter nbconvert --to html``, one year after
another. ``minebans`` runs the batch in parallel processes that keep one
kernel each, and exports HTML in-process.

    python benchmarks/report_batch.py                 # 1999-2026
    python benchmarks/report_batch.py --years 2005-2009

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from analysis import paths, reports
from analysis.cli import parse_years

BIN = Path(sys.executable).parent


def naive(years: list[int], out: Path) -> float:
    notebook = paths.notebooks_dir() / reports.ANNUAL_REPORT
    start = time.perf_counter()
    for year in years:
        executed = out / f"{year}.ipynb"
        subprocess.run([str(BIN / "papermill"), str(notebook), str(executed), "-p", "report_year", str(year),
                        "--cwd", str(notebook.parent), "--no-progress-bar"], check=True, capture_output=True)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
                       check=True, capture_output=True)
    return time.perf_counter() - start


def floor(out: Path) -> float:
    """The least a report can cost the naive way: an empty notebook through the same two commands."""
    empty = out / "empty.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")]), empty)
    start = time.perf_counter()
    subprocess.run([str(BIN / "papermill"), str(empty), str(out / "empty-run.ipynb"), "--no-progress-bar",
                    "-k", reports.KERNEL_NAME], check=True, capture_output=True)
    subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out / "empty-run.ipynb")],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="1999-2026")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    years = parse_years(args.years)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        single = reports.run_report(years[-1], tmp / "single")
        t = single.timings
        cells = t.get("cells", {})
        print(f"One report ({years[-1]}), fresh kernel: {single.seconds:.2f} s")
        print(f"  kernel start and papermill overhead {t['execute'] - sum(cells.values()):.2f} s")
        for tag, seconds in sorted(cells.items(), key=lambda kv: -kv[1]):
            print(f"  cells tagged {tag:<12} {seconds:.2f} s")
        print(f"  HTML export {t['export_html']:.2f} s")
        empty = floor(tmp)
        print(f"Floor (an empty notebook, papermill CLI + nbconvert CLI): {empty:.2f} s; "
              f"one report / floor: {single.seconds / empty:.2f}x")

        start = time.perf_counter()
        results = reports.run_batch(years, tmp / "batch", workers=args.workers, progress=False)
        fast = time.perf_counter() - start
        failed = [r.year for r in results if not r.ok]
        per_report = statistics.median(r.seconds for r in results)
        print(f"\nminebans batch, {len(years)} years, {args.workers} workers: {fast:.1f} s "
              f"(median {per_report:.2f} s per report in a warm kernel; failures: {failed or 'none'})")

        slow = naive(years, tmp)
        print(f"Naive loop (papermill CLI + nbconvert CLI, one year after another): {slow:.1f} s")
        print(f"Speed-up: {slow / fast:.1f}x")


if __name__ == "__main__":
    main()
