"""Data-quality checks over the project's real tables."""

import pandas as pd
import pycountry
import pytest

from analysis import metadata, paths
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


def test_the_197_states(data):
    states = data.states
    assert len(states) == 197
    assert states["un_member"].sum() == 193
    assert set(states.loc[~states["un_member"], "iso3"]) == NON_MEMBER_STATES


def test_codes_and_names_agree_with_pycountry(data):
    for row in data.states.itertuples():
        country = pycountry.countries.get(alpha_3=row.iso3)
        assert country is not None, f"{row.iso3} is not an ISO 3166-1 code"
        assert row.m49_code == country.numeric, row.iso3
        names = {getattr(country, a, None) for a in ("name", "common_name", "official_name")}
        assert row.state in names | {NAME_EXCEPTIONS.get(row.iso3)}, (row.iso3, row.state)


def test_states_born_after_1997_are_dated(data):
    born = data.states.dropna(subset=["independence_date"])
    assert set(born["iso3"]) == {"TLS", "MNE", "SSD"}
    assert (born["independence_date"] > pd.Timestamp("1997-12-03")).all()


def test_treaty_status_covers_all_197_states(data):
    status = data.treaty_status
    assert len(status) == 197 and status["iso3"].is_unique
    assert status["source_id"].notna().all()
    assert str(status["entry_into_force_date"].dtype).startswith("datetime64")


def test_convention_entry_into_force_derived_from_the_record_is_1_march_1999(data):
    """Article 17(1) applied to the deposits gives the date the depositary announced."""
    status = data.treaty_status
    first = status.sort_values("consent_date").head(40)
    assert (first["entry_into_force_date"] == pd.Timestamp("1999-03-01")).all()
    assert first["consent_date"].max() == pd.Timestamp("1998-09-16")  # Burkina Faso, the 40th
    assert status.set_index("iso3").loc["BFA", "consent_date"] == pd.Timestamp("1998-09-16")


def test_dates_in_order(data):
    status = data.treaty_status
    assert not (status["signature_date"] > status["consent_date"]).any()
    instruments = status[status["consent_type"].ne("succession")]
    assert not (instruments["consent_date"] >= instruments["entry_into_force_date"]).any()
    assert not (status["withdrawal_notified_date"] < status["entry_into_force_date"]).any()


def test_only_the_depositary_consent_types(data):
    status = data.treaty_status
    assert set(status["consent_type"].dropna()) <= {"ratification", "accession", "succession",
                                                    "acceptance", "approval"}
    successions = status.loc[status["consent_type"].eq("succession"), "iso3"]
    assert set(successions) == {"MNE", "SSD"}


def test_sessions_have_a_plausible_number_of_votes(data):
    """Catches a roll call read only in part."""
    votes = data.unga_votes
    assert votes.groupby("session")["iso3"].nunique().between(150, 193).all()


def test_primary_keys_are_required():
    """A key identifies a row only if it is never empty (Table Schema: primary keys are required)."""
    for table in metadata.tables().values():
        optional = [f.name for f in table.fields if f.name in table.primary_key and not f.required]
        assert optional == [], (table.name, optional)


def test_the_data_package_passes_the_frictionless_validator():
    """The package claims the Frictionless layout: the standard validator must agree."""
    from frictionless import Package

    report = Package(str(paths.data_dir() / metadata.PACKAGE_FILE)).validate()
    errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    assert report.valid, errors[:20]
