"""The sentence list, on Textual's Line API, lazy at any length.

The list holds an article as its sentence ids in order (a sentence's position is its
index + 1) and, as ``rows``, the indexes a filter or a search keeps (worked out by the
store, on data).  Sentences are read a block of rows at a time when a block is first
drawn or neared, and kept in a small cache; rows are measured (wrapped) a block at a time
for the width, the others estimated (``RowHeights``).  So opening, filtering, searching
and resizing cost the rows on screen, not a pass over every sentence; only the visible
lines are drawn and a verdict change redraws one row, so a key press costs the same on 15
sentences as on 100,000 (ListView and DataTable don't: they rebuild or re-measure every
row).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.errors import WorkbenchError
from workbench.model import (
    CHANGED_MARK,
    EVIDENCE_MARK,
    FLAG_MARK,
    NOTE_MARK,
    Sentence,
    Verdict,
    badge,
)
from workbench.tui.widgets.row_heights import RowHeights
from workbench.tui.widgets.text import line_count, visible, wrap

BADGES = {v: badge(v) for v in (None, *Verdict)}
BADGE_WIDTH = max(len(b) for b in BADGES.values())
MARKS_WIDTH = 8  # flag, note, text changed, evidence count, cross-reference
SENTENCES_KEPT = 4_096  # sentences cached (a few screens' worth, many times over)
ROWS_DRAWN_KEPT = 2_000  # rows whose drawn lines are cached

# Reads sentences by id, numbered with the positions given (``Store.sentences_by_id``).
Fetch = Callable[[list[int], list[int]], list[Sentence]]


def marks(s: Sentence) -> str:
    """Flag ⚑, note ✎, text changed since the review Δ, evidence §N, cross-reference ≈
    (≡ when confirmed or strong)."""
    ev = f"{EVIDENCE_MARK}{s.evidence_count}" if s.evidence_count else ""
    xref = s.xref_mark or " "
    changed = CHANGED_MARK if s.text_changed else " "
    flag = FLAG_MARK if s.flagged else " "
    note = NOTE_MARK if s.note else " "
    return f"{flag}{note}{changed}{ev:<4}{xref}"


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

    def __init__(self, fetch: Fetch, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._fetch = fetch
        self.ids: list[int] = []  # the article's sentence ids in order
        self.rows: Sequence[int] = range(0)  # indexes into ``ids`` that the filter keeps
        self.cursor = 0
        self._sentences: dict[int, Sentence] = {}  # by id: those read lately
        self._layout = RowHeights(0)
        self._width = 0  # the width the rows were measured at
        self._drawn: dict[int, list[Strip]] = {}  # by row
        # The list's style and its parts', kept until the styles change (Textual forgets
        # its own at every refresh: each row drawn looked them up again).
        self._own_style: Style | None = None
        self._styles: dict[str, Style] = {}

    # -- content --------------------------------------------------------------

    def set_sentences(
        self, ids: list[int], rows: Sequence[int] | None = None, keep: int | None = None
    ) -> None:
        """Show an article (its sentence ids in order): all, or only ``rows``; the cursor
        stays on its sentence (or goes to ``keep``) if it is still listed.  Every sentence
        is read afresh."""
        keep = self.current_id if keep is None else keep
        self.ids = ids
        self._sentences.clear()
        self.set_rows(rows, keep)

    def set_rows(self, rows: Sequence[int] | None, keep: int | None = None) -> None:
        """Change which sentences are listed (a filter; ``None``: all); the cursor stays on
        its sentence (or on ``keep``) if it can."""
        if keep is None:
            keep = self.current_id
        n = len(self.ids)
        if rows is None:
            self.rows = range(n)
        else:  # (an index past the ids: the article changed elsewhere since rows were made)
            self.rows = rows if not rows or max(rows) < n else [i for i in rows if i < n]
        self._relayout()
        index = self.index_of(keep) if keep is not None else None
        target = self.row_of_index(index) if index is not None else None
        self.cursor = -1
        self.move_to(target or 0)

    def update_sentence(self, sentence: Sentence) -> None:
        """Replace one sentence (after a change) and redraw just its row."""
        index = self.index_of(sentence.id, sentence.position - 1)
        if index is None:
            return
        old = self._sentences.get(sentence.id)
        self._remember([sentence])
        row = self.row_of_index(index)
        if row is None:
            return
        block = self._layout.block_of(row)
        if self._layout.is_measured(block) and (old is None or old.text != sentence.text):
            self._remeasure(block)  # its height may have changed
        else:
            self._refresh_row(row)
        if row == self.cursor:
            self.post_message(self.Highlighted(self, sentence))

    def reread(self) -> list[Sentence]:
        """Read again the sentences on screen and forget the others held (another process
        changed the database); returns those on screen that changed, and redraws them."""
        held = dict(self._sentences)
        self._sentences.clear()
        self._drawn.clear()
        rows = [*self._rows_on_screen(), self.cursor] if self.rows else []
        fresh = self.sentences(sorted({self.rows[row] for row in rows}))
        changed = [s for s in fresh if s.id in held and held[s.id] != s]
        if any(held[s.id].text != s.text for s in changed):
            self._relayout()
            self._measure_around(self.cursor)
            self._scroll_to_cursor()
        self.refresh()
        return changed

    def _rows_on_screen(self) -> range:
        if not self.rows:
            return range(0)
        top = round(self.scroll_y)
        span = max(1, self.scrollable_content_region.height or self.size.height)
        return range(self._layout.row_at(top), self._layout.row_at(top + span - 1) + 1)

    @property
    def total(self) -> int:
        """How many sentences the article has (listed or not)."""
        return len(self.ids)

    @property
    def current_id(self) -> int | None:
        """The id of the sentence under the cursor (none when nothing is listed)."""
        if 0 <= self.cursor < len(self.rows):
            return self.ids[self.rows[self.cursor]]
        return None

    @property
    def current(self) -> Sentence | None:
        """The sentence under the cursor."""
        if 0 <= self.cursor < len(self.rows):
            return self.sentence(self.rows[self.cursor])
        return None

    def cached(self, sentence_id: int) -> Sentence | None:
        """The sentence as the list last read it, if it holds it (no reading)."""
        return self._sentences.get(sentence_id)

    def sentence(self, index: int) -> Sentence | None:
        """The article's sentence at ``index`` (position - 1); None if it is gone meanwhile."""
        found = self.sentences([index])
        return found[0] if found else None

    def sentences(self, indexes: Iterable[int]) -> list[Sentence]:
        """The article's sentences at these indexes, read in one go where not held."""
        wanted = [i for i in indexes if 0 <= i < len(self.ids)]
        missing = [i for i in wanted if self.ids[i] not in self._sentences]
        if missing:
            try:
                read = self._fetch([self.ids[i] for i in missing], [i + 1 for i in missing])
            except WorkbenchError as exc:
                self.notify(exc.message, severity="error", markup=False)
                read = []
            self._remember(read)
        return [s for i in wanted if (s := self._sentences.get(self.ids[i])) is not None]

    def _remember(self, sentences: list[Sentence]) -> None:
        for s in sentences:
            self._sentences.pop(s.id, None)
            self._sentences[s.id] = s
        excess = len(self._sentences) - SENTENCES_KEPT
        if excess > 0:  # the oldest read first (never those just read)
            for sid in list(self._sentences)[:excess]:
                del self._sentences[sid]

    def index_of(self, sentence_id: int | None, hint: int | None = None) -> int | None:
        """Where a sentence is in the article (position - 1); ``hint``: where it likely is."""
        if sentence_id is None:
            return None
        if hint is not None and 0 <= hint < len(self.ids) and self.ids[hint] == sentence_id:
            return hint
        try:
            return self.ids.index(sentence_id)
        except ValueError:
            return None

    def row_of_index(self, index: int) -> int | None:
        """The row showing the sentence at ``index``, if the filter lists it."""
        rows = self.rows
        if isinstance(rows, range):
            return index if 0 <= index < len(rows) else None
        row = bisect_left(rows, index)
        return row if row < len(rows) and rows[row] == index else None

    def row_of_sentence(self, sentence_id: int) -> int | None:
        index = self.index_of(sentence_id)
        return None if index is None else self.row_of_index(index)

    def line_of_row(self, row: int) -> int:
        """The first line of ``row`` in the list (its rows above measured or estimated)."""
        return self._layout.start(row)

    # -- layout ---------------------------------------------------------------

    def _text_width(self, width: int) -> int:
        return max(10, width - self._prefix_width())

    def _prefix_width(self) -> int:
        return len(str(len(self.ids))) + BADGE_WIDTH + MARKS_WIDTH + 3

    def _relayout(self) -> None:
        """Forget every row's height (new rows or a new width): nothing is measured here."""
        width = self.scrollable_content_region.width or self.size.width or 80
        self._width = width
        self._layout = RowHeights(len(self.rows))
        self._drawn.clear()
        self.virtual_size = Size(width, self._layout.total)
        self.refresh()

    def _heights(self, rows: range) -> list[int]:
        """Measure rows at the current width (their sentences read in one go)."""
        text_width = self._text_width(self._width)
        read = {s.id: s for s in self.sentences(self.rows[r] for r in rows)}
        return [
            line_count(visible(s.text), text_width) if (s := read.get(self.ids[self.rows[r]]))
            else 1
            for r in rows
        ]  # fmt: skip

    def _measure(self, blocks: Iterable[int]) -> None:
        """Measure these blocks of rows; what is on screen stays where it is."""
        blocks = [b for b in blocks if not self._layout.is_measured(b)]
        if not blocks:
            return
        self._set_heights([(b, self._heights(self._layout.block_rows(b))) for b in blocks])

    def _remeasure(self, block: int) -> None:
        self._set_heights([(block, self._heights(self._layout.block_rows(block)))])

    def _set_heights(self, measured: list[tuple[int, list[int]]]) -> None:
        layout = self._layout
        if not layout.rows:
            return
        top = round(self.scroll_y)
        anchor = layout.row_at(top)  # the row at the top stays at the top
        offset = top - layout.start(anchor)
        for b, heights in measured:
            layout.measure(b, heights)
        self._drawn.clear()
        self.virtual_size = Size(self._width, layout.total)
        offset = max(0, min(offset, layout.height(anchor) - 1))
        if layout.start(anchor) + offset != top:
            self.scroll_to(y=layout.start(anchor) + offset, animate=False, force=True)
        self.refresh()

    def _measure_around(self, row: int) -> None:
        """Measure the rows a screen above and below ``row``: wherever it is shown, what is
        shown with it is measured."""
        span = max(1, self.scrollable_content_region.height or self.size.height or 40)
        self._measure(self._layout.unmeasured(row - span, row + span))

    def _measure_screen(self) -> None:
        """Measure the rows on screen (each measured block can bring the next one in)."""
        span = max(1, self.scrollable_content_region.height or self.size.height)
        for _ in range(span + 1):
            layout = self._layout
            if not layout.rows:
                return
            top = round(self.scroll_y)
            first, last = layout.row_at(top), layout.row_at(top + span - 1)
            blocks = layout.unmeasured(first, last)
            if not blocks:
                return
            self._measure(blocks[:1])

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._measure_screen()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width == self._width:
            self._measure_screen()  # taller: more rows on screen
            return
        # Wider or narrower: every row measured again, as it comes on screen.  The cursor's
        # row keeps its place on screen (the rows above it are measured a screen up).
        on_screen = self.line_of_row(self.cursor) - round(self.scroll_y) if self.rows else 0
        self._relayout()
        if self.rows:
            self._measure_around(self.cursor)
            y = max(0, self.line_of_row(self.cursor) - on_screen)
            self.scroll_to(y=y, animate=False, force=True)
            self._measure_screen()
            self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()
        self._own_style = None
        self._styles.clear()

    # -- drawing --------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = y + scroll_y
        width = self.scrollable_content_region.width
        layout = self._layout
        if not self.rows or line >= layout.total:
            return Strip.blank(width, self.rich_style)
        row = layout.row_at(line)
        if not layout.is_measured(layout.block_of(row)):  # not met before drawing: now
            self._measure([layout.block_of(row)])
            layout = self._layout
            line = y + self.scroll_offset.y
            if line >= layout.total:
                return Strip.blank(width, self.rich_style)
            row = layout.row_at(line)
        strips = self._drawn.get(row)
        if strips is None:
            if len(self._drawn) > ROWS_DRAWN_KEPT:
                self._drawn.clear()
            # Drawn at the width the rows were measured at, so line counts agree.
            strips = self._drawn[row] = self._render_row(row, self._width)
        within = min(line - layout.start(row), len(strips) - 1)
        return strips[within].crop(scroll_x, scroll_x + width)

    def _render_row(self, row: int, width: int) -> list[Strip]:
        s = self.sentence(self.rows[row])
        styles = self._styles

        def style(name: str) -> Style:
            got = styles.get(name)
            if got is None:
                # A part's colours blended over the list's background, as CSS has them:
                # "auto 60%" a grey, "$primary 30%" a tint (a partial style drops the alpha:
                # the muted text came out white, the cursor solid)
                got = self.get_component_rich_style(f"sentence-list--{name}")
                if name == "cursor":
                    got = Style(bgcolor=got.bgcolor)  # (the parts keep their colours on it)
                styles[name] = got
            return got

        # The cursor's background goes on last, so no colour of a part hides it.
        cursor = style("cursor") if row == self.cursor else Style()
        if self._own_style is None:
            self._own_style = self.rich_style
        base = self._own_style + cursor
        if s is None:  # gone meanwhile (changed elsewhere): the list is read again shortly
            return [Strip([Segment("…", base + style("number"))]).extend_cell_length(width, base)]
        verdict = s.verdict.value if s.verdict else "unreviewed"
        number_width = len(str(len(self.ids)))
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
        self._drawn.pop(row, None)
        self.refresh_lines(self._layout.start(row), self._layout.height(row))

    # -- the cursor -----------------------------------------------------------

    def move_to(self, row: int) -> None:
        """Put the cursor on ``row`` (clamped), scroll it into view, announce it."""
        row = max(0, min(row, len(self.rows) - 1)) if self.rows else 0
        old, self.cursor = self.cursor, row
        if self.rows:
            self._measure_around(row)
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
        start = self._layout.start(self.cursor)
        height = self._layout.height(self.cursor)
        # forced: the scrollbar a longer list needs may not be laid out yet
        self.scroll_to_region(Region(0, start, 1, height), animate=False, x_axis=False,
                              force=True)  # fmt: skip

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
        step = direction * max(1, self.size.height - 1)
        self._measure_around(self.cursor + step)  # a row is at least a line: it is within
        layout = self._layout
        target = max(0, min(layout.start(self.cursor) + step, layout.total - 1))
        self.move_to(layout.row_at(target))

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.rows:
            return
        line = offset.y + self.scroll_offset.y
        if line < self._layout.total:
            self.move_to(self._layout.row_at(line))


def first_after(indexes: Sequence[int], index: int, step: int) -> int | None:
    """The first of sorted ``indexes`` after ``index`` (``step`` 1) or before it (-1)."""
    if step > 0:
        k = bisect_right(indexes, index)
        return indexes[k] if k < len(indexes) else None
    k = bisect_left(indexes, index) - 1
    return indexes[k] if k >= 0 else None
