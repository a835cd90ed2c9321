"""The sentence list at scale: a 100,000-sentence article opens, moves, filters, searches
and resizes reading only what is on screen, and shows the right sentences.

No timings here (``bench/tui_scale.py`` has them): the bounds are on how many sentences
are read from the store, which does not depend on the machine.  The article is built once
(a file copied for each test); a ``Store`` subclass counts what the list reads.
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from textual import events
from textual.color import Color
from textual.pilot import Pilot

from bench.articles import article
from tests.tui.conftest import make_app
from tests.tui.helpers import notes, until
from workbench.errors import DatabaseError
from workbench.model import Document, Sentence, Verdict
from workbench.segment import segment
from workbench.store import Store
from workbench.tui.app import WorkbenchApp
from workbench.tui.guard import error_log
from workbench.tui.outline import KEEPS, Outline, both, indexes
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.row_heights import RowHeights
from workbench.tui.widgets.sentence_list import SentenceList

N = 100_000
SIZE = (120, 40)
SCREENFULS = 600  # sentences a screen may need read: its rows, a screen around, a paragraph


class CountingStore(Store):
    """The real store, counting the sentences the list reads."""

    read = 0

    def sentences_by_id(self, ids: Sequence[int], positions: Sequence[int]) -> list[Sentence]:
        self.read += len(ids)
        return super().sentences_by_id(ids, positions)


@pytest.fixture(scope="module")
def long_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("long") / "long.db"
    with pytest.MonkeyPatch.context() as env:  # the user's cache stays untouched
        env.setenv("XDG_CACHE_HOME", str(path.parent / "cache"))
        text = article(N)
        with Store(path, reviewer="tester") as store:
            store.import_article(Document("A long one", text, "long.txt"), segment(text))
        # Opened once more, as a user's database would be: the claim index is built now
        # (``Store`` repairs it on open), not again for every copy.
        Store(path, reviewer="tester").close()
    return path


@pytest.fixture
def long_store(long_db: Path, tmp_path: Path) -> CountingStore:
    copy = tmp_path / "long.db"
    shutil.copy(long_db, copy)
    store = CountingStore(copy, reviewer="tester")
    yield store
    store.close()


async def repeat(pilot: Pilot, key: str, times: int, done: Callable[[int], bool]) -> None:
    """``key`` pressed ``times`` times as a held key repeats it: each press handled (``done``
    of the presses so far holds) and the screen updated before the next.  (``pilot.press``
    waits for the app to go idle after every key: ten times slower, and no more exact.)"""
    for n in range(1, times + 1):
        pilot.app.post_message(events.Key(key, key))
        deadline = time.monotonic() + 10  # generous: the machine may be busy
        while not done(n) and time.monotonic() < deadline:
            await pilot.pause(0)  # the pending messages handled, the screen updated
        assert done(n), f"press {n} of {key!r} was not handled"
    await pilot.pause()


def the_list(app: WorkbenchApp) -> SentenceList:
    return app.screen.query_one(SentenceList)


def position(app: WorkbenchApp) -> int:
    current = the_list(app).current
    assert current is not None
    return current.position


def shown(app: WorkbenchApp) -> list[str]:
    """The list's lines as drawn now."""
    lst = the_list(app)
    return [lst.render_line(y).text for y in range(lst.scrollable_content_region.height)]


def numbers_shown(app: WorkbenchApp) -> list[int]:
    """The position at the head of each row on screen, top to bottom."""
    return [int(line.split()[0]) for line in shown(app) if line[:7].strip().isdigit()]


def cursor_on_screen(app: WorkbenchApp) -> bool:
    lst = the_list(app)
    top, height = round(lst.scroll_y), lst.scrollable_content_region.height
    first = lst.line_of_row(lst.cursor)
    return top <= first < top + height and position(app) in numbers_shown(app)


async def test_a_long_article_opens_reading_only_the_screen(long_store: CountingStore) -> None:
    app = make_app(long_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lst = the_list(app)
        assert lst.total == N and len(lst.rows) == N
        assert position(app) == 1 and numbers_shown(app)[:3] == [1, 2, 3]
        assert "0/100000" in str(app.screen.query_one("#header").render())
        assert long_store.read <= SCREENFULS
        read = long_store.read
        await pilot.press("j", "j", "j", "k")
        assert position(app) == 3
        assert long_store.read - read <= 64  # moving within the screen reads (nearly) nothing


async def test_G_goes_to_the_last_sentence_and_g_back(long_store: CountingStore) -> None:
    app = make_app(long_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        read = long_store.read
        await pilot.press("G")
        lst = the_list(app)
        last = long_store.sentence_at(1, N)
        assert position(app) == N and lst.current == last
        assert round(lst.scroll_y) == lst.max_scroll_y  # scrolled to the very end
        assert numbers_shown(app)[-1] == N and cursor_on_screen(app)
        assert any(last.text[:20] in line for line in shown(app))
        assert long_store.read - read <= SCREENFULS
        await pilot.press("k", "k")
        assert position(app) == N - 2 and cursor_on_screen(app)
        await pilot.press("g")
        assert position(app) == 1 and round(lst.scroll_y) == 0


async def test_paging_up_from_the_end_shows_every_row_in_order(long_store: Store) -> None:
    """Rows above the end are measured as the cursor nears them: nothing on screen jumps
    or is skipped, whatever the estimate said."""
    app = make_app(long_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G")
        for _ in range(8):
            before = position(app)
            await pilot.press("pageup")
            after = position(app)
            assert 1 <= before - after <= SIZE[1] and cursor_on_screen(app)
            numbers = numbers_shown(app)
            assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        # k across many blocks: the view follows row by row
        await repeat(pilot, "k", 200, lambda n: position(app) == after - n)
        assert position(app) == after - 200 and cursor_on_screen(app)
        numbers = numbers_shown(app)
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


async def test_filters_and_search_at_scale_list_the_right_sentences(
    long_store: Store,
) -> None:
    ids = long_store.sentence_ids(1)
    long_store.set_verdict(ids[1], Verdict.VERIFIED)
    long_store.set_verdict(ids[49_999], Verdict.DISPUTED)
    long_store.set_verdict(ids[99_998], Verdict.DISPUTED)
    long_store.toggle_flag(ids[77_776])
    app = make_app(long_store)
    async with app.run_test(size=SIZE) as pilot:
        lst = the_list(app)
        await pilot.press("f")  # unreviewed
        assert len(lst.rows) == N - 3 and 1 not in lst.rows
        await pilot.press("f")  # verified
        assert list(lst.rows) == [1] and position(app) == 2
        await pilot.press("f")  # disputed
        assert list(lst.rows) == [49_999, 99_998]
        await pilot.press("G")
        assert position(app) == 99_999
        assert "2/2" in str(app.screen.query_one("#header").render())
        await pilot.press("f", "f")  # opinion (none), flagged
        assert list(lst.rows) == [77_776] and position(app) == 77_777
        await pilot.press("f")  # all: the cursor stays on its sentence
        assert len(lst.rows) == N and position(app) == 77_777 and cursor_on_screen(app)
        await pilot.press("slash", *"Lebanon said", "enter")
        await until(pilot, lambda: app.screen.query_text == "Lebanon said")
        texts = [s.text.casefold() for s in long_store.sentences_of(1)]
        expected = [i for i, t in enumerate(texts) if "lebanon" in t and "said" in t]
        assert 0 < len(expected) < N and list(lst.rows) == expected
        current = lst.current
        assert current is not None and all(w in current.text.lower() for w in ("lebanon", "said"))
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        screen.filter = "disputed"
        screen.apply_filter()  # a filter and a search together
        both_ = {49_999, 99_998} & set(expected)
        assert set(lst.rows) == both_


async def test_a_long_article_s_texts_are_read_for_search_in_the_background(
    long_store: Store,
) -> None:
    """After opening, the texts `/` needs are read off the UI thread (with a connection of
    its own): the first search finds what a later one would, without reading them then."""
    app = make_app(long_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await until(pilot, lambda: screen.search_ready)
        texts = [s.text.casefold() for s in long_store.sentences_of(1)]
        screen.query_text = "WITHDRAWAL"
        screen.apply_filter()
        assert list(screen.sentence_list.rows) == [
            i for i, t in enumerate(texts) if "withdrawal" in t
        ]


async def test_next_unreviewed_at_scale(long_store: Store) -> None:
    ids = long_store.sentence_ids(1)
    with long_store.step("set-up", article_id=1):
        for i in range(1, 5):
            long_store.set_verdict(ids[i], Verdict.OPINION)
    long_store.set_verdict(ids[N - 2], Verdict.OPINION)
    app = make_app(long_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")
        assert position(app) == 6
        await pilot.press("G", "left_square_bracket")
        assert position(app) == N - 2


async def test_a_resize_keeps_the_cursor_row_on_screen(long_store: Store) -> None:
    app = make_app(long_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lst = the_list(app)
        lst.move_to(61_234)
        await pilot.pause()
        assert position(app) == 61_235 and cursor_on_screen(app)
        for size in ((70, 30), (160, 50), (50, 20), SIZE):
            await pilot.resize_terminal(*size)
            await until(pilot, lambda s=size: lst.size.width <= s[0] and lst.virtual_size.width
                        == lst.scrollable_content_region.width)  # laid out afresh  # fmt: skip
            assert position(app) == 61_235 and cursor_on_screen(app), size
            numbers = numbers_shown(app)
            assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


async def test_a_change_elsewhere_off_screen_is_named_and_counted(
    long_store: Store, tmp_path: Path
) -> None:
    app = make_app(long_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await until(pilot, lambda: screen._outline is not None)
        bob = Store(tmp_path / "long.db", reviewer="bob")
        bob.set_verdict(bob.sentence_ids(1)[89_999], Verdict.DISPUTED)
        status = app.screen.query_one("#status")
        await until(pilot, lambda: "changed elsewhere" in str(status.render()))
        assert "sentence 90000 changed elsewhere" in str(status.render())
        assert "1 disputed" in str(app.screen.query_one("#header").render())
        bob.close()
        await pilot.press("f", "f", "f")  # disputed
        assert list(the_list(app).rows) == [89_999] and position(app) == 90_000


async def test_the_detail_pane_shows_the_sentence_s_paragraph(long_store: Store) -> None:
    app = make_app(long_store)
    async with app.run_test(size=SIZE) as pilot:
        the_list(app).move_to(50_001)
        await pilot.pause()
        s = long_store.sentence_at(1, 50_002)
        ids = long_store.sentence_ids(1)[49_990:50_010]
        near = long_store.sentences_by_id(ids, range(49_991, 50_011))
        mates = [t for t in near if t.paragraph == s.paragraph]
        assert len(mates) > 1
        body = str(app.screen.query_one("#detail-body").render())
        assert all(t.text[:30] in body.replace("\n", " ") for t in mates), body


async def test_the_detail_pane_is_as_tall_as_each_sentence_it_shows(sample_store: Store) -> None:
    """The pane's body fills it at least, and is laid out again only when its size changes:
    moving through sentences short and long (some taller than the pane: it scrolls), it
    always holds the whole text."""
    app = make_app(sample_store)
    async with app.run_test(size=(100, 26)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one("#detail")
        body = app.screen.query_one("#detail-body")
        heights = set()
        for _ in range(15):
            await pilot.pause()
            current = the_list(app).current
            assert current is not None
            width, height = body.size
            needed = body.get_content_height(body.size, body.size, width)
            assert height == max(needed, pane.scrollable_content_region.height)
            assert pane.virtual_size.height == height
            assert current.text[:40] in str(body.render()).replace("\n", " ")
            heights.add(height)
            await pilot.press("j")
        assert len(heights) > 1  # (some sentences take more than the pane: it scrolls)


# -- the layout and the outline, on their own ----------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_row_heights_agree_with_the_measured_rows_wherever_measured(seed: int) -> None:
    rng = random.Random(seed)
    rows = rng.choice([1, 63, 64, 65, 1000])
    heights = [rng.choice([1, 1, 2, 3, 7]) for _ in range(rows)]
    layout = RowHeights(rows, block=16)
    assert layout.total == rows  # a line a row, before anything is measured
    order = list(range(layout.blocks))
    rng.shuffle(order)
    for step, b in enumerate(order):
        layout.measure(b, [heights[r] for r in layout.block_rows(b)])
        starts = [layout.start(r) for r in range(rows)]
        assert starts == sorted(starts) and starts[0] == 0
        for r in range(rows):
            assert layout.height(r) >= 1
            assert layout.row_at(layout.start(r)) == r
            assert layout.row_at(layout.start(r) + layout.height(r) - 1) == r
        for b2 in order[: step + 1]:
            for r in layout.block_rows(b2):
                assert layout.height(r) == heights[r]
    assert layout.total == sum(heights)
    # the mean height measured (followed to within a line a block)
    assert abs(layout.estimate - sum(heights) / rows) <= 1 / 16
    assert layout.row_at(-5) == 0 and layout.row_at(10**9) == rows - 1


def test_row_heights_estimate_what_is_not_measured_from_what_is() -> None:
    layout = RowHeights(6400, block=64)
    layout.measure(0, [3] * 64)
    assert layout.estimate == 3 and layout.total == 6400 * 3
    assert layout.unmeasured(0, 200) == [1, 2, 3] and layout.unmeasured(5, 9) == []
    assert RowHeights(0).total == 0 and RowHeights(0).unmeasured(0, 10) == []


def test_the_outline_filters_like_the_sentences_would() -> None:
    marks = bytes([0, 1, 2, 3, 4, 5, 6, 7, 0])
    outline = Outline(list(range(9)), marks)
    assert outline.kept("all") is None
    assert indexes(outline.kept("unreviewed") or b"") == [0, 4, 8]
    assert indexes(outline.kept("verified") or b"") == [1, 5]
    assert indexes(outline.kept("disputed") or b"") == [2, 6]
    assert indexes(outline.kept("opinion") or b"") == [3, 7]
    assert indexes(outline.kept("flagged") or b"") == [4, 5, 6, 7]
    assert indexes(outline.kept("flagged", unreviewed=True) or b"") == [4]
    assert indexes(outline.kept("all", unreviewed=True) or b"") == [0, 4, 8]
    assert set(KEEPS) == {"unreviewed", "verified", "disputed", "opinion", "flagged"}
    assert both(b"\x01\x01\x00", b"\x00\x01\x01") == b"\x00\x01\x00"


def test_the_outline_tells_changes_from_an_earlier_reading() -> None:
    earlier = Outline([0, 5, 0, 7], bytes(4))
    now = Outline([0, 5, 9, 6], bytes(4))
    assert now.changed_since(earlier) == [2, 3]
    assert now.changed_since(Outline([0, 5, 9, 6], bytes(4))) == []
    assert now.changed_since(Outline([0], bytes(1))) == []  # another shape: nothing to compare


async def test_a_search_before_the_screen_saw_a_split_elsewhere_keeps_the_listed_sentences(
    sample_store: Store,
) -> None:
    """Another process split a sentence and the screen has not polled yet: the search read
    now finds its sentences among those listed (by id), never a neighbour's place."""
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.pause()
        listed = list(screen.sentence_list.ids)
        first = sample_store.sentence(listed[0])
        with Store(sample_store.path, reviewer="other") as other:
            other.split_sentence(first.id, first.text.index(" ") + 1)
        screen.query_text = "troops"  # no await between: the poll can't run first
        screen.apply_filter()
        texts = {s.id: s.text.casefold() for s in sample_store.sentences_of(1)}
        assert [listed[i] for i in screen.sentence_list.rows] == [
            sid for sid in listed if "troops" in texts[sid]
        ]
        assert not screen.search_ready  # read for this search only: the poll reloads next


async def test_quitting_while_the_texts_are_read_is_quiet(long_store: Store) -> None:
    """Leaving a long article at once: the background read finds no screen to give its
    texts to, and says nothing (no notification, nothing in the error log)."""
    app = make_app(long_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
    await app.workers.wait_for_complete()
    assert not error_log(long_store.path).exists()


async def test_rows_past_the_article_s_end_are_left_out(sample_store: Store) -> None:
    """A filter's rows made before the article shrank elsewhere: those past its end go."""
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lst = app.screen.query_one(SentenceList)
        lst.set_rows([0, 2, 14, 15, 99])
        assert list(lst.rows) == [0, 2, 14]
        rows = [1, 3]
        lst.set_rows(rows)
        assert list(lst.rows) == [1, 3] and lst.current is not None
        lst.set_rows(None)
        assert list(lst.rows) == list(range(15))


def cursor_background(lst: SentenceList) -> object:
    """The background the cursor's row is drawn on."""
    strip = lst.render_line(lst.line_of_row(lst.cursor) - round(lst.scroll_y))
    return next(seg.style.bgcolor for seg in strip if seg.text.strip())


async def test_rows_take_the_new_colours_when_the_theme_changes(sample_store: Store) -> None:
    """The list keeps its parts' styles between redraws; a new theme draws the rows in
    the styles now in force."""
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lst = the_list(app)

        def wanted() -> object:
            return lst.get_component_rich_style("sentence-list--cursor").bgcolor

        assert cursor_background(lst) == wanted()
        for theme in ("textual-light", "nord", "textual-dark"):
            before = cursor_background(lst)
            app.theme = theme
            await until(pilot, lambda before=before: cursor_background(lst) != before)
            assert cursor_background(lst) == wanted()


async def test_muted_parts_are_grey_over_the_list_in_a_light_theme(sample_store: Store) -> None:
    """A sentence's number and "unreviewed" are written in "auto 60%": a grey between the
    list's background and its contrast, in a light theme a dark grey (they came out white
    on the light background, all but unreadable)."""
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "textual-light"
        lst = the_list(app)
        await until(pilot, lambda: Color.parse(app.theme_variables["surface"]).brightness > 0.5)
        surface = Color.parse(app.theme_variables["surface"])
        grey = surface.blend(surface.get_contrast_text(), 0.6)

        def colour_of(label: str) -> object:
            strip = lst.render_line(lst.line_of_row(1) - round(lst.scroll_y))
            return next(seg.style.color for seg in strip if label in seg.text)

        await until(pilot, lambda: colour_of("unreviewed") == grey.rich_color)
        assert colour_of("2 ") == grey.rich_color  # (the number, the first part)
        assert grey.brightness < surface.brightness


async def test_the_cursor_is_the_primary_colour_over_the_list_stronger_with_focus(
    sample_store: Store,
) -> None:
    """The cursor's row is drawn in the primary colour at the CSS's 50% over the list's
    background while the list has the focus, 30% without (it was the primary colour
    solid, the same with the focus or without)."""
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lst = the_list(app)
        assert lst.has_focus
        surface = Color.parse(app.theme_variables["surface"])
        primary = Color.parse(app.theme_variables["primary"])
        assert cursor_background(lst) == surface.blend(primary, 0.5).rich_color
        app.screen.set_focus(None)
        await until(pilot, lambda: cursor_background(lst) == surface.blend(primary, 0.3).rich_color)
        lst.focus()
        await until(pilot, lambda: cursor_background(lst) == surface.blend(primary, 0.5).rich_color)


class FlakyStore(Store):
    """The real store, whose next sentence reads fail as a busy database's would."""

    failing = 0

    def sentences_by_id(self, ids: Sequence[int], positions: Sequence[int]) -> list[Sentence]:
        if self.failing:
            self.failing -= 1
            raise DatabaseError("The database is busy (another process is writing).")
        return super().sentences_by_id(ids, positions)


async def test_the_detail_pane_shows_where_the_cursor_is_after_a_failed_read(
    sample_store: Store,
) -> None:
    """The sentence under the cursor could not be read when the cursor got there (the
    database busy a moment): the pane reads it again rather than show another's."""
    store = FlakyStore(sample_store.path, reviewer="tester")
    app = make_app(store)
    async with app.run_test(size=(100, 16)) as pilot:
        await pilot.pause()
        lst = the_list(app)
        body = app.screen.query_one("#detail-body")
        lst._sentences.clear()  # (as after a change elsewhere: only the screen is read back)
        store.failing = 1
        await pilot.press("G")
        await until(pilot, lambda: lst.cursor == 14)
        last = sample_store.sentence_at(1, 15)
        await until(pilot, lambda: last.text[:30] in str(body.render()).replace("\n", " "))
        assert any("database is busy" in n for n in notes(app))
    store.close()
