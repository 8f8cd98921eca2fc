"""The library's exceptions: one root, each kind with the exit code the command line gives it.

Catch :class:`MinebansError` to handle anything the library refuses on purpose; an
exception of another class is a bug.
"""

from __future__ import annotations


class MinebansError(Exception):
    """Root of the library's exceptions; ``exit_code`` is what ``minebans`` exits with."""

    exit_code: int = 1


class ParameterError(MinebansError, ValueError):
    """A parameter is unknown or out of range (a date, a year, a region); nothing has run."""

    exit_code = 2


class DataError(MinebansError, ValueError):
    """The data cannot be used: a table is malformed or breaks a rule."""

    exit_code = 1


class ReportError(MinebansError, RuntimeError):
    """A report could not be written; the last good one is kept."""

    exit_code = 1
