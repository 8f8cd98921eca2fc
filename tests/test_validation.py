"""Bad input gets an error naming the file, the lines and the columns, all at once."""

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.dataset import Dataset
from analysis.validation import DataValidationError, read_table
from conftest import ACTIONS_HEADER, SOURCES_CSV, STATES_HEADER, state_row


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_valid_table_is_typed(data_dir):
    write(data_dir, "states.csv", STATES_HEADER + state_row("AAA") + state_row("BBB", "2006-06-03"))
    states = read_table("states", data_dir)
    assert states["un_member"].dtype == "boolean"
    assert str(states["independence_date"].dtype).startswith("datetime64")
    assert states["independence_date"].isna().tolist() == [True, False]


def test_every_problem_reported_at_once_with_line_and_column(data_dir):
    write(data_dir, "states.csv", STATES_HEADER + state_row("AAA") + state_row("BBB"))
    write(
        data_dir,
        "treaty_actions.csv",
        ACTIONS_HEADER
        + "AAA,1997-12-03,ratification,1998-13-01,,,,untc_xxvi5,\n"  # line 2: not a date
        + "BBB,1997-12-03,ratifcation,1999-01-01,,,,untc_xxvi5,\n"  # line 3: bad enum
        + "ZZZ,,accession,2000-01-01,,,,nowhere,\n"  # line 4: unknown state and source
        + "AAA,1997-12-04,,,,,,untc_xxvi5,\n",  # line 5: duplicate key
    )
    with pytest.raises(DataValidationError) as caught:
        read_table("treaty_actions", data_dir)
    error = caught.value
    assert error.path.name == "treaty_actions.csv"
    where = {(p.line, p.column) for p in error.problems}
    assert (2, "consent_date") in where
    assert (3, "consent_type") in where
    assert (4, "iso3") in where
    assert (4, "source_id") in where
    assert {(2, "iso3"), (5, "iso3")} <= where
    message = str(error)
    assert "treaty_actions.csv" in message and "line 2, column consent_date" in message
    assert "'1998-13-01'" in message


def test_header_problems_name_the_columns(data_dir):
    write(data_dir, "states.csv", "iso3,state,colour\nAAA,A,red\n")
    with pytest.raises(DataValidationError) as caught:
        read_table("states", data_dir)
    messages = str(caught.value)
    assert "column un_member: column missing from the header" in messages
    assert "column colour: column not described" in messages


def test_missing_file_is_named(data_dir):
    with pytest.raises(DataValidationError, match=r"(?s)states.csv: 1 problem.*file not found"):
        read_table("states", data_dir)


def test_no_silent_coercion_of_booleans(data_dir):
    write(data_dir, "states.csv", STATES_HEADER + state_row("AAA").replace(",true,", ",yes,"))
    with pytest.raises(DataValidationError, match="line 2, column un_member: not a boolean"):
        read_table("states", data_dir)


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("AAA,1997-12-02,,,,,,untc_xxvi5,", "signature_date", "before the Convention opened"),
        ("AAA,1999-01-02,ratification,1998-12-01,,,,untc_xxvi5,", "signature_date, consent_date", "signature after"),
        ("AAA,,ratification,1999-01-01,,,,untc_xxvi5,", "consent_type, signature_date", "without a signature"),
        ("AAA,1997-12-03,accession,1999-01-01,,,,untc_xxvi5,", "consent_type, signature_date", "accession by a signatory"),
        ("AAA,1997-12-03,ratification,,,,,untc_xxvi5,", "consent_type, consent_date", "together"),
        ("AAA,1997-12-03,,,2025-01-01,false,,untc_xxvi5,", "withdrawal_notified_date", "never consented"),
        ("AAA,,accession,2001-01-01,2025-01-01,,,untc_xxvi5,", "withdrawal_notified_date, withdrawal_armed_conflict", "exactly when"),
        ("AAA,,,,,,,untc_xxvi5,", "signature_date, consent_type, withdrawal_notified_date", "at least one"),
    ],
)
def test_treaty_action_rules(data_dir, row, column, message):
    write(data_dir, "states.csv", STATES_HEADER + state_row("AAA"))
    write(data_dir, "treaty_actions.csv", ACTIONS_HEADER + row + "\n")
    with pytest.raises(DataValidationError) as caught:
        Dataset.load(data_dir).treaty_actions
    problems = [p for p in caught.value.problems if p.message.find(message) >= 0]
    assert [(p.line, p.column) for p in problems] == [(2, column)]


FORTY = [f"S{chr(65 + i // 10)}{chr(65 + i % 10)}" for i in range(40)]  # SAA ... SDJ


def forty_ratifications() -> str:
    """Forty ratifications deposited January to April 1998, the 40th on 19 April."""
    return "".join(f"{iso3},1997-12-03,ratification,1998-0{1 + i // 10}-1{i % 10},,,,untc_xxvi5,\n"
                   for i, iso3 in enumerate(FORTY))


def test_treaty_status_derives_dates_for_every_state(data_dir):
    states = FORTY + ["NEW", "OUT", "WDR"]
    write(data_dir, "states.csv", STATES_HEADER + "".join(
        state_row(s, "2011-07-09" if s == "NEW" else "") for s in states))
    write(data_dir, "treaty_actions.csv", ACTIONS_HEADER + forty_ratifications()
          + "NEW,,succession,2011-11-11,,,,untc_xxvi5,\n"
          + "WDR,,accession,2000-01-10,2025-06-27,false,,untc_xxvi5,\n")
    status = Dataset.load(data_dir).treaty_status.set_index("iso3")
    assert len(status) == 43
    assert status.loc["SAA", "entry_into_force_date"] == pd.Timestamp("1998-10-01")  # 40th: April 1998
    assert status.loc["NEW", "entry_into_force_date"] == pd.Timestamp("2011-07-09")
    assert status.loc["WDR", "entry_into_force_date"] == pd.Timestamp("2000-07-01")
    assert status.loc["WDR", "withdrawal_effective_date"] == pd.Timestamp("2025-12-27")
    assert pd.isna(status.loc["OUT", "consent_date"]) and status.loc["OUT", "source_id"] == "untc_xxvi5"


def test_succession_without_independence_date_is_an_error(data_dir):
    write(data_dir, "states.csv", STATES_HEADER + "".join(map(state_row, FORTY)) + state_row("NEW"))
    write(data_dir, "treaty_actions.csv", ACTIONS_HEADER + forty_ratifications()
          + "NEW,,succession,2011-11-11,,,,untc_xxvi5,\n")
    with pytest.raises(DataValidationError, match=r"(?s)states.csv.*line 42.*independence_date"):
        Dataset.load(data_dir).treaty_status


def test_a_pattern_must_match_the_whole_value(data_dir):
    """Table Schema patterns are anchored at both ends: a URL followed by prose is not a URL."""
    write(data_dir, "sources.csv", SOURCES_CSV.replace("https://treaties.un.org/", "https://treaties.un.org/ and more"))
    with pytest.raises(DataValidationError, match=r"line 2, column url: fails check pattern"):
        read_table("sources", data_dir)


def test_a_failure_of_a_whole_column_is_reported(data_dir):
    """A check that cannot run on a column (here a range on text) is an error, not a silent pass."""
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    sources = next(r for r in package["resources"] if r["name"] == "sources")
    next(f for f in sources["schema"]["fields"] if f["name"] == "title")["constraints"] = {"minimum": 0}
    (data_dir / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"file, column title: fails check"):
        read_table("sources", data_dir)


def test_a_missing_primary_key_value_is_an_error_even_if_not_declared_required(data_dir):
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    sources = next(r for r in package["resources"] if r["name"] == "sources")
    next(f for f in sources["schema"]["fields"] if f["name"] == "source_id")["constraints"] = {}
    (data_dir / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    write(data_dir, "sources.csv", SOURCES_CSV + ",Untitled,Nobody,2026,https://example.org/,2026-11-28\n")
    with pytest.raises(DataValidationError, match=r"line 3, column source_id: required value is missing"):
        read_table("sources", data_dir)


def test_a_dataset_checks_foreign_keys_against_the_tables_it_holds(data_dir):
    """Read through a dataset, a table's foreign keys are checked against the dataset's own copy
    of the referenced table: an unknown key is still an error, and a bad referenced table is named."""
    write(data_dir, "states.csv", STATES_HEADER + state_row("AAA"))
    write(data_dir, "treaty_actions.csv", ACTIONS_HEADER + "ZZZ,,accession,2000-01-01,,,,untc_xxvi5,\n")
    with pytest.raises(DataValidationError) as caught:
        Dataset.load(data_dir).table("treaty_actions")
    assert caught.value.path.name == "treaty_actions.csv"
    assert [(p.line, p.column) for p in caught.value.problems] == [(2, "iso3")]

    write(data_dir, "treaty_actions.csv", ACTIONS_HEADER + "AAA,,accession,2000-01-01,,,,untc_xxvi5,\n")
    write(data_dir, "states.csv", STATES_HEADER + state_row("AAA").replace("untc_xxvi5", "nowhere"))
    with pytest.raises(DataValidationError) as caught:
        Dataset(data_dir).table("treaty_actions")
    assert caught.value.path.name == "states.csv"
