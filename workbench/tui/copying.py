"""Copying from the TUI: the system clipboard first, else the terminal's OSC 52.

Over SSH or on a headless machine pyperclip has no backend; OSC 52 asks the
terminal itself to take the text.  The caller tells the user which one worked.
"""

from __future__ import annotations

from textual.app import App

from workbench.clipboard import copy_text


def copy(app: App, text: str) -> str:
    """Copy ``text``; returns how: "system clipboard" or "terminal clipboard (OSC 52)"."""
    if copy_text(text):
        return "system clipboard"
    app.copy_to_clipboard(text)
    return "terminal clipboard (OSC 52)"
