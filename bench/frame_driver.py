"""A Textual driver for ``bench/first_frame.py``: the app draws as it would in a terminal
(every frame rendered to escape sequences and written), the output is kept, and the app
exits once it has settled: nothing on its screen waits to be laid out or drawn, and no
widget on it (nor the app) has a message waiting.

Chosen with Textual's ``TEXTUAL_DRIVER`` setting, so the app runs as its command runs it,
unchanged.  What was written, each piece with the moment it was written
(``time.monotonic``), goes as JSON to the file named by ``FIRST_FRAME_OUT``: the benchmark
plays it on a terminal emulator to find when the screen took its final look (the first
complete frame).  "timeout" instead, if the app has not settled within ``GIVE_UP`` seconds
of its first write.
"""

from __future__ import annotations

import json
import os
import time

from textual import events
from textual.drivers.headless_driver import HeadlessDriver

GIVE_UP = 20.0


class FirstFrameDriver(HeadlessDriver):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._written: list[tuple[float, str]] = []
        self._checking = False

    @property
    def is_headless(self) -> bool:
        return False  # so that the app renders each frame for a terminal and writes it

    def start_application_mode(self) -> None:
        super().start_application_mode()
        # A terminal reports that it has the focus once the app asks for focus reports
        # (tmux does at once): Textual's Footer shows its keys on that report.
        self._app.post_message(events.AppFocus())

    def write(self, data: str) -> None:
        self._written.append((time.monotonic(), data))
        if not self._checking:
            self._checking = True
            self._app.call_after_refresh(self._check)

    def _waiting(self) -> bool:
        """Whether anything on screen waits to be drawn, or a widget to act."""
        app = self._app
        screen = app.screen
        # (Textual's own record of what waits to be drawn: a benchmark may look at it)
        if screen._dirty_widgets or screen._layout_required or screen._repaint_required:
            return True
        if screen._recompose_required:
            return True
        return any(node.message_queue_size for node in (app, screen, *screen.walk_children()))

    def _check(self) -> None:
        self._checking = False
        waiting = self._waiting()
        if waiting and time.monotonic() - self._written[0][0] < GIVE_UP:
            self._checking = True  # again after the next refresh
            self._app.call_after_refresh(self._check)
            return
        with open(os.environ["FIRST_FRAME_OUT"], "w", encoding="utf-8") as out:
            out.write("timeout" if waiting else json.dumps(self._written))
        self._app.exit()
