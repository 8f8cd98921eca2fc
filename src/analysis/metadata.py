"""The machine-readable description of every table (``data/datapackage.json``).

The description follows the Frictionless Data Package layout: per table its
file, primary key, foreign keys and fields (type, unit, constraints). Loaders,
validation, documentation and tests all read it, so they cannot drift apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from analysis import paths

PACKAGE_FILE = "datapackage.json"


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
    schema = resource["schema"]
    return Table(
        name=resource["name"],
        path=resource["path"],
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
def _read_package(package_file: Path) -> dict[str, Table]:
    with package_file.open(encoding="utf-8") as handle:
        package = json.load(handle)
    return {res["name"]: _parse_table(res) for res in package["resources"]}


def tables(data_dir: Path | None = None) -> dict[str, Table]:
    """All table descriptions, keyed by table name."""
    return _read_package((data_dir or paths.data_dir()) / PACKAGE_FILE)


def table(name: str, data_dir: Path | None = None) -> Table:
    """The description of one table.

    Raises:
        KeyError: no table of that name is described.
    """
    described = tables(data_dir)
    if name not in described:
        raise KeyError(f"no table {name!r} in {PACKAGE_FILE}; known: {sorted(described)}")
    return described[name]
