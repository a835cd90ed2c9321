"""The help screen: every key of the screen below it, as the keymap has set them."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from workbench.model import (
    CHANGED_MARK,
    EVIDENCE_MARK,
    FLAG_MARK,
    NOTE_MARK,
    Verdict,
    XrefStatus,
    badge,
)
from workbench.tui.screens.dialog import Dialog

SUGGESTED, CONFIRMED = XrefStatus.SUGGESTED.mark, XrefStatus.CONFIRMED.mark
LEGEND = (
    (badge(Verdict.VERIFIED), "the claim checks out"),
    (badge(Verdict.DISPUTED), "the claim is false or misleading"),
    (badge(Verdict.OPINION), "not a checkable claim"),
    (badge(None), "no verdict yet"),
    (FLAG_MARK, "flagged for follow-up"),
    (NOTE_MARK, "has a note"),
    (CHANGED_MARK, "the text changed since the review (a re-import)"),
    (f"{EVIDENCE_MARK}N", "N pieces of evidence linked"),
    (
        f"{SUGGESTED} / {CONFIRMED}",
        "matches elsewhere: suggested / confirmed or strong"
        " (x lists them, and possible ones · under the suggest threshold)",
    ),
)


def keys_table(screen: Screen) -> Table:
    """One row per binding of ``screen`` and its focused widgets, keymap applied, with the
    id the [keys] settings use to move it."""
    table = Table(box=None, expand=True, show_header=True, header_style="bold")
    table.add_column("key", style="bold cyan", no_wrap=True)
    table.add_column(Text("id in [keys]"), style="green", no_wrap=True)
    table.add_column("action", no_wrap=True)
    table.add_column("what it does", style="dim", ratio=1)  # wraps in the width left
    groups: dict[str, tuple[Binding, list[str]]] = {}
    for key, active in screen.active_bindings.items():
        b = active.binding
        if not (b.tooltip or b.system):
            continue  # scrolling and focus plumbing inherited from Textual
        _, keys = groups.setdefault(b.action, (b, []))
        keys.append(screen.app.get_key_display(Binding(key, b.action, key_display=b.key_display)))
    for b, keys in groups.values():
        table.add_row(
            Text(", ".join(keys)),
            Text(b.id or ""),
            Text(b.description or b.action),
            Text(b.tooltip),
        )
    return table


class HelpScreen(Dialog[None]):
    """``?``: what every key does, and what the marks in the list mean."""

    DEFAULT_CSS = """
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 110; height: 90%;
    }
    """
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close", tooltip="Close help")
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self._under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("workbench: keys", style="bold"), markup=False)
            yield Static(keys_table(self._under), markup=False)
            legend = Table(box=None, show_header=True, header_style="bold")
            legend.add_column("mark", style="bold")
            legend.add_column("means")
            for mark, means in LEGEND:
                legend.add_row(mark, means)
            yield Static(Text("\nThe list", style="bold"), markup=False)
            yield Static(legend, markup=False)
            yield Static(
                Text(
                    "\nEvery change is saved the moment you make it; u undoes it, even after "
                    "a restart. ctrl+p lists every action. escape closes this screen.\n"
                    "A key moves with its id in the settings file: [keys] "
                    '"verdict.disputed" = "x" (x takes over; clashes are warned at start).',
                    style="dim",
                ),
                markup=False,
            )

    def action_close(self) -> None:
        self.dismiss(None)
