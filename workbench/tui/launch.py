"""Choosing what to open, then running the app (the CLI's way into the TUI)."""

from __future__ import annotations

from workbench.config import Settings
from workbench.store import Store


def choose_article(store: Store, settings: Settings) -> int:
    """The article to open with no argument: the sample on a new database, else the last one."""
    ids = store.live_article_ids()  # not ``articles()``: its counts read every sentence
    if not ids:
        from workbench.importer import import_sample  # only on a new database: start-up light

        return import_sample(store, settings).article.id
    last = store.get_meta("last_article")
    if last and last.isdigit() and int(last) in ids:
        return int(last)
    return ids[-1]


def launch(
    store: Store,
    settings: Settings,
    article_id: int | None,
    *,
    notices: list[tuple[str, bool]] | None = None,
) -> int:
    """Open the review screen on ``article_id`` (or the one ``choose_article`` picks),
    with ``notices`` (message, is a warning) shown on it.

    Returns the exit status: 0, or non-zero when the app ended on an error.
    """
    from workbench.collection import collection_paused

    # No cyclic collection until the first frame: start-up makes objects that live on
    # (Textual's modules, the app, its widgets), and collections went through them some
    # 120 times before the first frame, a full one among them: 28-34 ms of the sample's
    # 240.  The app's ``freeze_startup`` collects once after the frame and resumes it.
    with collection_paused():
        from workbench.tui.app import WorkbenchApp

        if article_id is None:
            article_id = choose_article(store, settings)
        app = WorkbenchApp(store, settings, article_id, freeze_heap=True, notices=notices)
        app.run()
    return app.return_code or 0
