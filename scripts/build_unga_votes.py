"""Build data/unga_votes.csv: how each State voted on the yearly General Assembly resolution.

Input: ``unvotes.csv`` of the TidyTuesday "UN Votes" dataset (2021-03-23), a
copy of Erik Voeten's General Assembly voting data (via the R package
``unvotes``), at
https://github.com/rfordatascience/tidytuesday/blob/2c423bacc57e4632ff8550557e0bc823eefa31ab/data/2021/2021-03-23/unvotes.csv
(columns ``rcid, country, country_code, vote``). The roll calls of the
resolution on the Convention were identified in the same dataset's
``roll_calls.csv`` (commit 29c91d7f672d75534a6ed7aea9a94151647a9021) by their
``unres`` symbol; ``ROLL_CALLS`` lists them.

The source lists only the members that voted yes, no or abstained; absent
members have no row. ISO 3166-1 alpha-2 codes are turned into alpha-3 with
pycountry; ``YU`` (the Federal Republic of Yugoslavia, later Serbia and
Montenegro, then Serbia) becomes SRB, the State that continues it.

Run from the repository root: ``python scripts/build_unga_votes.py unvotes.csv``.
Exits non-zero, naming them, on a code it cannot map or a roll call it does not find.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "data" / "unga_votes.csv"
SOURCE_ID = "unga_tt_unvotes"

#: Roll-call id in the source -> General Assembly session of the resolution.
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


def iso3(code: str) -> str:
    """ISO 3166-1 alpha-3 for the source's alpha-2 code."""
    if code in SPECIAL_CODES:
        return SPECIAL_CODES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        raise KeyError(code)
    return country.alpha_3


def build(unvotes: Path) -> list[dict[str, object]]:
    """The rows of data/unga_votes.csv, by session and ISO3."""
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
                         "source_id": SOURCE_ID, "note": note})
    missing = set(ROLL_CALLS) - seen
    if unknown or missing:
        sys.exit(f"unmapped country codes: {sorted(unknown)}; roll calls not found: {sorted(missing)}")
    return sorted(rows, key=lambda r: (r["session"], r["iso3"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("unvotes", type=Path, help="path to the source's unvotes.csv")
    rows = build(parser.parse_args().unvotes)
    with OUTPUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["session", "iso3", "vote", "source_id", "note"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUTPUT.relative_to(ROOT)}: {len(rows)} votes in {len({r['session'] for r in rows})} sessions")


if __name__ == "__main__":
    main()
