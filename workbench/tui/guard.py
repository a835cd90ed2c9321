"""Failures a reviewer should read, not a traceback: a refused value, a busy database, a bug
in a worker.

An exception escaping an action would end the app.  ``guarded`` and ``guarding`` turn a
``WorkbenchError`` into a notification instead; since every store write is one
transaction, nothing half-done is left behind.  ``worker`` runs a screen's slow job (a
thread importing an article) and is the one place a job's failure ends up: a
``WorkbenchError`` is its message, anything else (a bug, a database error nothing
translated) one line naming the error log, where its traceback is appended.  A failing
worker never ends the app.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.worker import Worker

F = TypeVar("F", bound=Callable[..., Any])
N = TypeVar("N", bound="DOMNode")
P = ParamSpec("P")

LOG_SUFFIX = ".errors.log"  # workbench.db -> workbench.errors.log
MESSAGE_CHARS = 160  # of the error's own words, in the one line shown
_writing = threading.Lock()  # two workers failing at once write whole records


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


def error_log(database: str | Path) -> Path:
    """Where a worker's traceback goes: beside the database file (``workbench.db`` ->
    ``workbench.errors.log``), or in the user's log folder for a database in memory."""
    if str(database) == ":memory:":
        import platformdirs

        return Path(platformdirs.user_log_dir("workbench")) / "errors.log"
    path = Path(database)
    return path.with_name(path.stem + LOG_SUFFIX)


def log_failure(path: Path, error: BaseException, what: str) -> str | None:
    """Append ``error``'s traceback to the log at ``path`` (from any thread); None when
    written, else why it could not be."""
    from workbench import __version__

    at = datetime.now().astimezone().isoformat(timespec="seconds")
    record = f"--- {at} workbench {__version__}: {what}\n" + "".join(
        traceback.format_exception(error)
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _writing, path.open("a", encoding="utf-8") as log:
            log.write(record + "\n")
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


def one_line(error: BaseException) -> str:
    """The error as one short line: its type and its first words."""
    words = " ".join(str(error).split())
    if len(words) > MESSAGE_CHARS:
        words = words[: MESSAGE_CHARS - 1] + "…"
    return f"{type(error).__name__}: {words}" if words else type(error).__name__


def failure_message(app: App[Any], error: BaseException, what: str) -> str:
    """What to tell the reviewer of a worker's failure; a bug's traceback is logged first."""
    if isinstance(error, WorkbenchError):
        return error.message
    store = getattr(app, "store", None)  # WorkbenchApp's (an app in a test may have none)
    path = error_log(store.path if store is not None else ":memory:")
    problem = log_failure(path, error, what)
    where = f"the details are in {path}" if problem is None else (
        f"the details could not be written to {path} ({problem})"
    )  # fmt: skip
    return f"{what} stopped on an unexpected error ({one_line(error)}); {where}."


def report_failure(app: App[Any], error: BaseException, what: str, *, thread: bool) -> None:
    """Say in one line that a worker failed (from its own thread, if it runs in one)."""
    message = failure_message(app, error, what)  # written here: off the UI thread
    if not thread:
        app.notify(message, severity="error", timeout=12, markup=False)
        return
    with contextlib.suppress(RuntimeError):  # the app has closed meanwhile: the log keeps it
        app.call_from_thread(app.notify, message, severity="error", timeout=12, markup=False)


def worker(
    what: str, *, thread: bool = False, exclusive: bool = False, group: str = "default"
) -> Callable[[Callable[Concatenate[N, P], Any]], Callable[Concatenate[N, P], Worker[Any]]]:
    """Textual's ``@work`` for a screen's method, with whatever the job raises reported
    (``report_failure``), never fatal.  ``what`` names the job in that report ("The import").

    Every worker of the TUI starts here: a test makes sure none is started otherwise.
    """

    def decorate(
        method: Callable[Concatenate[N, P], Any],
    ) -> Callable[Concatenate[N, P], Worker[Any]]:
        if not (thread or inspect.iscoroutinefunction(method)):
            raise TypeError(f"{method.__name__}: a worker that is not async needs thread=True")

        @functools.wraps(method)
        def start(node: N, *args: P.args, **kwargs: P.kwargs) -> Worker[Any]:
            app = node.app  # here, on the UI thread: the node is mounted

            async def run_async() -> Any:
                try:
                    return await method(node, *args, **kwargs)
                except Exception as error:
                    report_failure(app, error, what, thread=thread)
                    return None

            def run() -> Any:
                try:
                    return method(node, *args, **kwargs)
                except Exception as error:
                    report_failure(app, error, what, thread=thread)
                    return None

            job = run_async if inspect.iscoroutinefunction(method) else run
            return node.run_worker(job, name=method.__name__, group=group, description=what,
                                   exclusive=exclusive, thread=thread,
                                   exit_on_error=False)  # fmt: skip

        return start

    return decorate
