"""A failure in a worker or a library action is one line on the screen, never the end of
the app; a bug's traceback is appended to the error log beside the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Label

from tests.conftest import FixedClock
from tests.tui.conftest import make_app
from tests.tui.test_record_on_screen import notes, until
from workbench.config import Settings
from workbench.errors import DatabaseError
from workbench.model import Article, Document, Verdict
from workbench.segment import segment
from workbench.store import Store
from workbench.tui.guard import error_log, failure_message, one_line, worker
from workbench.tui.screens.library import LibraryScreen
from workbench.tui.screens.prompt import PromptScreen
from workbench.tui.screens.review import ReviewScreen

SIZE = (120, 40)


class FailingStore(Store):
    """A real store whose ``articles()`` fails once ``failure`` is set, as a database
    error nothing translated would (raw ``sqlite3``) or as the store says one."""

    failure: Exception | None = None

    def articles(self) -> list[Article]:
        if self.failure is not None:
            raise self.failure
        return super().articles()


@pytest.fixture
def failing_store(db_path: Path, settings: Settings) -> FailingStore:
    from workbench.importer import import_sample

    s = FailingStore(db_path, reviewer="tester", clock=FixedClock())
    import_sample(s, settings)
    yield s
    s.close()


async def open_library(pilot, app) -> None:
    await pilot.press("a")
    await until(pilot, lambda: isinstance(app.screen, LibraryScreen))


async def import_path(pilot, app, path: Path) -> None:
    await pilot.press("i")
    await until(pilot, lambda: isinstance(app.screen, PromptScreen))
    app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")


async def test_a_failing_import_worker_is_one_line_and_a_logged_traceback(
    failing_store: FailingStore, tmp_path: Path, db_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("The mayor said the bridge would reopen on Monday. Critics doubt it.\n")
    app = make_app(failing_store)
    log = db_path.with_name("workbench.errors.log")
    async with app.run_test(size=SIZE) as pilot:
        await open_library(pilot, app)
        # the import stores the article, then listing it again fails
        failing_store.failure = sqlite3.OperationalError("database is locked")
        await import_path(pilot, app, other)
        said = (
            "The import stopped on an unexpected error (OperationalError: database is locked);"
            f" the details are in {log}."
        )
        await until(pilot, lambda: said in notes(app), seconds=10)
        (shown,) = [n for n in app._notifications if n.message == said]
        assert shown.severity == "error" and not shown.markup and "\n" not in shown.message
        assert app.is_running and isinstance(app.screen, LibraryScreen)
        traceback = log.read_text(encoding="utf-8")
        assert ": The import\n" in traceback and "Traceback (most recent call last)" in traceback
        assert "sqlite3.OperationalError: database is locked" in traceback
        assert "in articles" in traceback  # where it was raised

        failing_store.failure = None  # the app goes on as before
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("v")
        await until(pilot, lambda: failing_store.sentence_at(1, 1).verdict is Verdict.VERIFIED)
        assert [a.title for a in failing_store.articles()] == [
            "US troop withdrawal from Syria",
            "Other",
        ]


async def test_a_refused_import_is_its_own_message_and_logs_nothing(
    sample_store: Store, tmp_path: Path, db_path: Path
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_library(pilot, app)
        await import_path(pilot, app, tmp_path)  # a folder: the library refuses it
        await until(pilot, lambda: any("is a directory" in n for n in notes(app)), seconds=10)
        assert app.is_running and isinstance(app.screen, LibraryScreen)
        assert not db_path.with_name("workbench.errors.log").exists()  # not a bug: no log


async def test_the_library_opens_even_when_listing_fails(failing_store: FailingStore) -> None:
    app = make_app(failing_store)
    async with app.run_test(size=SIZE) as pilot:
        failing_store.failure = DatabaseError(
            "database x.db is busy (another process holds a lock)"
        )
        await open_library(pilot, app)
        await until(pilot, lambda: any("is busy" in n for n in notes(app)))
        assert app.is_running
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))


async def test_a_real_write_lock_in_the_library_is_a_notification(
    sample_store: Store, db_path: Path
) -> None:
    text = "A second article. It has two sentences.\n"
    sample_store.import_article(Document("Second", text, "second.txt"), segment(text))
    sample_store.conn.execute("PRAGMA busy_timeout = 50")  # wait briefly, not 10 s
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_library(pilot, app)
        await pilot.press("end")  # the second article: not the one open
        holder = sqlite3.connect(db_path)
        try:
            holder.execute("BEGIN IMMEDIATE")  # another process writing
            await pilot.press("d", "d")
            await until(pilot, lambda: any("is busy" in n for n in notes(app)))
        finally:
            holder.rollback()
            holder.close()
        assert app.is_running and isinstance(app.screen, LibraryScreen)
        assert len(sample_store.articles()) == 2  # nothing deleted
        await pilot.press("d", "d")  # the lock gone: it works
        await until(pilot, lambda: len(sample_store.articles()) == 1)


# -- the worker guard on its own ----------------------------------------------------------


class Jobs(App[None]):
    """A bare app (no store): its log goes to the user's log folder."""

    def compose(self):
        yield Label("jobs")

    @worker("The async job")
    async def fail_async(self) -> None:
        raise ValueError("bad\nvalue")

    @worker("The thread job", thread=True)
    def fail_in_thread(self) -> int:
        raise KeyError("missing")


@pytest.mark.parametrize(
    ("job", "said"),
    [
        ("fail_async", "The async job stopped on an unexpected error (ValueError: bad value)"),
        ("fail_in_thread", "The thread job stopped on an unexpected error (KeyError: 'missing')"),
    ],
)
async def test_any_worker_failure_is_reported(
    job: str, said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    app = Jobs()
    async with app.run_test() as pilot:
        getattr(app, job)()
        await until(pilot, lambda: any(n.startswith(said) for n in notes(app)))
        assert app.is_running
    log = error_log(":memory:")
    assert log.is_relative_to(tmp_path / "state")
    assert f": {said.split(' stopped')[0]}\nTraceback" in log.read_text(encoding="utf-8")


def test_a_worker_that_is_not_async_needs_a_thread() -> None:
    with pytest.raises(TypeError, match="needs thread=True"):

        @worker("The job")
        def job(node) -> None:
            pass


def test_the_error_log_sits_beside_the_database(tmp_path: Path) -> None:
    assert error_log(tmp_path / "reviews.db") == tmp_path / "reviews.errors.log"
    assert error_log(str(tmp_path / "workbench")) == tmp_path / "workbench.errors.log"


def test_an_unwritable_log_is_said_in_the_same_line(store: Store, db_path: Path) -> None:
    log = db_path.with_name("workbench.errors.log")
    log.mkdir()  # a folder where the log would be
    said = failure_message(make_app(store), RuntimeError("boom"), "The job")
    assert said == (
        "The job stopped on an unexpected error (RuntimeError: boom);"
        f" the details could not be written to {log} (Is a directory)."
    )


def test_one_line_is_short_and_flat() -> None:
    assert one_line(ValueError("a\n  b")) == "ValueError: a b"
    assert one_line(ValueError()) == "ValueError"
    long = one_line(ValueError("x" * 500))
    assert len(long) < 200 and long.endswith("…")
