"""Article text on the terminal: wrapped by cells (CJK counts twice), controls made visible."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, chop_cells

from workbench.tui.widgets.text import _wrap, line_count, visible, wrap


def test_wrap_by_words_and_cells() -> None:
    assert wrap("one two three four", 9) == ["one two", "three", "four"]
    cjk = "美国政府正在从叙利亚撤出近一千名士兵"  # 18 wide characters = 36 cells
    lines = wrap(cjk, 10)
    assert "".join(lines) == cjk and all(cell_len(line) <= 10 for line in lines)
    assert line_count(cjk, 10) == len(lines) == 4


def test_a_word_longer_than_the_line_is_cut() -> None:
    assert wrap("a " + "x" * 25, 10) == ["a", "x" * 10, "x" * 10, "x" * 5]


def test_right_to_left_text_is_kept_in_logical_order() -> None:
    arabic = "هذه جملة طويلة بعض الشيء للتجربة"
    assert " ".join(wrap(arabic, 12)) == arabic


def test_control_characters_are_shown_not_sent() -> None:
    assert visible("red \x1b[31mtext\x1b[0m\x07") == "red ␛[31mtext␛[0m␇"
    assert visible("tab\there\nline") == "tab here line"
    assert visible("[bold]plain[/bold]") == "[bold]plain[/bold]"


@settings(max_examples=500, deadline=None)
@given(
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=80)
    | st.lists(st.sampled_from(["a", "bb", "ccccccc", " ", "  ", "x" * 23]), max_size=20).map(
        "".join
    ),
    st.integers(1, 30),
)
def test_ascii_wraps_as_rich_measures_it(text: str, width: int) -> None:
    """Printable ASCII is wrapped counting characters: the lines Rich's cells give."""
    assert wrap(text, width) == _wrap(text, width, cell_len, chop_cells)
    assert line_count(text, width) == len(_wrap(text, width, cell_len, chop_cells))


def test_the_detail_pane_says_who_reviewed_or_who_last_changed_an_unreviewed_sentence() -> None:
    from workbench.model import Sentence, Verdict
    from workbench.tui.widgets.detail import detail_text

    def first_line(**review) -> str:
        s = Sentence(1, 1, 1, 1, 0, 3, "k:1", "Hi.", reviewer="ann", reviewed_at="T", **review)
        return detail_text(s, "Hi.", 0, [], []).plain.splitlines()[0]

    assert first_line(verdict=Verdict.VERIFIED).endswith("  by ann at T")
    assert first_line(note="cleared, a note kept").endswith("  last changed by ann at T")
    assert "unreviewed  by" not in first_line()
