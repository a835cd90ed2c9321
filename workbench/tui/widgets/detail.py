"""The detail pane: the sentence in its paragraph, its note, evidence and matches."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from workbench.model import CHANGED_MARK, FLAG_MARK, CrossRef, Evidence, Sentence, badge
from workbench.tui.widgets.text import visible

VERDICT_STYLES = {"verified": "bold green", "disputed": "bold red", "opinion": "bold yellow"}


def detail_text(
    sentence: Sentence,
    paragraph: str,
    offset: int,
    evidence: list[Evidence],
    crossrefs: list[CrossRef],
) -> Text:
    """Everything about one sentence, as Rich ``Text`` built from data (never markup)."""
    t = Text()
    verdict = sentence.verdict.value if sentence.verdict else None
    t.append(f"Sentence {sentence.position} · paragraph {sentence.paragraph}  ", style="dim")
    t.append(badge(sentence.verdict), style=VERDICT_STYLES.get(verdict or "", "dim"))
    if sentence.flagged:
        t.append(f"  {FLAG_MARK} flagged", style="bold magenta")
    if sentence.reviewer and sentence.reviewed_at:
        by = "by" if sentence.verdict else "last changed by"  # (a verdict cleared, a note)
        t.append(f"  {by} {visible(sentence.reviewer)} at {sentence.reviewed_at}", style="dim")
    t.append("\n\n")
    start, end = sentence.start - offset, sentence.end - offset
    t.append(visible(paragraph[:start]), style="dim")
    t.append(visible(paragraph[start:end]), style="bold")
    t.append(visible(paragraph[end:]) + "\n", style="dim")
    if sentence.reviewed_text is not None:
        t.append(
            f"\n{CHANGED_MARK} Text changed since the review (a re-import); it read: ",
            style="bold yellow",
        )
        t.append(visible(sentence.reviewed_text) + "\n", style="italic")
    if sentence.claimant:  # none: no line (w names one); the pane has little room
        t.append("\nClaimed by: ", style="bold")
        t.append(visible(sentence.claimant))
    t.append("\nNote: ", style="bold")
    t.append(
        visible(sentence.note) if sentence.note else "none (n to write one)",
        style="" if sentence.note else "dim",
    )
    t.append(f"\n\nEvidence ({len(evidence)})", style="bold")
    if not evidence:
        t.append("  none (e to add, l to link from the library)", style="dim")
    for e in evidence:
        t.append(f"\n  [{e.stance.value}] ", style="cyan")
        t.append(visible(e.title or e.url or "(untitled)"))
        if e.url and e.title:
            t.append(f"\n    {visible(e.url)}", style="underline dim")
        if e.quote:
            t.append(f"\n    “{visible(e.quote)}”", style="italic")
        if e.note:
            t.append(f"\n    {visible(e.note)}", style="dim")
    possible = sum(c.possible for c in crossrefs)
    counted = f"{len(crossrefs) - possible}, {possible} possible" if possible else len(crossrefs)
    t.append(f"\n\nCross-references ({counted})", style="bold")
    if not crossrefs:
        t.append("  none", style="dim")
    for c in crossrefs:
        t.append(f"\n  {c.glyph} {c.score:.0f}% {c.state} ",
                 style="dim" if c.possible else "magenta")  # fmt: skip
        t.append(f"{visible(c.source)}: " if c.source else "", style="dim")
        t.append(visible(c.text))
        if c.verdict:
            t.append(f"  [{visible(c.verdict)}]", style=VERDICT_STYLES.get(c.verdict, "bold"))
    return t


class DetailPane(VerticalScroll, can_focus=False):
    """Shows the current sentence in full; updated when the cursor moves."""

    # The body fills the pane at least, and the scrollbar's gutter is always kept: a
    # sentence that fits leaves the body's size as it was, and a scrollbar coming or
    # going changes no width (each change of size lays the whole screen out again).
    DEFAULT_CSS = """
    DetailPane {
        height: 40%; border-top: solid $primary; padding: 0 1; background: $surface;
        scrollbar-gutter: stable;
    }
    DetailPane > Static { width: 100%; min-height: 100%; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body", markup=False)

    _shown: Text | None = None

    def show(self, text: Text) -> None:
        """Show ``text`` from the top; the same text again (a filter that keeps the cursor's
        sentence) costs no redraw."""
        if text == self._shown:
            return
        self._shown = text
        body = self.query_one("#detail-body", Static)
        width, height = body.size
        body.update(text, layout=False)
        # Laid out again only when the body's size changes: when the text is taller than
        # the pane (it scrolls), or the one before was.
        same = False
        if width:
            needed = body.get_content_height(self.size, self.size, width)
            fills = height == self.scrollable_content_region.height
            same = needed == height or (fills and needed <= height)
        if not same:
            body.refresh(layout=True)
        self.scroll_home(animate=False)
