"""What the TUI tests share: waiting on a state (never a fixed sleep), what the app said,
and a row as the sentence list draws it."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from workbench.tui.app import WorkbenchApp
from workbench.tui.widgets.sentence_list import SentenceList


async def until(pilot: Pilot, ready: Callable[[], object], seconds: float = 10.0) -> None:
    """Let the app run until ``ready()`` holds, at most ``seconds`` (generous: the machine may
    be busy; a state reached sooner returns sooner)."""
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            assert ready(), "the screen never reached the expected state"
            return
        await pilot.pause(0.02)


def notes(app: WorkbenchApp) -> list[str]:
    """The notifications on show.  (Textual has no public way to read them.)"""
    return [str(n.message) for n in app._notifications]


def row_text(app: WorkbenchApp, row: int) -> str:
    """The first line of a row (of those listed, on screen) as the list draws it."""
    lst = app.screen.query_one(SentenceList)
    return lst.render_line(lst.line_of_row(row) - lst.scroll_offset.y).text


def enter_text(field: Input | TextArea, text: str) -> None:
    """Put ``text`` in at the cursor as typing it would, in one edit: for tests where the
    typing is not the point (a key at a time costs ~0.1 s under Pilot)."""
    if isinstance(field, TextArea):
        field.insert(text)
    else:
        field.insert_text_at_cursor(text)


def type_fast(app: WorkbenchApp, keys: str | list[tuple[str, str | None]]) -> None:
    """Keys as a fast typist or a paste sends them: all at once, no wait between (text, or
    (key, character) pairs)."""
    for key, character in (
        [(_character_to_key(c), c) for c in keys] if isinstance(keys, str) else keys
    ):
        event = events.Key(key, character)
        event.set_sender(app)
        app.post_message(event)  # as the driver hands a key read from the terminal
