"""Shared fixtures: tiny data folders and treaty-status frames built in the test; the processes
a test leaves running."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import psutil
import pytest

from analysis import paths
from analysis.dataset import Dataset

T = pd.Timestamp

SOURCES_CSV = (
    "source_id,title,publisher,year,url,accessed\n"
    "untc_xxvi5,Depositary record,United Nations,2026,https://treaties.un.org/,2026-11-28\n"
)
STATES_HEADER = (
    "iso3,state,un_member,m49_code,m49_region,m49_subregion,monitor_region,"
    "independence_date,source_id,note\n"
)
ACTIONS_HEADER = (
    "iso3,signature_date,consent_type,consent_date,withdrawal_notified_date,"
    "withdrawal_armed_conflict,suspension_notified_date,source_id,note\n"
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with the project's datapackage.json and a valid sources table."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(paths.data_dir() / "datapackage.json", folder / "datapackage.json")
    (folder / "sources.csv").write_text(SOURCES_CSV, encoding="utf-8")
    return folder


def running_descendants() -> list[psutil.Process]:
    """This process's children and theirs (kernels among them), zombies already gone left out."""
    return [p for p in psutil.Process().children(recursive=True)
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def state_row(iso3: str, independence: str = "") -> str:
    return f"{iso3},State {iso3},true,001,Europe,Western Europe,Africa,{independence},untc_xxvi5,\n"


def make_status(rows: list[dict]) -> pd.DataFrame:
    """A treaty-status frame with the loader's columns; unspecified dates are NaT."""
    dates = ["independence_date", "signature_date", "consent_date", "entry_into_force_date",
             "withdrawal_notified_date", "withdrawal_effective_date", "suspension_notified_date"]
    frame = pd.DataFrame(rows)
    for column in dates:
        frame[column] = pd.to_datetime(frame[column]) if column in frame else pd.NaT
    defaults = {"un_member": True, "monitor_region": "Africa", "m49_region": "Africa",
                "consent_type": None, "state": frame["iso3"]}
    for column, value in defaults.items():
        if column not in frame:
            frame[column] = value
    frame["un_member"] = frame["un_member"].astype(bool)
    return frame


@pytest.fixture(scope="session")
def data() -> Dataset:
    """The project's dataset, read once for the whole test session."""
    return Dataset.load(paths.PROJECT_ROOT / "data")


def status_data(rows: list[dict]) -> Dataset:
    """A dataset holding only a hand-made treaty-status table (:func:`make_status`)."""
    return Dataset.from_tables(treaty_status=make_status(rows))
