"""The matches of one sentence (x): confirm, reject, adopt the verdict, jump.

The dialog reads and writes nothing itself.  The review screen hands it the
matches; confirming, rejecting and adopting are posted as messages to the
screen it was opened over, which makes the Store call and hands the list back
(``show``); enter returns the match to jump to.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbench.model import CrossRef, Sentence, XrefStatus
from workbench.tui.screens.dialog import Dialog
from workbench.tui.widgets.choices import Choices
from workbench.tui.widgets.text import visible
from workbench.xref.thresholds import MatchSettings, matchable

STYLES = {XrefStatus.CONFIRMED: "bold green", XrefStatus.SUGGESTED: "yellow",
          XrefStatus.REJECTED: "dim"}  # fmt: skip


def describe(ref: CrossRef) -> Group:
    """One match: its score and status, where it comes from, its verdict, then its text.

    The text is indented as a block, so a long match wraps under itself.
    """
    t = Text()
    t.append(f"{ref.score:>3.0f}% ", style="bold")
    open_strong = ref.strong and ref.status is XrefStatus.SUGGESTED
    style = "dim" if ref.possible else "bold yellow" if open_strong else STYLES[ref.status]
    t.append(ref.label, style=style)
    kind = "fact-check" if ref.kind == "factcheck" else f"sentence {ref.target_position}"
    t.append(f"  {kind} · {visible(ref.source or '')}", style="dim")
    if ref.verdict:
        t.append(f"  [{visible(ref.verdict)}]", style="bold")
    return Group(t, Padding(Text(visible(ref.text)), (0, 0, 0, 4)))


class CrossRefScreen(Dialog[CrossRef | None]):
    """Lists the matches; returns the match to jump to, or None when closed."""

    @dataclass
    class Decided(Message, bubble=False):
        """The reviewer confirmed or rejected ``ref`` (``status``: "confirmed", "rejected")."""

        dialog: CrossRefScreen
        ref: CrossRef
        status: str

        @property
        def control(self) -> CrossRefScreen:
            return self.dialog

    @dataclass
    class AdoptChosen(Message, bubble=False):
        """The reviewer chose to give the sentence the verdict of ``ref``."""

        dialog: CrossRefScreen
        ref: CrossRef

        @property
        def control(self) -> CrossRefScreen:
            return self.dialog

    DEFAULT_CSS = """
    CrossRefScreen > Vertical {
        width: 90%; max-width: 120; height: 80%;
    }
    CrossRefScreen OptionList { height: 1fr; }
    """
    BINDINGS = [
        Binding("c", "decide('confirmed')", "Confirm", id="xref.confirm",
                tooltip="Confirm: the same claim, checked before"),
        Binding("r", "decide('rejected')", "Reject", id="xref.reject",
                tooltip="Reject: not the same claim (never suggested again)"),
        Binding("a", "adopt", "Adopt verdict", id="xref.adopt",
                tooltip="Give this sentence the match's verdict"),
        Binding("enter", "jump", "Jump", id="xref.jump",
                tooltip="Go to the matched sentence (ctrl+o comes back)"),
        Binding("j", "cursor('down')", "Down", show=False, id="xref.down", tooltip="Next match"),
        Binding("k", "cursor('up')", "Up", show=False, id="xref.up", tooltip="Previous match"),
        Binding("escape,x,q", "close", "Close", id="xref.close", tooltip="Back to the list"),
    ]  # fmt: skip

    def __init__(
        self, sentence: Sentence, refs: list[CrossRef], settings: MatchSettings | None = None
    ) -> None:
        super().__init__()
        self.sentence = sentence
        self.refs = refs  # best first, the rejected ones too
        settings = settings or MatchSettings()
        if not matchable(sentence.text, settings):
            self.nothing = (
                f"Not matched: the sentence is too short to tell (under {settings.min_words}"
                " words that carry meaning)."
            )
        else:
            self.nothing = (
                "No claim met before is likely the same: nothing stored reached "
                f"{100 * settings.suggest:.0f}%, the suggest threshold (matching.suggest in"
                " the settings)."
            )
        # said instead when the reviewer has confirmed one of the possible ones
        self.none_above = (
            f"Nothing stored reached {100 * settings.suggest:.0f}%, the suggest threshold;"
            " a possible match is confirmed below."
        )
        self.below = (
            f"Possible matches, under {100 * settings.suggest:.0f}%: more often wrong than"
            " right, listed so that no likely match is missed (not marked on the sentence)."
        )

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                Text(f"Matches of sentence {self.sentence.position}: ")
                + Text(visible(self.sentence.text), style="italic"),
                id="xref-title",
            )
            yield Choices(id="xref-list")
            yield Label(
                "c confirm · r reject · a adopt verdict · enter jump (ctrl+o comes back)"
                " · escape close",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.show(self.refs)

    def show(self, refs: list[CrossRef]) -> None:
        """List ``refs`` (as stored now), the possible ones apart, the highlight where it was
        (on the same match, or else at the same place)."""
        self.refs = refs
        options = self.query_one(OptionList)
        was = options.highlighted_option
        place = options.highlighted or 0
        options.clear_options()
        # Apart by the probability found (a possible match confirmed or rejected stays with
        # the possible ones, the reviewer's decision shown on it).
        likely = [r for r in refs if not r.under_suggest]
        if not likely:
            confirmed = any(r.status is XrefStatus.CONFIRMED for r in refs)
            line = self.none_above if confirmed else self.nothing
            options.add_option(Option(Text(line, style="dim"), disabled=True))
        options.add_options(Option(describe(r), id=str(r.id)) for r in likely)
        if len(likely) < len(refs):
            options.add_option(Option(Text(self.below, style="dim italic"), disabled=True))
            options.add_options(Option(describe(r), id=str(r.id)) for r in refs
                                if r.under_suggest)  # fmt: skip
        if not refs:
            return
        ids = {str(r.id) for r in refs}
        if was is not None and was.id in ids:
            options.highlighted = options.get_option_index(was.id)
        else:
            enabled = [i for i in range(options.option_count)
                       if not options.get_option_at_index(i).disabled]  # fmt: skip
            options.highlighted = min(enabled, key=lambda i: (i < place, abs(i - place)))
        options.focus()

    def tell(self, message: Message) -> None:
        """Post to the screen this dialog was opened over: it owns the store."""
        stack = self.app.screen_stack
        stack[stack.index(self) - 1].post_message(message)

    @property
    def current(self) -> CrossRef | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        return next((r for r in self.refs if str(r.id) == option.id), None)

    def action_cursor(self, direction: str) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if direction == "down" else options.action_cursor_up()

    def action_decide(self, status: str) -> None:
        if (ref := self.current) is not None:
            self.tell(self.Decided(self, ref, status))

    def action_adopt(self) -> None:
        if (ref := self.current) is not None:
            self.tell(self.AdoptChosen(self, ref))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_jump()

    def action_jump(self) -> None:
        if (ref := self.current) is None:
            return
        if ref.kind != "sentence":
            self.notify("A fact-check is not in an article: nothing to jump to.",
                        severity="warning")  # fmt: skip
            return
        self.dismiss(ref)

    def action_close(self) -> None:
        self.dismiss(None)
