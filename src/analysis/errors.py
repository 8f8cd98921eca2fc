"""The library's exceptions: one root, each kind with the exit code the command line gives it.

Catch :class:`MinebansError` to handle anything the library refuses on purpose; an
exception of another class is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


class MinebansError(Exception):
    """Root of the library's exceptions; ``exit_code`` is what ``minebans`` exits with."""

    exit_code: int = 1


class ParameterError(MinebansError, ValueError):
    """A parameter is unknown or out of range (a date, a year, a region); nothing has run."""

    exit_code = 2


class UsageError(ParameterError):
    """Bad command-line input; reported on one line with exit code 2."""


class DataError(MinebansError, ValueError):
    """The data cannot be used: a table is malformed or breaks a rule."""

    exit_code = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a table: where (line, column), the value and why."""

    line: int | None
    column: str | None
    value: str
    message: str

    def __str__(self) -> str:
        where = [f"line {self.line}" if self.line is not None else "file"]
        if self.column:
            where.append(f"column {self.column}")
        value = f" (value {self.value!r})" if self.value != "" else ""
        return f"{', '.join(where)}: {self.message}{value}"


class DataValidationError(DataError):
    """A table failed validation; ``problems`` lists every failure found."""

    def __init__(self, path: Path, problems: Sequence[Problem]):
        self.path = Path(path)
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.column or "", p.message))
        lines = [f"{self.path}: {len(self.problems)} problem(s)"]
        lines += [f"  {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


class ReportError(MinebansError, RuntimeError):
    """A report could not be written; the last good one is kept."""

    exit_code = 1
