"""The look every dialog shares: centred, a panel with a thick border, a muted hint line."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal screen in workbench's dialog style (subclasses set their own size)."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical, Dialog > VerticalScroll {
        background: $panel; border: thick $primary; padding: 0 1; height: auto;
    }
    Dialog .hint { color: $text-muted; }
    """
