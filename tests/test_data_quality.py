"""Data-quality checks over the project's real tables."""

import pandas as pd
import pycountry
import pytest

from analysis import clearance, load_sources, load_states, load_treaty_status, metadata, unga
from analysis.validation import read_table

NON_MEMBER_STATES = {"VAT", "PSE", "COK", "NIU"}
#: Names we use where pycountry has none of its forms (documented choices).
NAME_EXCEPTIONS = {
    "COD": "Democratic Republic of the Congo",
    "FSM": "Micronesia (Federated States of)",
    "PSE": "State of Palestine",
    "VAT": "Holy See",
}


@pytest.mark.parametrize("name", sorted(metadata.tables()))
def test_every_described_table_validates(name):
    assert len(read_table(name)) > 0


def test_the_197_states():
    states = load_states()
    assert len(states) == 197
    assert states["un_member"].sum() == 193
    assert set(states.loc[~states["un_member"], "iso3"]) == NON_MEMBER_STATES


def test_codes_and_names_agree_with_pycountry():
    for row in load_states().itertuples():
        country = pycountry.countries.get(alpha_3=row.iso3)
        assert country is not None, f"{row.iso3} is not an ISO 3166-1 code"
        assert row.m49_code == country.numeric, row.iso3
        names = {getattr(country, a, None) for a in ("name", "common_name", "official_name")}
        assert row.state in names | {NAME_EXCEPTIONS.get(row.iso3)}, (row.iso3, row.state)


def test_states_born_after_1997_are_dated():
    born = load_states().dropna(subset=["independence_date"])
    assert set(born["iso3"]) == {"TLS", "MNE", "SSD"}
    assert (born["independence_date"] > pd.Timestamp("1997-12-03")).all()


def test_every_source_is_cited():
    """No orphan rows in the sources table."""
    cited, notes = set(), ""
    for name in metadata.tables():
        if name != "sources":
            table = read_table(name)
            cited |= set(table["source_id"])
            notes += " ".join(table["note"].dropna())
    orphans = [s for s in load_sources()["source_id"] if s not in cited and s not in notes]
    assert orphans == []


def test_treaty_status_covers_all_197_states():
    status = load_treaty_status()
    assert len(status) == 197 and status["iso3"].is_unique
    assert status["source_id"].notna().all()
    assert str(status["entry_into_force_date"].dtype).startswith("datetime64")


def test_convention_entry_into_force_derived_from_the_record_is_1_march_1999():
    """Article 17(1) applied to the deposits gives the date the depositary announced."""
    status = load_treaty_status()
    first = status.sort_values("consent_date").head(40)
    assert (first["entry_into_force_date"] == pd.Timestamp("1999-03-01")).all()
    assert first["consent_date"].max() == pd.Timestamp("1998-09-16")  # Burkina Faso, the 40th
    assert status.set_index("iso3").loc["BFA", "consent_date"] == pd.Timestamp("1998-09-16")


def test_dates_in_order():
    status = load_treaty_status()
    assert not (status["signature_date"] > status["consent_date"]).any()
    instruments = status[status["consent_type"].ne("succession")]
    assert not (instruments["consent_date"] >= instruments["entry_into_force_date"]).any()
    assert not (status["withdrawal_notified_date"] < status["entry_into_force_date"]).any()


def test_only_the_depositary_consent_types():
    status = load_treaty_status()
    assert set(status["consent_type"].dropna()) <= {"ratification", "accession", "succession",
                                                    "acceptance", "approval"}
    successions = status.loc[status["consent_type"].eq("succession"), "iso3"]
    assert set(successions) == {"MNE", "SSD"}


def test_no_state_votes_before_it_exists_and_only_un_members_vote():
    """Catches a mis-mapped country code in the per-State General Assembly votes."""
    votes = unga.load_unga_votes().merge(load_states()[["iso3", "un_member", "independence_date"]], on="iso3")
    assert votes["un_member"].all(), votes.loc[~votes["un_member"], ["session", "iso3"]]
    born = votes["independence_date"].dt.year
    early = born.notna() & (unga.session_year(votes["session"]) < born)
    assert not early.any(), votes.loc[early, ["session", "iso3"]]
    assert votes.groupby("session")["iso3"].nunique().between(150, 193).all()


def test_new_mined_areas_are_reported_while_the_state_is_bound():
    reports = clearance.load_clearance_new_mined_areas().merge(
        load_treaty_status()[["iso3", "consent_date"]], on="iso3")
    assert (reports["reported_date"] > reports["consent_date"]).all()


def test_section_ranges_fit_their_plan_and_agree_with_the_actions():
    """Ranges of one plan do not overlap or exceed its action count; a compiled action inside
    a range carries that range's section."""
    from analysis.loaders import load_action_plans, load_plan_actions, load_plan_sections

    ranges = load_plan_sections()
    counts = load_action_plans().set_index("plan_id")["actions_count"]
    for plan_id, rows in ranges.groupby("plan_id"):
        rows = rows.sort_values("first_action")
        assert (rows["first_action"].iloc[1:].to_numpy() > rows["last_action"].iloc[:-1].to_numpy()).all(), plan_id
        if pd.notna(counts[plan_id]):
            assert rows["last_action"].max() <= counts[plan_id], plan_id
    actions = load_plan_actions().merge(ranges, on="plan_id", suffixes=("", "_range"))
    inside = actions[actions["action_number"].between(actions["first_action"], actions["last_action"])]
    assert not inside.empty
    assert (inside["section"] == inside["section_range"]).all(), inside[["plan_id", "action_number"]]
