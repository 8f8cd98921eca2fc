"""The ``minebans`` command line.

``minebans status --as-of DATE`` prints the universalization summary for a date;
``minebans validate`` checks every data table. Bad input gets a one-line error
and exit code 2; invalid data exits with code 1 and lists every problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import pandas as pd

from analysis import loaders, metadata, treaty, universalization
from analysis.validation import DataValidationError, read_table

EXIT_OK, EXIT_DATA_ERROR, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad command-line input; reported on one line with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as for other bad input
        raise UsageError(message)


def parse_as_of(text: str) -> pd.Timestamp:
    """An ISO date on or after the Convention opened for signature."""
    try:
        as_of = pd.Timestamp(pd.to_datetime(text, format="%Y-%m-%d"))
    except (ValueError, TypeError):
        raise UsageError(f"--as-of {text!r} is not a date in YYYY-MM-DD form") from None
    if as_of < treaty.OPENED_FOR_SIGNATURE:
        raise UsageError(
            f"--as-of {text} is before the Convention opened for signature (1997-12-03)"
        )
    return as_of


def format_status(as_of: pd.Timestamp, status: pd.DataFrame, scheme: str = "monitor") -> str:
    """The universalization summary for a date, as text."""
    counts = universalization.summary(as_of, status)
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
    regions = universalization.by_region(as_of, scheme, status)
    label = "Landmine Monitor regions" if scheme == "monitor" else "UN M49 regions"
    lines += ["", f"By region ({label}):", regions.to_string(index=False)]

    year_start = pd.Timestamp(year=as_of.year, month=1, day=1)
    joiners = universalization.joined_between(year_start, as_of, status)
    lines += ["", f"Joined from {year_start.date()} to {day}: {len(joiners)}"]
    lines += [f"  {r.consent_date.date()}  {r.state} ({r.consent_type})" for r in joiners.itertuples()]

    notified = status[status["withdrawal_notified_date"].notna() & (status["withdrawal_notified_date"] <= as_of)]
    if len(notified):
        lines += ["", "Withdrawals notified:"]
        for r in notified.sort_values("withdrawal_notified_date").itertuples():
            if pd.notna(r.withdrawal_effective_date):
                effect = ("in effect since " if r.withdrawal_effective_date <= as_of else "takes effect ") + str(
                    r.withdrawal_effective_date.date())
            else:
                effect = "not in effect: the State is engaged in an armed conflict (Art. 20(3))"
            lines.append(f"  {r.withdrawal_notified_date.date()}  {r.state}: {effect}")
    return "\n".join(lines)


def _cmd_status(args: argparse.Namespace) -> int:
    as_of = parse_as_of(args.as_of) if args.as_of else pd.Timestamp.today().normalize()
    print(format_status(as_of, loaders.load_treaty_status(), args.regions))
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    failed = 0
    for name in metadata.tables():
        try:
            frame = read_table(name)
        except DataValidationError as error:
            failed += 1
            print(error, file=sys.stderr)
        else:
            print(f"{name}: {len(frame)} rows OK")
    try:
        loaders.load_treaty_status()
    except DataValidationError as error:
        failed += 1
        print(error, file=sys.stderr)
    return EXIT_DATA_ERROR if failed else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="minebans", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    status = commands.add_parser("status", help="universalization summary for a date")
    status.add_argument("--as-of", help="date, YYYY-MM-DD (default: today)")
    status.add_argument("--regions", choices=sorted(universalization.REGION_SCHEMES), default="monitor",
                        help="regional grouping (default: monitor, Landmine Monitor's)")
    status.set_defaults(run=_cmd_status)
    validate = commands.add_parser("validate", help="check every data table")
    validate.set_defaults(run=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except UsageError as error:
        print(f"minebans: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataValidationError as error:
        print(error, file=sys.stderr)
        return EXIT_DATA_ERROR


if __name__ == "__main__":
    sys.exit(main())
