"""Read a described CSV table into a typed DataFrame, or fail with every problem at once.

Reading is strict: a cell that is not of its column's type is an error, never
silently turned into a missing value. Constraints from ``datapackage.json``
(required, enum, pattern, range, primary key) are checked with pandera, foreign
keys against the referenced tables, and table-specific rules passed in by the
loaders. All problems are collected and raised together in one
:class:`~analysis.errors.DataValidationError` naming the file, the line and the column of each.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis import metadata, paths
from analysis.errors import DataValidationError, Problem

#: How a CSV line number relates to the DataFrame index: line 1 is the header.
FIRST_DATA_LINE = 2
_INTEGER = re.compile(r"^[+-]?\d+$")
_BOOLEANS = {"true": True, "false": False}


#: A table-specific rule: takes the typed table, returns its problems.
RowCheck = Callable[[pd.DataFrame], list[Problem]]


def line_of(index_label: int) -> int:
    """CSV line number of a row, given its position in the table."""
    return int(index_label) + FIRST_DATA_LINE


def rows_where(frame: pd.DataFrame, bad: pd.Series, columns: Sequence[str], message: str) -> list[Problem]:
    """One problem per row where ``bad`` is true, naming ``columns`` and their values."""
    problems = []
    for label in frame.index[bad.fillna(False).astype(bool)]:
        values = ", ".join(f"{c}={_show(frame.at[label, c])}" for c in columns)
        problems.append(Problem(line_of(label), ", ".join(columns), values, message))
    return problems


def _show(value: object) -> str:
    if pd.isna(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def _parse_column(raw: pd.Series, field: metadata.Field) -> tuple[pd.Series, list[Problem]]:
    """Convert one column of strings to its declared type, recording bad cells."""
    present = raw != ""
    if field.type == "string":
        return raw.where(present, None).astype("str"), []
    if field.type == "date":
        parsed = pd.to_datetime(raw.where(present, None), format="%Y-%m-%d", errors="coerce")
        bad = present & parsed.isna()
        expected = "not a date in YYYY-MM-DD form"
    elif field.type == "integer":
        bad = present & ~raw.str.match(_INTEGER)
        parsed = pd.array([int(v) if ok else None for v, ok in zip(raw, present & ~bad)], dtype="Int64")
        parsed = pd.Series(parsed, index=raw.index)
        expected = "not a whole number"
    elif field.type == "number":
        parsed = pd.to_numeric(raw.where(present, None), errors="coerce").astype("Float64")
        bad = present & parsed.isna()
        expected = "not a number"
    elif field.type == "boolean":
        lowered = raw.str.lower()
        bad = present & ~lowered.isin(list(_BOOLEANS))
        parsed = pd.Series(pd.array([_BOOLEANS.get(v) for v in lowered], dtype="boolean"), index=raw.index)
        expected = "not a boolean (true or false)"
    else:
        raise ValueError(f"field {field.name!r} has unsupported type {field.type!r}")
    problems = [Problem(line_of(i), field.name, raw[i], expected) for i in raw.index[bad]]
    return parsed, problems


def _full_match(pattern: str) -> pa.Check:
    """A Table Schema ``pattern``: the regular expression must match the whole value."""
    return pa.Check(lambda values: values.str.fullmatch(pattern), name=f"pattern {pattern}")


def _pandera_schema(table: metadata.Table) -> pa.DataFrameSchema:
    """A pandera schema built from the table's description."""
    columns = {}
    for field in table.fields:
        c = field.constraints
        checks = []
        if "enum" in c:
            checks.append(pa.Check.isin(c["enum"]))
        if "pattern" in c:
            checks.append(_full_match(c["pattern"]))
        if "minimum" in c:
            checks.append(pa.Check.ge(c["minimum"]))
        if "maximum" in c:
            checks.append(pa.Check.le(c["maximum"]))
        columns[field.name] = pa.Column(
            nullable=not (field.required or field.name in table.primary_key),
            unique=bool(c.get("unique")), checks=checks,
        )
    return pa.DataFrameSchema(
        columns, unique=list(table.primary_key) or None, report_duplicates="all"
    )


def _schema_problems(frame: pd.DataFrame, table: metadata.Table, raw: pd.DataFrame) -> list[Problem]:
    try:
        _pandera_schema(table).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems = []
        for case in errors.failure_cases.itertuples():
            column = case.column if isinstance(case.column, str) else None
            check = str(case.check)
            if pd.isna(case.index):  # a failure of the column or table as a whole, not of one row
                problems.append(Problem(None, column, str(case.failure_case), f"fails check {check}"))
                continue
            if check == "not_nullable":
                message = "required value is missing"
            elif check == "multiple_fields_uniqueness" or check == "field_uniqueness":
                message = f"duplicate primary key ({', '.join(table.primary_key)})"
            else:
                message = f"fails check {check}"
            value = raw.at[case.index, column] if column in raw.columns else str(case.failure_case)
            problems.append(Problem(line_of(case.index), column, value, message))
        return problems
    return []


def _foreign_key_problems(
    frame: pd.DataFrame, table: metadata.Table, referenced_table: Callable[[str], pd.DataFrame]
) -> list[Problem]:
    problems = []
    for fk in table.foreign_keys:
        referenced = frame if fk.resource == table.name else referenced_table(fk.resource)
        known = set(referenced[list(fk.reference_fields)].itertuples(index=False, name=None))
        for label, key in zip(frame.index, frame[list(fk.fields)].itertuples(index=False, name=None)):
            if any(pd.isna(k) for k in key) or key in known:
                continue
            problems.append(
                Problem(
                    line_of(label),
                    ", ".join(fk.fields),
                    ", ".join(map(str, key)),
                    f"not found in {fk.resource} ({', '.join(fk.reference_fields)})",
                )
            )
    return problems


def _read_records(path: Path) -> tuple[list[str], list[list[str]], list[Problem]]:
    """Header and records of a CSV file; problems for records of the wrong shape.

    One record per line is required, so that a line number names a row.
    """
    problems = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            return [], [], [Problem(1, None, "", "file is empty: a header line is required")]
        except csv.Error as error:
            return [], [], [Problem(1, None, "", f"unreadable header: {error}")]
        records = []
        while True:
            expected_line = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                problems.append(Problem(reader.line_num, None, "", f"not valid CSV: {error}"))
                break
            if reader.line_num != expected_line:
                problems.append(Problem(expected_line, None, "", "a field spans several lines"))
            elif len(record) != len(header):
                problems.append(Problem(reader.line_num, None, "",
                                        f"{len(record)} fields where the header has {len(header)}"))
            records.append(record)
    return header, records, problems


def read_table(
    name: str, data_dir: Path | None = None, checks: Iterable[RowCheck] = (),
    referenced: Callable[[str], pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Read, type and validate one described table.

    Args:
        name: table name in ``datapackage.json``.
        data_dir: folder holding the tables (default: the project's ``data/``).
        checks: table-specific rules, run on the typed table.
        referenced: the tables its foreign keys point to, by name (default: each read and
            validated afresh); a dataset passes the tables it already holds, so that a table
            many others reference (the sources) is read once.

    Returns:
        The table with each column in its declared type: ``str`` strings,
        ``datetime64`` dates (NaT where empty), nullable ``Int64``, ``Float64``
        and ``boolean``.

    Raises:
        DataValidationError: listing every problem found, with file, line and column.
    """
    data_dir = Path(data_dir or paths.data_dir())
    table = metadata.table(name, data_dir)
    path = data_dir / table.path
    if not path.exists():
        raise DataValidationError(path, [Problem(None, None, "", "file not found")])
    header, records, shape_problems = _read_records(path)
    if shape_problems:
        raise DataValidationError(path, shape_problems)
    raw = pd.DataFrame(records, columns=header, dtype=str)

    missing = [c for c in table.columns if c not in header]
    extra = [c for c in header if c not in table.columns]
    header_problems = [Problem(1, c, "", "column missing from the header") for c in missing]
    header_problems += [Problem(1, c, "", "column not described in datapackage.json") for c in extra]
    if header_problems:
        raise DataValidationError(path, header_problems)

    raw = raw[table.columns].apply(lambda s: s.str.strip())
    problems: list[Problem] = []
    typed = {}
    for field in table.fields:
        typed[field.name], bad_cells = _parse_column(raw[field.name], field)
        problems += bad_cells
    frame = pd.DataFrame(typed, index=raw.index)

    reported = {(p.line, p.column) for p in problems}
    problems += [
        p for p in _schema_problems(frame, table, raw) if (p.line, p.column) not in reported
    ]
    problems += _foreign_key_problems(frame, table, referenced or (lambda other: read_table(other, data_dir)))
    for check in checks:
        problems += check(frame)
    if problems:
        raise DataValidationError(path, problems)
    return frame
