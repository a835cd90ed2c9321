"""A Textual driver for ``bench/first_frame.py``: the app draws as it would in a terminal
(every frame rendered to escape sequences and written), the output goes nowhere, and the
app exits once its first complete frame is written.

Chosen with Textual's ``TEXTUAL_DRIVER`` setting, so the app runs as its command runs it,
unchanged.  "Complete": written, and after it nothing waits to be laid out or drawn but a
scrollbar (a frame with a widget still to draw is not the first frame a reader sees; a
long article's scrollbar is drawn from estimated row heights, and its thumb is redrawn as
the rows on screen are measured, a frame or two later).  The moment it was written
(``time.monotonic``) goes to the file named by ``FIRST_FRAME_OUT``.
"""

from __future__ import annotations

import os
import time

from textual.drivers.headless_driver import HeadlessDriver
from textual.scrollbar import ScrollBar


class FirstFrameDriver(HeadlessDriver):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._written_at = 0.0
        self._checking = False

    @property
    def is_headless(self) -> bool:
        return False  # so that the app renders each frame for a terminal and writes it

    def write(self, data: str) -> None:
        self._written_at = time.monotonic()
        if not self._checking:
            self._checking = True
            self._app.call_after_refresh(self._check)

    def _check(self) -> None:
        self._checking = False
        screen = self._app.screen
        # (Textual's own record of what waits to be drawn: a benchmark may look at it)
        waiting = [w for w in screen._dirty_widgets if not isinstance(w, ScrollBar)]
        if waiting or screen._layout_required or screen._repaint_required:
            self._checking = True  # again after the next refresh
            self._app.call_after_refresh(self._check)
            return
        with open(os.environ["FIRST_FRAME_OUT"], "w", encoding="utf-8") as out:
            out.write(repr(self._written_at))
        self._app.exit()
