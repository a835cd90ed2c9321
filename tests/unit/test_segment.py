"""Sentence splitting: golden hard cases, exact offsets (Hypothesis), stable keys."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE
from workbench.segment import segment

CASES = [
    ("He arrived at 10 a.m. Friday and left.", 1),
    ("It happened at 5 p.m. on Monday. Later it rained.", 2),
    ("He arrived at 10 a.m. The meeting began.", 2),
    ("See Vol. 3 of the report.", 1),
    ("He lives at No. 10 Downing Street.", 1),
    ("He said no. Then he left.", 2),
    ("Brig. Gen. Smith spoke. Lt. Col. Jones agreed.", 2),
    ("Sen. Warren and Rep. Smith met Gov. Newsom.", 1),
    ("Dr. Who met St. Paul. Then U.S. officials left.", 2),
    ("The deal was signed Jan. 29 in Paris.", 1),
    ("See Fig. 2 and pp. 4-5 for details.", 1),
    ("J. R. R. Tolkien wrote it. Mr. Smith agreed.", 2),
    ("The U.S. Army said so. It left.", 2),
    ("He was born in the U.S. He moved later.", 2),
    ("Prices rose 3.5 percent. Then they fell.", 2),
    ("Approx. 100 people came.", 1),
    ("He lives on Main St. The house is old.", 2),
    ("Is it true? Yes! Really.", 3),
    ("The U.K. and the E.U. agreed on a deal.", 1),
    ("日本語の文です。二つ目の文です！三つ目？", 3),
    ("هذه جملة. وهذه أخرى.", 2),
]


@pytest.mark.parametrize(("text", "count"), CASES)
def test_hard_cases(text: str, count: int) -> None:
    assert len(segment(text)) == count, [s.text for s in segment(text)]


def test_the_sample_has_fifteen_sentences_one_paragraph_each() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    sentences = segment(text)
    assert len(sentences) == 15
    assert [s.paragraph for s in sentences] == list(range(1, 16))
    assert sentences[0].text.startswith("The US administration is in the process")


def test_blank_lines_make_paragraphs_and_single_newlines_do_not() -> None:
    text = "First one. Second one\ncontinues here.\n\nThird one.\n"
    ss = segment(text)
    assert [(s.text, s.paragraph) for s in ss] == [
        ("First one.", 1),
        ("Second one\ncontinues here.", 1),
        ("Third one.", 2),
    ]


def test_keys_are_stable_across_edits_and_count_repeats() -> None:
    before = segment("Alpha is here. Beta is there. Alpha is here.")
    after = segment("New start. Alpha is here.  Beta is there. Alpha is here.")
    assert before[0].key.endswith(":1") and before[2].key.endswith(":2")
    assert {s.key for s in before} <= {s.key for s in after}
    assert segment("ALPHA   is here.")[0].key == before[0].key  # case and spacing don't matter


def test_degenerate_inputs() -> None:
    assert segment("") == []
    assert segment("   \n\n \t ") == []
    long = "word " * 20_000
    t0 = time.process_time()
    (one,) = segment(long)
    assert one.text == long.strip() and time.process_time() - t0 < 5
    assert [s.text for s in segment("a\x00b. c\x1b[31m red.")] == ["a\x00b.", "c\x1b[31m red."]
    assert [s.text for s in segment("One.\r\nTwo.")] == ["One.", "Two."]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"ab Z.?!\n\t\"'()1 ,;:。é日", "Dr. ", " a.m. ", "No. ", "U.S. "]),
        max_size=120,
    ).map("".join)
)
def test_offsets_are_exact_in_order_and_cover_the_text(text: str) -> None:
    ss = segment(text)
    pos = 0
    for i, s in enumerate(ss, 1):
        assert s.position == i
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert s.start >= pos and text[pos : s.start].strip() == ""
        pos = s.end
    assert text[pos:].strip() == ""
    assert [s.paragraph for s in ss] == sorted(s.paragraph for s in ss)
    assert len({s.key for s in ss}) == len(ss)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text(text: str) -> None:
    ss = segment(text)
    assert all(text[s.start : s.end] == s.text for s in ss)
    assert "".join(text[s.start : s.end] for s in ss).replace(" ", "") == "".join(
        s.text for s in ss
    ).replace(" ", "")
