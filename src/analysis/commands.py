"""What each ``minebans`` command does, once :mod:`analysis.cli` has parsed its arguments.

Kept apart from the parser so that the command line can start a report's kernel before
importing the libraries these commands need (pandas, geopandas, papermill).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
from jupyter_client.manager import AsyncKernelManager

from analysis import annual_report, data_rules, metadata, reports, universalization
from analysis.dataset import Dataset
from analysis.dates import parse_date
from analysis.errors import DataValidationError, UsageError

EXIT_OK, EXIT_DATA_ERROR = 0, 1


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


def status(args: argparse.Namespace) -> int:
    """``minebans status``: the universalization summary for a date."""
    as_of = parse_date(args.as_of, "--as-of") if args.as_of else pd.Timestamp.today().normalize()
    data = Dataset.load()
    if as_of > data.data_as_of:
        print(f"minebans: warning: {as_of.date()} is after the data's date ({data.data_as_of.date()}); "
              "treaty actions after that date are not in the data", file=sys.stderr)
    print(format_status(data, as_of, args.regions))
    return EXIT_OK


def validate(args: argparse.Namespace) -> int:
    """``minebans validate``: every table read and checked, then the cross-table rules."""
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


def report(args: argparse.Namespace, kernel_manager: AsyncKernelManager | None = None) -> int:
    """``minebans report``: one year's report (on ``kernel_manager``'s kernel, if given), or a batch."""
    output_dir = Path(args.output_dir)
    data = Dataset.load()
    if args.year is not None:
        resolved = annual_report.resolve_parameters(data, args.year, args.as_of, args.region)
        if not args.as_of and resolved.as_of < pd.Timestamp(year=args.year, month=12, day=31):
            print(f"minebans: note: the {args.year} report is as of {resolved.as_of.date()}, the data's date "
                  "(the date its sources were last checked)", file=sys.stderr)
        results = [reports.run_report(args.year, output_dir, args.as_of, args.region,
                                      kernel_manager=kernel_manager, cell_timeout=args.timeout)]
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


def progress(args: argparse.Namespace, kernel_manager: AsyncKernelManager | None = None) -> int:
    """``minebans progress``: the action plan progress report for a meeting's period, or two dates."""
    start, _, end = (args.period or "").partition(":")
    result = reports.run_progress(Path(args.output_dir), args.meeting or "", start, end,
                                  cell_timeout=args.timeout, kernel_manager=kernel_manager)
    print(reports.result_summary([result]))
    if result.ok:
        print(f"  {result.name}: {result.path / 'report.html'} ({result.seconds:.1f} s)")
    return EXIT_OK if result.ok else EXIT_DATA_ERROR
