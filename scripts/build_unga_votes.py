"""Build data/unga_votes.csv: how each State voted on the yearly General Assembly resolution.

Two secondary copies of the General Assembly voting records are read, each for
the sessions it covers:

``--voeten unvotes.csv`` (sessions 52-70)
    ``unvotes.csv`` of the TidyTuesday "UN Votes" dataset (2021-03-23), a copy of
    Erik Voeten's General Assembly voting data (via the R package ``unvotes``), at
    https://github.com/rfordatascience/tidytuesday/blob/2c423bacc57e4632ff8550557e0bc823eefa31ab/data/2021/2021-03-23/unvotes.csv
    (columns ``rcid, country, country_code, vote``). The roll calls of the
    resolution were identified in the same dataset's ``roll_calls.csv`` (commit
    29c91d7f672d75534a6ed7aea9a94151647a9021) by their ``unres`` symbol;
    ``ROLL_CALLS`` lists them. ISO 3166-1 alpha-2 codes become alpha-3 with
    pycountry; ``YU`` (the Federal Republic of Yugoslavia, later Serbia and
    Montenegro, then Serbia) becomes SRB, the State that continues it.

``--undl unga_apm_votes_2016_2025.csv`` (sessions 71-76)
    the per-State rows of the UN Dag Hammarskjöld Library "General Assembly Voting
    Data" (https://digitallibrary.un.org/record/4060887) for the resolution on the
    Convention, as extracted into that file (columns ``session, year, resolution,
    undl_id, date, country, iso3, vote``; votes Y, N, A, X). Each session's date
    must be the adoption date in data/unga_resolutions.csv.

Members that did not vote (absent, or X) have no row. An input that is not given
leaves the rows of its source as they are in the current file.

Run from the repository root, e.g.
``python scripts/build_unga_votes.py --undl ../shared/reference/data/unga_apm_votes_2016_2025.csv``.
Exits non-zero, naming them, on a code it cannot map, a roll call it does not
find or a date that disagrees with the resolutions table.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "data" / "unga_votes.csv"
RESOLUTIONS = ROOT / "data" / "unga_resolutions.csv"
FIELDS = ["session", "iso3", "vote", "source_id", "note"]
VOETEN_SOURCE = "unga_tt_unvotes"
UNDL_SOURCE = "unga_undl_voting_data"

#: Roll-call id in the Voeten data -> General Assembly session of the resolution.
ROLL_CALLS = {
    4049: 52, 4145: 53, 4183: 54, 4257: 55, 4318: 56, 4388: 57, 4495: 58, 4566: 59, 4638: 60, 4682: 61,
    4758: 62, 4860: 63, 5002: 64, 5060: 65, 5150: 66, 5192: 67, 5259: 68, 5325: 69, 5423: 70,
}
#: Codes pycountry does not resolve to the State our tables use.
SPECIAL_CODES = {"YU": "SRB"}
NOTES = {
    "YU": "Coded YU (Yugoslavia) in the source: the Federal Republic of Yugoslavia, Serbia and Montenegro "
          "from 2003, Serbia from June 2006.",
    ("LB", 4183): "The only vote against in any year; ICBL writes that no State voted against, so this may be "
                  "a coding error in the source.",
}
#: The Digital Library's vote codes; X (non-voting) gives no row.
UNDL_VOTES = {"Y": "yes", "N": "no", "A": "abstain", "X": None}


def iso3(code: str) -> str:
    """ISO 3166-1 alpha-3 for the source's alpha-2 code."""
    if code in SPECIAL_CODES:
        return SPECIAL_CODES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        raise KeyError(code)
    return country.alpha_3


def read_voeten(unvotes: Path) -> list[dict[str, object]]:
    """Rows for sessions 52-70 from the Voeten data's ``unvotes.csv``."""
    rows, unknown, seen = [], set(), set()
    with unvotes.open(newline="", encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            rcid = int(record["rcid"])
            if rcid not in ROLL_CALLS:
                continue
            seen.add(rcid)
            code = record["country_code"]
            try:
                state = iso3(code)
            except KeyError:
                unknown.add(code)
                continue
            note = NOTES.get((code, rcid)) or NOTES.get(code, "")
            rows.append({"session": ROLL_CALLS[rcid], "iso3": state, "vote": record["vote"],
                         "source_id": VOETEN_SOURCE, "note": note})
    missing = set(ROLL_CALLS) - seen
    if unknown or missing:
        sys.exit(f"{unvotes}: unmapped country codes: {sorted(unknown)}; roll calls not found: {sorted(missing)}")
    return rows


def adoption_dates(resolutions: Path = RESOLUTIONS) -> dict[int, str]:
    """Adoption date of each session's resolution, as data/unga_resolutions.csv gives it."""
    with resolutions.open(newline="", encoding="utf-8") as handle:
        return {int(r["session"]): r["adoption_date"] for r in csv.DictReader(handle)}


def read_undl(votes: Path, known_states: set[str], dates: dict[int, str]) -> list[dict[str, object]]:
    """Rows from the Digital Library extract; every code, vote and date is checked."""
    rows, problems = [], []
    with votes.open(newline="", encoding="utf-8") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            session = int(record["session"])
            if record["iso3"] not in known_states:
                problems.append(f"row {line}: iso3 {record['iso3']!r} is not in data/states.csv")
            if record["vote"] not in UNDL_VOTES:
                problems.append(f"row {line}: vote {record['vote']!r} is not one of {sorted(UNDL_VOTES)}")
            if dates.get(session) != record["date"]:
                problems.append(f"row {line}: date {record['date']} of session {session} is not the adoption "
                                f"date {dates.get(session)} in {RESOLUTIONS.name}")
            vote = UNDL_VOTES.get(record["vote"])
            if vote:
                rows.append({"session": session, "iso3": record["iso3"], "vote": vote,
                             "source_id": UNDL_SOURCE, "note": ""})
    if problems:
        sys.exit(f"{votes}:\n  " + "\n  ".join(problems[:20]))
    return rows


def current_rows(keep_sources: set[str]) -> list[dict[str, object]]:
    """Rows of the current output whose source is in ``keep_sources``."""
    if not OUTPUT.exists():
        return []
    with OUTPUT.open(newline="", encoding="utf-8") as handle:
        return [r | {"session": int(r["session"])} for r in csv.DictReader(handle) if r["source_id"] in keep_sources]


def known_iso3() -> set[str]:
    """ISO3 codes of data/states.csv."""
    with (ROOT / "data" / "states.csv").open(newline="", encoding="utf-8") as handle:
        return {r["iso3"] for r in csv.DictReader(handle)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voeten", type=Path, help="the Voeten data's unvotes.csv (sessions 52-70)")
    parser.add_argument("--undl", type=Path, help="the Digital Library extract (sessions 71-76)")
    args = parser.parse_args()
    if not (args.voeten or args.undl):
        parser.error("give --voeten, --undl or both")
    rows = current_rows({s for s, given in [(VOETEN_SOURCE, args.voeten), (UNDL_SOURCE, args.undl)] if not given})
    if args.voeten:
        rows += read_voeten(args.voeten)
    if args.undl:
        rows += read_undl(args.undl, known_iso3(), adoption_dates())
    rows.sort(key=lambda r: (r["session"], r["iso3"]))
    with OUTPUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUTPUT.relative_to(ROOT)}: {len(rows)} votes in {len({r['session'] for r in rows})} sessions")


if __name__ == "__main__":
    main()
