"""Failures a reviewer should read, not a traceback: a refused value, a busy database.

An exception escaping an action would end the app; these become a notification
instead, and since every store write is one transaction, nothing half-done is
left behind.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from workbench.errors import WorkbenchError

F = TypeVar("F", bound=Callable[..., Any])


def guarded(method: F) -> F:
    """Run an action of a screen; show a WorkbenchError or a database error as a notification."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        return guarding(self)(method)(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def guarding(screen: Any) -> Callable[[F], F]:
    """The same guard for a callback (a dialog's result) that belongs to ``screen``."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except WorkbenchError as error:
                screen.notify(error.message, severity="error", timeout=8)
                return None

        return wrapper  # type: ignore[return-value]

    return decorate
