"""Shared fixtures: real SQLite files under tmp_path, a fixed clock and reviewer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workbench.config import Settings
from workbench.store import Store

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "seeds" / "us-troops-syria-withdrawal.txt"


class FixedClock:
    """A clock that ticks one second per reading, so times are distinct and known."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the user's real config and database."""
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "default.db"))
    monkeypatch.setenv("WORKBENCH_REVIEWER", "tester")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # databases checked


@pytest.fixture
def settings() -> Settings:
    return Settings(reviewer="tester")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workbench.db"


@pytest.fixture
def store(db_path: Path) -> Store:
    s = Store(db_path, reviewer="tester", clock=FixedClock())
    yield s
    s.close()


@pytest.fixture
def sample_store(store: Store, settings: Settings) -> Store:
    """A store holding the bundled sample article as article 1."""
    from workbench.importer import import_sample

    import_sample(store, settings)
    return store


@pytest.fixture
def no_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyperclip as on a headless machine: its own 'no clipboard' functions, which raise."""
    import pyperclip

    copy, paste = pyperclip.init_no_clipboard()
    monkeypatch.setattr(pyperclip, "copy", copy)
    monkeypatch.setattr(pyperclip, "paste", paste)


@pytest.fixture
def clipboard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """pyperclip with a working backend: what is copied lands in the returned list."""
    import pyperclip

    held: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", held.append)
    monkeypatch.setattr(pyperclip, "paste", lambda: held[-1] if held else "")
    return held
