"""Cross-table rules: the real data obeys them, and each one catches a bad row, naming its line."""

import shutil
from pathlib import Path

import pytest

from analysis import data_rules, paths
from analysis.dataset import Dataset
from analysis.cli import main


@pytest.fixture
def real_data(tmp_path: Path) -> Path:
    """A copy of the project's data folder, to break one row at a time."""
    folder = tmp_path / "data"
    shutil.copytree(paths.data_dir(), folder)
    return folder


def append(folder: Path, name: str, line: str) -> int:
    """Append a row; return its line number."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def where(errors) -> set[tuple[str, int, str]]:
    return {(e.path.name, p.line, p.message) for e in errors for p in e.problems}


def test_the_real_data_obeys_every_cross_table_rule(data):
    assert data_rules.check_all(data) == []


def test_a_vote_by_a_state_before_it_existed(real_data):
    line = append(real_data, "unga_votes.csv", "52,SSD,yes,unga_tt_unvotes,")  # South Sudan: 2011
    assert ("unga_votes.csv", line, "a vote in a session before the State existed") in where(
        data_rules.check_all(Dataset.load(real_data)))


def test_a_vote_by_a_non_member(real_data):
    line = append(real_data, "unga_votes.csv", "52,VAT,yes,unga_tt_unvotes,")
    assert ("unga_votes.csv", line, "a vote by a State that is not a UN member") in where(
        data_rules.check_all(Dataset.load(real_data)))


def test_new_mined_areas_before_joining(real_data):
    line = append(real_data, "clearance_new_mined_areas.csv", "DEU,1998-01-01,day,isu_deu,,")
    assert ("clearance_new_mined_areas.csv", line, "reported before the State joined the Convention") in where(
        data_rules.check_all(Dataset.load(real_data)))


def test_overlapping_section_ranges(real_data):
    line = append(real_data, "plan_sections.csv", "maputo_2014_2019,universalization,6,6,isu_16msp_day4,")
    assert ("plan_sections.csv", line, "overlaps the plan's previous range") in where(data_rules.check_all(Dataset.load(real_data)))


def test_an_orphan_source(real_data):
    line = append(real_data, "sources.csv", "orphan_source,Nobody cites this,Nobody,2026,https://example.org/,2026-11-28")
    assert ("sources.csv", line, "cited by no table") in where(data_rules.check_all(Dataset.load(real_data)))


def test_validate_command_runs_the_cross_table_rules(real_data, monkeypatch, capsys):
    append(real_data, "unga_votes.csv", "52,SSD,yes,unga_tt_unvotes,")
    monkeypatch.setenv("MINEBANS_DATA_DIR", str(real_data))
    assert main(["validate"]) == 1
    assert "unga_votes.csv" in capsys.readouterr().err


def test_an_extension_id_that_does_not_say_what_the_row_is(real_data):
    from analysis.validation import DataValidationError

    line = append(real_data, "clearance_extensions.csv", "AGO-9MSP,AGO,10MSP,,,,plans_s25,,")
    with pytest.raises(DataValidationError) as caught:
        Dataset.load(real_data).clearance_extensions  # noqa: B018
    assert [p.line for p in caught.value.problems if p.column.startswith("extension_id")] == [line]
