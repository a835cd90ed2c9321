"""Exceptions the library raises for user mistakes.

Each carries a one-line message meant for the user; the CLI and the TUI show
it as it is.  Anything that is not a ``WorkbenchError`` is a bug.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """Base for every error caused by input, configuration or the database file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(WorkbenchError):
    """The source to import cannot be read as an article."""


class ConfigError(WorkbenchError):
    """The settings file is broken."""


class DatabaseError(WorkbenchError):
    """The database file is not usable (not SQLite, corrupted, too new, locked)."""


class NotFoundError(WorkbenchError):
    """An article, sentence or piece of evidence does not exist."""


class ValidationError(WorkbenchError):
    """A value given by the user is not acceptable (a bad URL, verdict, position)."""


class ExportError(WorkbenchError):
    """A report cannot be written."""


class ConflictError(WorkbenchError):
    """Someone else changed a row since it was read: the change was not made.

    ``current`` is the row as it is now (a model object), when the caller can
    offer it to the reviewer beside their own text.
    """

    def __init__(self, message: str, current: object | None = None) -> None:
        super().__init__(message)
        self.current = current
