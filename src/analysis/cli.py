"""The ``minebans`` command line.

``minebans status --as-of DATE`` prints the universalization summary for a date;
``minebans report --year YEAR`` (or ``--years A-B``, ``--all``) writes annual
reports; ``minebans progress --meeting 8MSP`` writes the action plan progress report
for a meeting's period; ``minebans validate`` checks every data table. ``--data-dir`` (before
the command) works on another folder laid out like ``data/``. Bad input gets a one-line error
and exit code 2; invalid data or a failed report exits with 1.

A command that runs one notebook starts its kernel as soon as the arguments are parsed, and
only then imports what the command needs (:mod:`analysis.commands`): the kernel boots and
loads its libraries meanwhile, on another core.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

# nbformat, which papermill and nbconvert read notebooks with, imports jsonschema, and jsonschema
# imports rfc3987_syntax where it is installed (JupyterLab brings it), which builds some 35 Lark
# parsers at import: 0.9 s of every run of this command (python-jsonschema/jsonschema#1428). They
# check the "iri" string format of JSON Schema, which no notebook or data schema here uses.
sys.modules.setdefault("rfc3987_syntax", None)  # an import of it now fails, and jsonschema goes without

from analysis import kernels, metadata, paths
from analysis.errors import DataValidationError, MinebansError, UsageError

__all__ = ["UsageError", "build_parser", "main"]


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year") from None


def _seconds(text: str) -> int:
    try:
        seconds = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of seconds") from None
    if seconds < 1:
        raise argparse.ArgumentTypeError(f"must be 1 second or more, not {seconds}")
    return seconds


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as for other bad input
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="minebans", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="a folder laid out like data/ (default: the project's data, or "
                        "MINEBANS_DATA_DIR); reports run on it too")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    status = commands.add_parser("status", help="universalization summary for a date")
    status.add_argument("--as-of", help="date, YYYY-MM-DD (default: today)")
    status.add_argument("--regions", choices=sorted(metadata.REGION_SCHEMES), default="monitor",
                        help="regional grouping (default: monitor, Landmine Monitor's)")
    report = commands.add_parser("report", help="write annual progress reports (papermill)")
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", type=_year, help="one report year")
    which.add_argument("--years", help="a range of years, e.g. 1999-2026, run in parallel")
    which.add_argument("--all", action="store_true", help="every year the data covers")
    report.add_argument("--as-of", help="date of the figures, YYYY-MM-DD, within the year (single year)")
    report.add_argument("--region", help="Landmine Monitor region, in any case (single year): "
                        + "; ".join(metadata.table("states").field("monitor_region").codes))
    report.add_argument("--output-dir", default=str(paths.reports_dir()), help="default: reports/")
    report.add_argument("--workers", type=int, default=2, help="parallel processes for a batch (default: 2)")
    report.add_argument("--timeout", type=_seconds, default=kernels.CELL_TIMEOUT,
                        help=f"seconds a notebook cell may run before the report fails (default: {kernels.CELL_TIMEOUT})")
    progress = commands.add_parser("progress", help="write the action plan progress report for a meeting's period")
    period = progress.add_mutually_exclusive_group(required=True)
    period.add_argument("--meeting", help="the meeting that closes the period, as data/meetings.csv names it "
                        "(e.g. 6MSP, 2RC)")
    period.add_argument("--period", help="any two dates, START:END (YYYY-MM-DD:YYYY-MM-DD)")
    progress.add_argument("--output-dir", default=str(paths.reports_dir()), help="default: reports/")
    progress.add_argument("--timeout", type=_seconds, default=kernels.CELL_TIMEOUT,
                          help=f"seconds a notebook cell may run (default: {kernels.CELL_TIMEOUT})")
    commands.add_parser("validate", help="check every data table")
    return parser


def _run(args: argparse.Namespace) -> int:
    """Run the parsed command; one that runs one notebook gets its kernel started first."""
    kernel = None
    if args.command in ("report", "progress"):
        kernels.exit_cleanly_on_sigterm()  # the cleanup below, and the reports' own, run on SIGTERM
        if args.command == "progress" or args.year is not None:
            kernel = kernels.start(paths.notebooks_dir())
    try:
        from analysis import commands  # pandas, geopandas, papermill: loaded while the kernel boots

        run = getattr(commands, args.command)
        return run(args) if kernel is None else run(args, kernel)
    finally:
        if kernel is not None:
            kernels.shutdown(kernel)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
        if args.data_dir:  # the notebooks' kernels inherit it
            folder = Path(args.data_dir).resolve()
            if not (folder / metadata.PACKAGE_FILE).is_file():
                raise UsageError(f"--data-dir {args.data_dir}: no {metadata.PACKAGE_FILE} there")
            os.environ["MINEBANS_DATA_DIR"] = str(folder)
        return _run(args)
    except DataValidationError as error:  # every problem, one per line
        print(error, file=sys.stderr)
        return error.exit_code
    except MinebansError as error:
        print(f"minebans: error: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
