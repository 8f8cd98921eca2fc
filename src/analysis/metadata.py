"""The machine-readable description of every table (``data/datapackage.json``).

The description follows the Frictionless Data Package layout: per table its
file, primary key, foreign keys and fields (type, unit, constraints). Loaders,
validation, documentation and tests all read it, so they cannot drift apart.

It is also the one home of the category codes: a field's ``enum`` constraint and its
``categories`` (labels), for the tables' columns and, under the package's ``derived``
property, for the columns the library derives (treaty, stockpile and clearance status).
Code takes them as enums (:func:`codes`), never as typed copies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from analysis import paths

PACKAGE_FILE = "datapackage.json"
#: The regional groupings of States: scheme name, and the ``states`` column holding each State's region.
REGION_SCHEMES = {"monitor": "monitor_region", "m49": "m49_region", "m49_subregion": "m49_subregion"}


@dataclass(frozen=True)
class Field:
    """One column: name, type (string, integer, number, boolean, date) and constraints."""

    name: str
    type: str
    description: str = ""
    unit: str | None = None
    constraints: dict[str, Any] = field(default_factory=dict)
    categories: tuple[tuple[str, str], ...] = ()

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required", False))

    @property
    def labels(self) -> dict[str, str]:
        """The label of each code (Data Package ``categories``), in their order; empty if none."""
        return dict(self.categories)

    @property
    def codes(self) -> tuple[str, ...]:
        """The field's codes (its ``enum`` constraint), in their order; empty if it has none."""
        return tuple(self.constraints.get("enum", ()))


@dataclass(frozen=True)
class ForeignKey:
    """Columns of this table that must match a key of another table."""

    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table's file, fields and keys."""

    name: str
    path: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"table {self.name!r} has no field {name!r}")


def _parse_table(resource: dict[str, Any]) -> Table:
    schema = resource.get("schema", resource)
    return Table(
        name=resource["name"],
        path=resource.get("path", ""),
        description=resource.get("description", ""),
        fields=tuple(
            Field(
                name=f["name"],
                type=f["type"],
                description=f.get("description", ""),
                unit=f.get("unit"),
                constraints=f.get("constraints", {}),
                categories=tuple((c["value"], c["label"]) for c in f.get("categories", ())),
            )
            for f in schema["fields"]
        ),
        primary_key=tuple(schema.get("primaryKey", ())),
        foreign_keys=tuple(
            ForeignKey(
                fields=tuple(fk["fields"]),
                resource=fk["reference"]["resource"],
                reference_fields=tuple(fk["reference"]["fields"]),
            )
            for fk in schema.get("foreignKeys", ())
        ),
    )


@cache
def _read_package(package_file: Path) -> tuple[dict[str, Table], dict[str, Table]]:
    with package_file.open(encoding="utf-8") as handle:
        package = json.load(handle)
    return ({res["name"]: _parse_table(res) for res in package["resources"]},
            {t["name"]: _parse_table(t) for t in package.get("derived", {}).get("tables", ())})


def tables(data_dir: Path | None = None) -> dict[str, Table]:
    """All table descriptions, keyed by table name."""
    return _read_package((data_dir or paths.data_dir()) / PACKAGE_FILE)[0]


def derived_tables(data_dir: Path | None = None) -> dict[str, Table]:
    """The described columns of the derived tables (the package's ``derived`` property), by table name."""
    return _read_package((data_dir or paths.data_dir()) / PACKAGE_FILE)[1]


def field_of(table_name: str, field_name: str, data_dir: Path | None = None) -> Field:
    """A field of a described or derived table.

    Raises:
        KeyError: no such table or field.
    """
    described = {**tables(data_dir), **derived_tables(data_dir)}
    if table_name not in described:
        raise KeyError(f"no table {table_name!r} in {PACKAGE_FILE}; known: {sorted(described)}")
    return described[table_name].field(field_name)


@cache
def codes(table_name: str, field_name: str) -> type[StrEnum]:
    """The codes of a field as an enum (members named and valued by code, in the package's
    order), from the project's data package: a code the package does not define fails where it
    is written, not where it is compared.

    >>> codes("treaty_actions", "consent_type").succession
    <consent_type.succession: 'succession'>

    Raises:
        KeyError: no such table or field. ValueError: the field defines no codes.
    """
    found = field_of(table_name, field_name, paths.PROJECT_ROOT / "data")
    if not found.codes:
        raise ValueError(f"{table_name}.{field_name} defines no codes in {PACKAGE_FILE}")
    return StrEnum(field_name, [(c, c) for c in found.codes])


def labels(table_name: str, field_name: str) -> dict[str, str]:
    """The words for each code of a field (its ``categories``), in the package's order."""
    return field_of(table_name, field_name, paths.PROJECT_ROOT / "data").labels


def table(name: str, data_dir: Path | None = None) -> Table:
    """The description of one table.

    Raises:
        KeyError: no table of that name is described.
    """
    described = tables(data_dir)
    if name not in described:
        raise KeyError(f"no table {name!r} in {PACKAGE_FILE}; known: {sorted(described)}")
    return described[name]
