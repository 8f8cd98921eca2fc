"""The build scripts that turn secondary copies of source data into our tables."""

import importlib.util

import pytest

from analysis import paths

SCRIPTS = paths.data_dir().parent / "scripts"


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


UNDL_HEADER = "session,year,resolution,undl_id,date,country,iso3,vote\n"


def test_digital_library_votes_keep_voters_and_drop_non_voting(tmp_path):
    build = load_script("build_unga_votes")
    extract = tmp_path / "votes.csv"
    extract.write_text(UNDL_HEADER + "71,2016,,855205,2016-12-05,AFG,AFG,Y\n"
                       "71,2016,,855205,2016-12-05,USA,USA,A\n71,2016,,855205,2016-12-05,CUB,CUB,X\n"
                       "71,2016,,855205,2016-12-05,RUS,RUS,N\n")
    rows = build.read_undl(extract, {"AFG", "USA", "CUB", "RUS"}, {71: "2016-12-05"})
    assert [(r["iso3"], r["vote"]) for r in rows] == [("AFG", "yes"), ("USA", "abstain"), ("RUS", "no")]
    assert {r["source_id"] for r in rows} == {build.UNDL_SOURCE}


@pytest.mark.parametrize("line, problem", [
    ("71,2016,,855205,2016-12-06,AFG,AFG,Y\n", "is not the adoption date 2016-12-05"),
    ("71,2016,,855205,2016-12-05,XXX,XXX,Y\n", "iso3 'XXX' is not in data/states.csv"),
    ("71,2016,,855205,2016-12-05,AFG,AFG,Yes\n", "vote 'Yes' is not one of"),
])
def test_digital_library_votes_are_checked_row_by_row(tmp_path, line, problem):
    build = load_script("build_unga_votes")
    extract = tmp_path / "votes.csv"
    extract.write_text(UNDL_HEADER + line)
    with pytest.raises(SystemExit, match=f"row 2: .*{problem}") as error:
        build.read_undl(extract, {"AFG"}, {71: "2016-12-05"})
    assert str(extract) in str(error.value)

