"""A factory for the app: the Store and the settings go in, nothing is patched."""

from __future__ import annotations

import pytest

from workbench.config import Settings
from workbench.store import Store
from workbench.tui.app import WorkbenchApp


def make_app(store: Store, settings: Settings | None = None, article_id: int = 1) -> WorkbenchApp:
    return WorkbenchApp(store, settings or Settings(reviewer="tester"), article_id)


@pytest.fixture
def app(sample_store: Store) -> WorkbenchApp:
    return make_app(sample_store)
