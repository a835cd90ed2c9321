"""The sentence list, on Textual's Line API.

Only the visible lines are drawn; a verdict change redraws one row.  So a key
press costs the same on 15 sentences as on 50,000 (ListView and DataTable
don't: they rebuild or re-measure every row).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.model import Sentence, Verdict
from workbench.tui.widgets.text import line_count, visible, wrap

BADGES = {
    None: "· unreviewed",
    Verdict.VERIFIED: f"{Verdict.VERIFIED.symbol} verified",
    Verdict.DISPUTED: f"{Verdict.DISPUTED.symbol} disputed",
    Verdict.OPINION: f"{Verdict.OPINION.symbol} opinion",
}
BADGE_WIDTH = max(len(b) for b in BADGES.values())
MARKS_WIDTH = 8  # flag, note, text changed, evidence count, cross-reference


def marks(s: Sentence) -> str:
    """Flag ⚑, note ✎, text changed since the review Δ, evidence §N, cross-reference ≈
    (≡ when confirmed or strong)."""
    ev = f"§{s.evidence_count}" if s.evidence_count else ""
    xref = ("≡" if s.strong_xref else "≈") if s.xref_count else " "
    changed = "Δ" if s.text_changed else " "
    return f"{'⚑' if s.flagged else ' '}{'✎' if s.note else ' '}{changed}{ev:<4}{xref}"


class SentenceList(ScrollView, can_focus=True):
    """Every sentence of an article (or those a filter keeps), one row each, wrapped."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="move.down",
                tooltip="Move to the next sentence"),
        Binding("k,up", "cursor_up", "Up", show=False, id="move.up",
                tooltip="Move to the previous sentence"),
        Binding("g,home", "first", "First", show=False, id="move.first",
                tooltip="Move to the first sentence"),
        Binding("G,end", "last", "Last", show=False, id="move.last",
                tooltip="Move to the last sentence"),
        Binding("pagedown", "page_down", "Page down", show=False, id="move.page-down",
                tooltip="Move one screen down"),
        Binding("pageup", "page_up", "Page up", show=False, id="move.page-up",
                tooltip="Move one screen up"),
    ]  # fmt: skip

    COMPONENT_CLASSES = {
        "sentence-list--cursor",
        "sentence-list--number",
        "sentence-list--unreviewed",
        "sentence-list--verified",
        "sentence-list--disputed",
        "sentence-list--opinion",
        "sentence-list--marks",
    }

    DEFAULT_CSS = """
    SentenceList { height: 1fr; background: $surface; scrollbar-gutter: stable; }
    SentenceList > .sentence-list--cursor { background: $primary 30%; }
    SentenceList:focus > .sentence-list--cursor { background: $primary 50%; }
    SentenceList > .sentence-list--number { color: $text-muted; }
    SentenceList > .sentence-list--unreviewed { color: $text-muted; }
    SentenceList > .sentence-list--verified { color: $success; text-style: bold; }
    SentenceList > .sentence-list--disputed { color: $error; text-style: bold; }
    SentenceList > .sentence-list--opinion { color: $warning; text-style: bold; }
    SentenceList > .sentence-list--marks { color: $accent; }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another sentence (or the list became empty)."""

        sentence_list: SentenceList
        sentence: Sentence | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sentences: list[Sentence] = []
        self.rows: list[int] = []  # indexes into ``sentences`` that the filter keeps
        self.cursor = 0
        self._index_of: dict[int, int] = {}  # sentence id -> index in ``sentences``
        self._row_of: dict[int, int] = {}  # index in ``sentences`` -> row
        self._starts: list[int] = [0]
        self._width = 0
        self._cache: dict[int, list[Strip]] = {}

    # -- content --------------------------------------------------------------

    def set_sentences(self, sentences: list[Sentence], rows: list[int] | None = None) -> None:
        """Show these sentences (all, or only ``rows``), keeping the cursor's sentence."""
        keep = self.current.id if self.current else None
        self.sentences = list(sentences)
        self._index_of = {s.id: i for i, s in enumerate(self.sentences)}
        self.set_rows(list(range(len(self.sentences))) if rows is None else rows, keep)

    def set_rows(self, rows: list[int], keep: int | None = None) -> None:
        """Change which sentences are listed (a filter); the cursor stays if it can."""
        if keep is None and self.current is not None:
            keep = self.current.id
        self.rows = rows
        self._row_of = {index: row for row, index in enumerate(rows)}
        self._relayout()
        target = self._row_of.get(self._index_of.get(keep, -1), 0) if keep is not None else 0
        self.cursor = -1
        self.move_to(target)

    def update_sentence(self, sentence: Sentence) -> None:
        """Replace one sentence (after a change) and redraw just its row."""
        index = self._index_of.get(sentence.id)
        if index is None:
            return
        old, self.sentences[index] = self.sentences[index], sentence
        row = self._row_of.get(index)
        if old.text != sentence.text:
            self._relayout()  # its height may have changed
        elif row is not None:
            self._refresh_row(row)
        if row is not None and row == self.cursor:
            self.post_message(self.Highlighted(self, sentence))

    @property
    def current(self) -> Sentence | None:
        if 0 <= self.cursor < len(self.rows):
            return self.sentences[self.rows[self.cursor]]
        return None

    def row_of_sentence(self, sentence_id: int) -> int | None:
        return self._row_of.get(self._index_of.get(sentence_id, -1))

    # -- layout and drawing ---------------------------------------------------

    def _text_width(self, width: int) -> int:
        return max(10, width - self._prefix_width())

    def _prefix_width(self) -> int:
        return len(str(len(self.sentences))) + BADGE_WIDTH + MARKS_WIDTH + 3

    def _relayout(self) -> None:
        """Measure every listed row at the current width: the only O(n) step."""
        width = self.scrollable_content_region.width or self.size.width or 80
        self._width = width
        text_width = self._text_width(width)
        starts = [0]
        total = 0
        for index in self.rows:
            total += line_count(visible(self.sentences[index].text), text_width)
            starts.append(total)
        self._starts = starts
        self._cache.clear()
        self.virtual_size = Size(width, total)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._relayout()
            self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = y + scroll_y
        width = self.scrollable_content_region.width
        if line >= self._starts[-1] or not self.rows:
            return Strip.blank(width, self.rich_style)
        row = bisect_right(self._starts, line) - 1
        strips = self._cache.get(row)
        if strips is None:
            if len(self._cache) > 2_000:
                self._cache.clear()
            # Drawn at the width the rows were measured at, so line counts agree.
            strips = self._cache[row] = self._render_row(row, self._width)
        return strips[line - self._starts[row]].crop(scroll_x, scroll_x + width)

    def _render_row(self, row: int, width: int) -> list[Strip]:
        s = self.sentences[self.rows[row]]

        def style(name: str) -> Style:
            return self.get_component_rich_style(f"sentence-list--{name}", partial=True)

        # The cursor's background goes on last, so no colour of a part hides it.
        cursor = style("cursor") if row == self.cursor else Style()
        base = self.rich_style + cursor
        verdict = s.verdict.value if s.verdict else "unreviewed"
        number_width = len(str(len(self.sentences)))
        prefix = [
            Segment(f"{s.position:>{number_width}} ", base + style("number") + cursor),
            Segment(f"{BADGES[s.verdict]:<{BADGE_WIDTH}} ", base + style(verdict) + cursor),
            Segment(f"{marks(s)} ", base + style("marks") + cursor),
        ]
        indent = Segment(" " * self._prefix_width(), base)
        lines = wrap(visible(s.text), self._text_width(width))
        strips = []
        for i, text in enumerate(lines):
            head = prefix if i == 0 else [indent]
            strips.append(Strip([*head, Segment(text, base)]).extend_cell_length(width, base))
        return strips

    def _refresh_row(self, row: int) -> None:
        self._cache.pop(row, None)
        start = self._starts[row]
        self.refresh_lines(start, self._starts[row + 1] - start)

    # -- the cursor -----------------------------------------------------------

    def move_to(self, row: int) -> None:
        """Put the cursor on ``row`` (clamped), scroll it into view, announce it."""
        row = max(0, min(row, len(self.rows) - 1)) if self.rows else 0
        old, self.cursor = self.cursor, row
        if 0 <= old < len(self.rows) and old != row:
            self._refresh_row(old)
        if self.rows:
            self._refresh_row(row)
            self._scroll_to_cursor()
        if old != row or not self.rows:
            self.post_message(self.Highlighted(self, self.current))

    def move_to_sentence(self, sentence_id: int) -> bool:
        row = self.row_of_sentence(sentence_id)
        if row is None:
            return False
        self.move_to(row)
        return True

    def _scroll_to_cursor(self) -> None:
        if not self.rows:
            return
        start = self._starts[self.cursor]
        height = self._starts[self.cursor + 1] - start
        self.scroll_to_region(Region(0, start, 1, height), animate=False, x_axis=False)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    def _page(self, direction: int) -> None:
        if not self.rows:
            return
        target_line = self._starts[self.cursor] + direction * max(1, self.size.height - 1)
        target_line = max(0, min(target_line, self._starts[-1] - 1))
        self.move_to(bisect_right(self._starts, target_line) - 1)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.rows:
            return
        line = offset.y + self.scroll_offset.y
        if line < self._starts[-1]:
            self.move_to(bisect_right(self._starts, line) - 1)
