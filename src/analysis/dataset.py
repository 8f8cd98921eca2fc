"""The dataset: every validated table of one data folder, read once and passed to the indicators.

Indicators never read files: they take a :class:`Dataset` and ask it for tables. A
dataset reads each table from its folder on first use (validated with the table's
rules, :mod:`analysis.loaders`), keeps it, and hands out copies, so callers may
modify what they get. Tables the treaty's rules derive (treaty status, the Article 4
and Article 5 tables) are derived here from the tables they rest on.

>>> data = Dataset.load()                 # the project's data (or MINEBANS_DATA_DIR)
>>> data.treaty_status                    # one row per State, all 197
>>> Dataset.load("copy/of/data")          # any folder laid out like data/
>>> data.for_states({"AFG", "AGO"})       # the same data, per-State tables cut to these States
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from analysis import metadata, paths, treaty
from analysis.errors import DataValidationError
from analysis.loaders import read_checked
from analysis.validation import rows_where

#: Source of the fact that a State has taken no action: the depositary's list of participants.
DEPOSITARY_SOURCE_ID = "untc_xxvi5"

#: Tables with one row per State (or per State Party), which :meth:`Dataset.for_states` cuts.
PER_STATE_TABLES = ("states", "treaty_status", "stockpile_destruction", "clearance_obligations")


def _table_property(name: str, doc: str) -> property:
    def get(self: Dataset) -> pd.DataFrame:
        return self.table(name)

    get.__doc__ = doc
    return property(get)


class Dataset:
    """The validated tables of one data folder (or given in memory), each read once."""

    def __init__(self, folder: Path | None = None, tables: Mapping[str, pd.DataFrame] | None = None,
                 states: Collection[str] | None = None, parent: Dataset | None = None) -> None:
        self.folder = None if folder is None else Path(folder).resolve()
        self._given = dict(tables or {})
        self._states = None if states is None else frozenset(states)
        self._parent = parent
        self._cache: dict[str, pd.DataFrame] = {}

    @classmethod
    def load(cls, folder: str | Path | None = None) -> Dataset:
        """The dataset of ``folder`` (default the project's data folder, or ``MINEBANS_DATA_DIR``).

        One instance per folder and process, so a kernel that runs many reports reads each table once.
        """
        return _loaded(Path(folder or paths.data_dir()).resolve())

    @classmethod
    def from_tables(cls, **tables: pd.DataFrame) -> Dataset:
        """A dataset of the given tables only (by table name), e.g. a hand-made ``treaty_status``;
        derived tables are derived from the given ones where asked for."""
        return cls(tables=tables)

    def __repr__(self) -> str:
        where = self.folder or f"tables {sorted(self._given)}"
        return f"Dataset({where}" + ("" if self._states is None else f", {len(self._states)} States") + ")"

    # -- tables -------------------------------------------------------------------------------

    def table(self, name: str) -> pd.DataFrame:
        """A copy of the table ``name``: a described table (``datapackage.json``) or a derived one.

        Raises:
            DataValidationError: the table, or one it derives from, breaks its rules.
            KeyError: no such table in this dataset.
        """
        return self._get(name).copy()

    def _get(self, name: str) -> pd.DataFrame:
        if name not in self._cache:
            self._cache[name] = self._build(name)
        return self._cache[name]

    def _build(self, name: str) -> pd.DataFrame:
        if self._parent is not None:
            table = self._parent._get(name)
            if name in PER_STATE_TABLES and self._states is not None:
                table = table[table["iso3"].isin(self._states)].reset_index(drop=True)
            return table
        if name in self._given:
            return self._given[name]
        if name in _DERIVED:
            return _DERIVED[name](self)
        if self.folder is None:
            raise KeyError(f"table {name!r} is not in this dataset (given: {', '.join(sorted(self._given))})")
        return read_checked(name, self.folder, referenced=self._get)

    def describe(self, name: str) -> metadata.Table:
        """The description of a table in this dataset's ``datapackage.json`` (the project's, for a
        dataset given in memory): fields, types, units, codes and their labels."""
        return metadata.table(name, self.folder)

    def for_states(self, iso3: Collection[str]) -> Dataset:
        """The same data with its per-State tables (:data:`PER_STATE_TABLES`) cut to the States in
        ``iso3``: a regional report's view. Publication-level tables (casualties, votes, sources)
        stay whole."""
        return Dataset(self.folder, states=iso3, parent=self._root())

    def _root(self) -> Dataset:
        return self if self._parent is None else self._parent

    def _path(self, file: str) -> Path:
        return (self.folder or Path(".")) / file

    # -- derived tables -----------------------------------------------------------------------

    treaty_status = _table_property("treaty_status", """One row per State (all 197) with its treaty dates, derived ones included.

        Columns: ``iso3, state, un_member, m49_region, m49_subregion, monitor_region,
        independence_date, signature_date, consent_type, consent_date,
        entry_into_force_date, withdrawal_notified_date, withdrawal_armed_conflict,
        withdrawal_effective_date, suspension_notified_date, source_id, note``. Dates are
        ``datetime64``, NaT where none. ``entry_into_force_date`` follows Article 17 and
        ``withdrawal_effective_date`` Article 20 (NaT while an armed conflict delays it).""")
    stockpile_destruction = _table_property("stockpile_destruction", """One row per State Party (every State that ever joined) with its Article 4 record.

        ``article4_deadline`` is entry into force plus four years (derived). ``deadline_met``
        is judged on the data's date: NA where there was no stockpile, the deadline had not
        passed, the record is missing, or a month/year-precision completion straddles the
        deadline. ``had_stockpile`` is NA where the status is not yet compiled (the note says so).""")
    clearance_obligations = _table_property("clearance_obligations", """One row per State Party with an Article 5 obligation, past or present.

        ``article5_deadline`` is entry into force plus ten years (derived); ``deadline_agrees``
        compares it with the deadline a source states, at that source's precision (NA where
        none is stated); ``extensions`` counts the extensions granted and ``latest_deadline``
        is the last extended deadline read.""")

    # -- described tables ---------------------------------------------------------------------

    sources = _table_property("sources", "One row per publication the data cites.")
    states = _table_property("states", "The 197 States the depositary counts, with UN membership and regions.")
    treaty_actions = _table_property("treaty_actions", "Signatures, deposits and withdrawal notifications.")
    published_figures = _table_property("published_figures", "Dated counts as publications state them.")
    casualties = _table_property("casualties_global", "Global casualties per (year, edition) as each edition states them.")
    casualties_by_country = _table_property("casualties_country", "Casualties of the most affected States per (year, edition).")
    casualties_published = _table_property("casualties_published", "Headline casualty totals as second publications state them.")
    stockpile_remaining = _table_property("stockpile_remaining", "Mines remaining at dated points, for States past their deadline.")
    retained_mines = _table_property("retained_mines", "Mines retained under Article 3, by State Party and year.")
    stockpile_published = _table_property("stockpile_published", "Global stockpile figures as dated publications state them.")
    action_plans = _table_property("action_plans", "The action plans, by adoption date.")
    meetings = _table_property("meetings", "Meetings of the States Parties and Review Conferences, by date.")
    plan_actions = _table_property("plan_actions", "Actions of the action plans, as far as compiled.")
    plan_sections = _table_property("plan_sections", "Ranges of action numbers making up a plan's sections.")
    clearance_records = _table_property("clearance", "Article 5 records: stated original deadline, completion.")
    clearance_extensions = _table_property("clearance_extensions", "Article 5 deadline extensions granted.")
    clearance_new_mined_areas = _table_property("clearance_new_mined_areas", "Mined areas found after completion.")
    transparency_rates = _table_property("transparency_rates", "Published Article 7 annual reporting rates.")
    article7_initial_overdue = _table_property("article7_initial_overdue", "States named overdue with initial reports.")
    unga_resolutions = _table_property("unga_resolutions", "The yearly General Assembly resolutions on the Convention.")
    unga_votes = _table_property("unga_votes", "How each State voted on the yearly resolution.")
    mine_action_support = _table_property("mine_action_support", "Support for mine action per year (US$ million).")
    mine_action_donors = _table_property("mine_action_donors", "The largest donors to mine action per year.")
    plan_indicators_published = _table_property("plan_indicators_published", "Published counts for plan sections.")
    monitor_editions = _table_property("monitor_editions", "Release day of each Landmine Monitor edition.")

    @property
    def geometry(self) -> gpd.GeoDataFrame:
        """One row per State (all of :attr:`states`): ``iso3``, ``kind`` (``polygon``, or ``point``
        at the capital of a State too small for the 1:110m data), ``geometry`` (WGS 84), from
        ``geo/`` (built by ``scripts/build_geometry.py``). A regional view keeps every State's, so
        maps can draw the others as background.

        Raises:
            ValueError: a State has no geometry, or more than one.
        """
        root = self._root()
        if "geometry" not in root._cache:
            root._cache["geometry"] = _geometry(root)
        return root._cache["geometry"].copy()

    @property
    def other_areas(self) -> gpd.GeoDataFrame | None:
        """Land that is no State of the data (territories, disputed areas), drawn as background;
        None where the data folder has no ``geo/other_areas.geojson``."""
        file = self._path("geo/other_areas.geojson")
        return gpd.read_file(file, engine="pyogrio") if file.exists() else None

    @property
    def data_as_of(self) -> pd.Timestamp:
        """The date the data was last checked against its sources: the latest access date."""
        return pd.Timestamp(self._get("sources")["accessed"].max())


@cache
def _loaded(folder: Path) -> Dataset:
    return Dataset(folder)


def _treaty_status(data: Dataset) -> pd.DataFrame:
    states, actions = data._get("states"), data._get("treaty_actions")
    status = states.merge(actions, on="iso3", how="left", suffixes=("_state", ""), validate="one_to_one")
    status["source_id"] = status["source_id"].fillna(DEPOSITARY_SOURCE_ID)
    no_action = ~status["iso3"].isin(actions["iso3"])
    status.loc[no_action, "note"] = "No treaty action in the depositary record."

    missing_succession = status["consent_type"].eq("succession") & status["independence_date"].isna()
    problems = rows_where(status, missing_succession, ["iso3", "independence_date"],
                          "succession needs the State's independence_date in states.csv")
    if problems:
        raise DataValidationError(data._path("states.csv"), problems)

    status["entry_into_force_date"], _ = treaty.entry_into_force_dates(
        status["consent_type"], status["consent_date"], status["independence_date"]
    )
    status["withdrawal_effective_date"] = pd.to_datetime(
        [treaty.withdrawal_effective_date(n, c)
         for n, c in zip(status["withdrawal_notified_date"], status["withdrawal_armed_conflict"])]
    ).astype(status["consent_date"].dtype)
    status["entry_into_force_date"] = status["entry_into_force_date"].astype(status["consent_date"].dtype)

    late = status["withdrawal_effective_date"].notna() & (
        status["withdrawal_effective_date"] <= status["entry_into_force_date"]
    )
    if late.any():
        raise DataValidationError(
            data._path("treaty_actions.csv"),
            rows_where(status, late, ["iso3", "withdrawal_notified_date"],
                       "withdrawal takes effect before the Convention entered into force for the State"),
        )
    columns = [
        "iso3", "state", "un_member", "m49_region", "m49_subregion", "monitor_region",
        "independence_date", "signature_date", "consent_type", "consent_date",
        "entry_into_force_date", "withdrawal_notified_date", "withdrawal_armed_conflict",
        "withdrawal_effective_date", "suspension_notified_date", "source_id", "note",
    ]
    return status[columns].sort_values("iso3", ignore_index=True)


#: Length of the period a completion date stands for, by its precision.
_PERIOD = {"day": pd.DateOffset(days=0), "month": pd.DateOffset(months=1, days=-1),
           "year": pd.DateOffset(years=1, days=-1)}


def _deadline_met(table: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """True/False where the record settles it, NA where it does not (no obligation, not due, imprecise date)."""
    start = table["completion_date"]
    end = pd.Series([d + _PERIOD[p] if pd.notna(d) else pd.NaT
                     for d, p in zip(start, table["completion_precision"].fillna("day"))], index=table.index)
    deadline = table["article4_deadline"]
    met = pd.Series(pd.NA, index=table.index, dtype="boolean")
    held = table["had_stockpile"].fillna(False).astype(bool)
    met[held & end.notna() & (end <= deadline)] = True
    met[held & start.notna() & (start > deadline)] = False
    unfinished = table["destruction_completed"].eq(False).fillna(False).astype(bool)
    met[held & unfinished & (deadline < as_of)] = False
    return met


def _stockpile_destruction(data: Dataset) -> pd.DataFrame:
    status = data._get("treaty_status")
    parties = status[status["consent_date"].notna()]
    stock = data._get("stockpile_status")
    not_party = ~stock["iso3"].isin(parties["iso3"])
    if not_party.any():
        raise DataValidationError(data._path("stockpile_status.csv"),
                                  rows_where(stock, not_party, ["iso3"], "not a State Party"))
    table = parties[["iso3", "state", "entry_into_force_date"]].merge(stock, on="iso3", how="left")
    table["article4_deadline"] = treaty.article4_deadline(table["entry_into_force_date"])
    table["deadline_met"] = _deadline_met(table, data.data_as_of)
    missing = table["had_stockpile"].isna()
    table.loc[missing, "note"] = "Stockpile status not yet compiled: no source read for this State Party."
    columns = ["iso3", "state", "entry_into_force_date", "had_stockpile", "stockpile_declared",
               "mines_destroyed", "destruction_completed", "completion_date", "completion_precision", "article4_deadline",
               "deadline_met", "source_id", "quote", "note"]
    return table[columns].sort_values("iso3", ignore_index=True)


def _deadline_agrees(derived: pd.Series, stated: pd.Series, precision: pd.Series) -> pd.Series:
    """The derived deadline against a stated one, at the stated one's precision; NA where none is stated."""
    agrees = pd.Series(pd.NA, index=derived.index, dtype="boolean")
    for i in derived.index[stated.notna()]:
        if precision[i] == "day":
            agrees[i] = derived[i] == stated[i]
        elif precision[i] == "month":
            agrees[i] = (derived[i].year, derived[i].month) == (stated[i].year, stated[i].month)
        else:
            agrees[i] = derived[i].year == stated[i].year
    return agrees


def _clearance_obligations(data: Dataset) -> pd.DataFrame:
    status = data._get("treaty_status")
    table = data._get("clearance").merge(status[["iso3", "state", "entry_into_force_date"]], on="iso3", how="left")
    table["article5_deadline"] = treaty.article5_deadline(table["entry_into_force_date"])
    table["deadline_agrees"] = _deadline_agrees(table["article5_deadline"], table["original_deadline_stated"],
                                                table["original_deadline_precision"])
    extensions = data._get("clearance_extensions")
    table["extensions"] = table["iso3"].map(extensions["iso3"].value_counts()).fillna(0).astype(int)
    table["latest_deadline"] = table["iso3"].map(extensions.groupby("iso3")["new_deadline"].max())
    return table.sort_values("iso3", ignore_index=True)


def _geometry(data: Dataset) -> gpd.GeoDataFrame:
    folder = data._path("geo")
    polygons = gpd.read_file(folder / "countries.geojson", engine="pyogrio")
    points = pd.read_csv(folder / "points.csv", dtype={"iso3": str}, keep_default_na=False)
    points = gpd.GeoDataFrame(points[["iso3"]], geometry=gpd.points_from_xy(points["lon"], points["lat"]),
                              crs="EPSG:4326")
    table = pd.concat([polygons.assign(kind="polygon"), points.assign(kind="point")], ignore_index=True)
    geometry = gpd.GeoDataFrame(table[["iso3", "kind", "geometry"]], geometry="geometry", crs="EPSG:4326")
    states = set(data._get("states")["iso3"])
    missing = sorted(states - set(geometry["iso3"]))
    doubled = sorted(geometry.loc[geometry["iso3"].duplicated(), "iso3"])
    if missing or doubled:
        raise ValueError(f"{folder}: no geometry for {missing}, more than one for {doubled}; "
                         "rebuild with scripts/build_geometry.py")
    return geometry[geometry["iso3"].isin(states)].reset_index(drop=True)


_DERIVED = {"treaty_status": _treaty_status, "stockpile_destruction": _stockpile_destruction,
            "clearance_obligations": _clearance_obligations}
