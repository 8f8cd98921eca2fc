"""The ``minebans`` command line.

``minebans status --as-of DATE`` prints the universalization summary for a date;
``minebans report --year YEAR`` (or ``--years A-B``, ``--all``) writes annual
reports; ``minebans progress --meeting 8MSP`` writes the action plan progress report
for a meeting's period; ``minebans validate`` checks every data table. ``--data-dir`` (before
the command) works on another folder laid out like ``data/``. Bad input gets a one-line error
and exit code 2; invalid data or a failed report exits with 1.
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

import pandas as pd

from analysis import annual_report, data_rules, metadata, paths, reports, universalization
from analysis.dataset import Dataset
from analysis.dates import parse_date
from analysis.errors import MinebansError, ParameterError
from analysis.validation import DataValidationError

EXIT_OK, EXIT_DATA_ERROR = 0, 1


class UsageError(ParameterError):
    """Bad command-line input; reported on one line with exit code 2."""


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year") from None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as for other bad input
        raise UsageError(message)


def _withdrawal_effect(effect: str, takes_effect: pd.Timestamp) -> str:
    if effect == universalization.IN_EFFECT:
        return f"in effect since {takes_effect.date()}"
    if effect == universalization.PENDING_NOTICE:
        return f"takes effect {takes_effect.date()}"
    return "not in effect: the State is engaged in an armed conflict (Art. 20(3))"


def format_status(data: Dataset, as_of: pd.Timestamp, scheme: str = "monitor") -> str:
    """The universalization summary for a date, as text."""
    counts = universalization.summary(data, as_of)
    day = as_of.date().isoformat()
    lines = [
        f"Mine Ban Treaty status as of {day}",
        f"Universe: {counts['universe']} States existing on that date "
        f"(of the 197 the depositary counts; {counts['un_members']} UN members)",
        "",
        f"  Joined (instrument deposited):        {counts['joined']:>4}  "
        f"({100 * counts['joined'] / counts['universe']:.1f}% of States; "
        f"{counts['joined_un_members']} of {counts['un_members']} UN members)",
        f"  In force for the State (Art. 17):     {counts['in_force']:>4}",
        f"  Joined, not yet in force:             {counts['joined_not_in_force']:>4}",
        f"  Signatories that have not ratified:   {counts['signatories_not_ratified']:>4}",
        f"  States not party:                     {counts['not_party']:>4}",
        f"  Withdrawals in effect (Art. 20):      {counts['withdrawn']:>4}",
        f"  Withdrawals notified, not in effect:  {counts['withdrawal_pending']:>4}",
    ]
    regions = universalization.by_region(data, as_of, scheme)
    lines += ["", f"By region ({universalization.REGION_SCHEME_LABELS[scheme]}):", regions.to_string(index=False)]

    year_start = pd.Timestamp(year=as_of.year, month=1, day=1)
    joiners = universalization.joined_between(data, year_start, as_of)
    lines += ["", f"Joined from {year_start.date()} to {day}: {len(joiners)}"]
    lines += [f"  {r.consent_date.date()}  {r.state} ({r.consent_type})" for r in joiners.itertuples()]

    notes = universalization.notifications(data, as_of)
    withdrawals = notes[notes["notification"] == universalization.WITHDRAWAL]
    if len(withdrawals):
        lines += ["", "Withdrawals notified:"]
        lines += [f"  {r.notified.date()}  {r.state}: {_withdrawal_effect(r.effect, r.takes_effect)}"
                  for r in withdrawals.itertuples()]
    suspensions = notes[notes["notification"] == universalization.SUSPENSION]
    if len(suspensions):
        lines += ["", "Suspensions notified (the Convention has no suspension clause):"]
        lines += [f"  {r.notified.date()}  {r.state}: notified a suspension of the Convention's operation; "
                  "still a State Party" for r in suspensions.itertuples()]
    return "\n".join(lines)


def _cmd_status(args: argparse.Namespace) -> int:
    as_of = parse_date(args.as_of, "--as-of") if args.as_of else pd.Timestamp.today().normalize()
    data = Dataset.load()
    if as_of > data.data_as_of:
        print(f"minebans: warning: {as_of.date()} is after the data's date ({data.data_as_of.date()}); "
              "treaty actions after that date are not in the data", file=sys.stderr)
    print(format_status(data, as_of, args.regions))
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    failed = 0
    data = Dataset.load()
    checks = [(name, name) for name in metadata.tables(data.folder)]
    checks += [("treaty status (derived)", "treaty_status"), ("stockpile destruction (derived)", "stockpile_destruction"),
               ("clearance obligations (derived)", "clearance_obligations")]
    for name, table in checks:
        try:
            frame = data.table(table)
        except DataValidationError as error:
            failed += 1
            print(error, file=sys.stderr)
        else:
            print(f"{name}: {len(frame)} rows OK")
    if failed:  # the cross-table rules read the tables, so they need every table readable
        return EXIT_DATA_ERROR
    broken = data_rules.check_all(data)
    for error in broken:
        print(error, file=sys.stderr)
    print(f"cross-table rules: {len(data_rules.RULES)} checked, "
          f"{sum(len(e.problems) for e in broken)} problem(s)")
    return EXIT_DATA_ERROR if broken else EXIT_OK


def parse_years(text: str) -> list[int]:
    """``2007`` or ``1999-2026`` as a list of years."""
    try:
        first, _, last = text.partition("-")
        years = list(range(int(first), int(last or first) + 1))
    except ValueError:
        raise UsageError(f"--years {text!r} is not a year or a range like 1999-2026") from None
    if not years:
        raise UsageError(f"--years {text!r} is an empty range")
    return years


def _cmd_report(args: argparse.Namespace) -> int:
    output_dir = Path(args.output_dir)
    if args.timeout < 1:
        raise UsageError(f"--timeout must be 1 second or more, not {args.timeout}")
    reports.exit_cleanly_on_sigterm()
    data = Dataset.load()
    if args.year is not None:
        resolved = annual_report.resolve_parameters(data, args.year, args.as_of, args.region)
        if not args.as_of and resolved.as_of < pd.Timestamp(year=args.year, month=12, day=31):
            print(f"minebans: note: the {args.year} report is as of {resolved.as_of.date()}, the data's date "
                  "(the date its sources were last checked)", file=sys.stderr)
        results = [reports.run_report(args.year, output_dir, args.as_of, args.region, cell_timeout=args.timeout)]
    else:
        if args.as_of or args.region:
            raise UsageError("--as-of and --region apply to a single --year")
        years = (list(range(annual_report.FIRST_REPORT_YEAR, data.data_as_of.year + 1))
                 if args.all else parse_years(args.years))
        results = reports.run_batch(years, output_dir, workers=args.workers, cell_timeout=args.timeout)
    print(reports.result_summary(results))
    for result in results:
        if result.ok:
            print(f"  {result.year}: {result.path / 'report.html'} ({result.seconds:.1f} s)")
    return EXIT_OK if all(r.ok for r in results) else EXIT_DATA_ERROR


def _cmd_progress(args: argparse.Namespace) -> int:
    if args.timeout < 1:
        raise UsageError(f"--timeout must be 1 second or more, not {args.timeout}")
    start, _, end = (args.period or "").partition(":")
    reports.exit_cleanly_on_sigterm()
    result = reports.run_progress(Path(args.output_dir), args.meeting or "", start, end, cell_timeout=args.timeout)
    print(reports.result_summary([result]))
    if result.ok:
        print(f"  {result.name}: {result.path / 'report.html'} ({result.seconds:.1f} s)")
    return EXIT_OK if result.ok else EXIT_DATA_ERROR


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="minebans", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="a folder laid out like data/ (default: the project's data, or "
                        "MINEBANS_DATA_DIR); reports run on it too")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    status = commands.add_parser("status", help="universalization summary for a date")
    status.add_argument("--as-of", help="date, YYYY-MM-DD (default: today)")
    status.add_argument("--regions", choices=sorted(universalization.REGION_SCHEMES), default="monitor",
                        help="regional grouping (default: monitor, Landmine Monitor's)")
    status.set_defaults(run=_cmd_status)
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
    report.add_argument("--timeout", type=int, default=reports.CELL_TIMEOUT,
                        help=f"seconds a notebook cell may run before the report fails (default: {reports.CELL_TIMEOUT})")
    report.set_defaults(run=_cmd_report)
    progress = commands.add_parser("progress", help="write the action plan progress report for a meeting's period")
    period = progress.add_mutually_exclusive_group(required=True)
    period.add_argument("--meeting", help="the meeting that closes the period, as data/meetings.csv names it "
                        "(e.g. 6MSP, 2RC)")
    period.add_argument("--period", help="any two dates, START:END (YYYY-MM-DD:YYYY-MM-DD)")
    progress.add_argument("--output-dir", default=str(paths.reports_dir()), help="default: reports/")
    progress.add_argument("--timeout", type=int, default=reports.CELL_TIMEOUT,
                          help=f"seconds a notebook cell may run (default: {reports.CELL_TIMEOUT})")
    progress.set_defaults(run=_cmd_progress)
    validate = commands.add_parser("validate", help="check every data table")
    validate.set_defaults(run=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
        if args.data_dir:  # the notebooks' kernels inherit it
            folder = Path(args.data_dir).resolve()
            if not (folder / metadata.PACKAGE_FILE).is_file():
                raise UsageError(f"--data-dir {args.data_dir}: no {metadata.PACKAGE_FILE} there")
            os.environ["MINEBANS_DATA_DIR"] = str(folder)
        return args.run(args)
    except DataValidationError as error:  # every problem, one per line
        print(error, file=sys.stderr)
        return error.exit_code
    except MinebansError as error:
        print(f"minebans: error: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
