"""The system clipboard through pyperclip, for the CLI and the TUI.

pyperclip raises ``PyperclipException`` where it has no backend (a headless or
SSH session); its ``is_available()`` can't be trusted before a first call, so
we try and catch.  The TUI falls back to the terminal's OSC 52 copy.
"""

from __future__ import annotations

from workbench.errors import InputError


def copy_text(text: str) -> bool:
    """Copy through the system clipboard; False when there is none."""
    import pyperclip

    try:
        pyperclip.copy(text)
    except pyperclip.PyperclipException:
        return False
    return True


def paste_text() -> str:
    """The clipboard's text, or an ``InputError`` saying why there is none."""
    import pyperclip

    try:
        text = pyperclip.paste()
    except pyperclip.PyperclipException:
        raise InputError(
            "no clipboard is reachable here (install xclip, xsel or wl-clipboard, "
            "or pipe the text: workbench import -)"
        ) from None
    if not text or not text.strip():
        raise InputError("the clipboard is empty: nothing to import")
    return text
