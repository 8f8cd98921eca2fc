"""The dataset: tables read once per folder, copies handed out, regional views, in-memory datasets."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis import paths, stockpiles, universalization
from analysis.dataset import PER_STATE_TABLES, Dataset

from conftest import make_status


def test_a_folder_is_read_once_per_process(data):
    assert Dataset.load(paths.PROJECT_ROOT / "data") is data
    assert data._get("treaty_status") is data._get("treaty_status")


def test_callers_get_copies_they_may_change(data):
    status = data.treaty_status
    status.loc[:, "consent_date"] = pd.NaT
    assert data.treaty_status["consent_date"].notna().sum() > 150


def test_a_dataset_in_memory_derives_what_it_is_not_given(data):
    actions = data.treaty_actions
    late = actions["consent_date"].idxmax()
    actions.loc[late, "consent_date"] += pd.DateOffset(days=1)
    small = Dataset.from_tables(states=data.states, treaty_actions=actions, sources=data.sources)
    derived, loaded = small.treaty_status.set_index("iso3"), data.treaty_status.set_index("iso3")
    moved = actions.at[late, "iso3"]
    assert derived.at[moved, "consent_date"] == loaded.at[moved, "consent_date"] + pd.DateOffset(days=1)
    others = derived.index != moved
    assert derived["entry_into_force_date"][others].equals(loaded["entry_into_force_date"][others])
    with pytest.raises(KeyError, match="not in this dataset"):
        small.unga_votes  # noqa: B018


def test_a_hand_made_status_table_stands_in_for_the_derived_one():
    status = make_status([{"iso3": "AAA", "signature_date": "1997-12-03", "consent_date": "1998-01-10",
                           "entry_into_force_date": "1999-03-01"}, {"iso3": "BBB"}])
    data = Dataset.from_tables(treaty_status=status)
    assert universalization.states_parties(data, "1999-06-01") == ["AAA"]


def test_a_regional_view_cuts_the_per_state_tables_only(data):
    africa = data.treaty_status.query("monitor_region == 'Africa'")["iso3"]
    view = data.for_states(africa)
    for name in PER_STATE_TABLES:
        assert set(view.table(name)["iso3"]) <= set(africa), name
        assert len(view.table(name)) < len(data.table(name)), name
    assert len(view.unga_votes) == len(data.unga_votes)
    assert len(view.geometry) == len(data.geometry) == len(data.states), "maps draw the others as background"
    assert set(stockpiles.status_on(view, "2025-12-31")["iso3"]) <= set(africa)


def test_an_indicator_reads_the_folder_it_is_given(tmp_path, data):
    copy = tmp_path / "data"
    shutil.copytree(paths.PROJECT_ROOT / "data", copy)
    stock = pd.read_csv(copy / "stockpile_status.csv", dtype=str, keep_default_na=False)
    done = stock.index[stock["destruction_completed"].eq("true") & stock["completion_date"].ne("")][0]
    stock.loc[done, ["destruction_completed", "completion_date", "completion_precision"]] = ["false", "", ""]
    stock.to_csv(copy / "stockpile_status.csv", index=False)
    before, after = stockpiles.counts(data, "2025-12-31"), stockpiles.counts(Dataset.load(copy), "2025-12-31")
    assert after["destroyed"] == before["destroyed"] - 1
    assert after["destroying"] == before["destroying"] + 1
