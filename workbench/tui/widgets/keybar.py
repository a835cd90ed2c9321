"""The footer: the keys of the screen, as the key map has set them, on one line.

One Static drawing Text, rather than Textual's Footer (a widget per key): the
review screen's first frame comes about 45 ms sooner with a dozen keys shown.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static


def keys_line(screen: Screen) -> Content:
    """``v Verified  d Disputed  …`` for every binding shown in the footer."""
    seen: set[str] = set()
    parts: list[tuple[str, str]] = []
    for active in screen.active_bindings.values():
        b = active.binding
        if not b.show or b.action in seen:
            continue
        seen.add(b.action)
        parts.append((f" {screen.app.get_key_display(b)} ", "bold $footer-key-foreground"))
        parts.append((f"{b.description} ", "" if active.enabled else "dim"))
    if screen.app.ENABLE_COMMAND_PALETTE:
        key = screen.app.get_key_display(Binding(screen.app.COMMAND_PALETTE_BINDING, ""))
        parts += [(f" {key} ", "bold $footer-key-foreground"), ("palette", "")]
    return Content.assemble(*parts)


class KeyBar(Static):
    """The keys in force, redrawn when the bindings change (focus, a modal, the key map)."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom; width: 100%; height: 1; text-wrap: nowrap; text-overflow: ellipsis;
        background: $footer-background; color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._redraw)
        self._redraw(self.screen)

    def _redraw(self, screen: Screen) -> None:
        # One line docked at the bottom: its size never depends on the keys, so the
        # screen is not laid out again (a modal's closing changes the keys).
        self.update(keys_line(screen), layout=False)
