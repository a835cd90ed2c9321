"""Sentence splitting: golden hard cases, quotations, lists, exact offsets (Hypothesis), stable keys."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE
from workbench.segment import (
    _ASCII_SPACES,
    _SPACES,
    ALL_RULES,
    RULES,
    key_form,
    paragraphs,
    segment,
    sentence_key,
)

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
    ("Read it at https://example.org/a.b/c.html. Then write back.", 2),
    ("The rate rose to 4.25 percent on Tuesday. Markets fell.", 2),
]

# Each case: the text and the sentences it must give, in order.
SPLITS = [
    # A quotation reopened after a sentence that did not close the last one.
    (
        'Growers blame the rain for the late harvest. "Half the fields are still under water.',
        [
            "Growers blame the rain for the late harvest.",
            '"Half the fields are still under water.',
        ],
    ),
    (
        "The mayor thanked the crews. “Nobody slept for three days. They deserve a medal.",
        [
            "The mayor thanked the crews.",
            "“Nobody slept for three days.",
            "They deserve a medal.",
        ],
    ),
    # Every sentence of a quotation is a claim of its own.
    (
        '"If the price drops again I would buy more. The firm has loyal customers."',
        ['"If the price drops again I would buy more.', 'The firm has loyal customers."'],
    ),
    (
        'She said: "I agree. It is fine." Then she left.',
        ['She said: "I agree.', 'It is fine."', "Then she left."],
    ),
    (
        "“The bridge is safe. We checked it twice,” the engineer said. Traffic resumed.",
        ["“The bridge is safe.", "We checked it twice,” the engineer said.", "Traffic resumed."],
    ),
    (
        "‘This is taking forever. I cannot wait.’ And then it ended.",
        ["‘This is taking forever.", "I cannot wait.’", "And then it ended."],
    ),
    # A closing quote stays with the sentence it closes.
    (
        'The minister said "we will stay at the town hall." The spokesman later denied it.',
        ['The minister said "we will stay at the town hall."', "The spokesman later denied it."],
    ),
    (
        "He called the plan “reckless.” Others were kinder.",
        ["He called the plan “reckless.”", "Others were kinder."],
    ),
    ('Tell them "no."Then walk away.', ['Tell them "no."', "Then walk away."]),
    # A quotation followed by a lower-case word goes on.
    ('"Why?" he asked.', ['"Why?" he asked.']),
    ("“Stop!” she shouted, and ran.", ["“Stop!” she shouted, and ran."]),
    ("A sign read 'No entry!' beside the gate.", ["A sign read 'No entry!' beside the gate."]),
    # Apostrophes are not quote marks.
    (
        "Don't go. It's the '90s and Dorian's car is gone. They left.",
        ["Don't go.", "It's the '90s and Dorian's car is gone.", "They left."],
    ),
    (
        "'We don't know,' she said. 'It's the players' fault.' Then silence.",
        ["'We don't know,' she said.", "'It's the players' fault.'", "Then silence."],
    ),
    # Words sentencex takes for abbreviations still end sentences.
    (
        "The vote is expected to be held on 5 May. Labour has published its plans.",
        ["The vote is expected to be held on 5 May.", "Labour has published its plans."],
    ),
    (
        "They put their trust in me. I will keep it. The list ran on, etc. Nobody minded.",
        [
            "They put their trust in me.",
            "I will keep it.",
            "The list ran on, etc.",
            "Nobody minded.",
        ],
    ),
    # Numbered, lettered and bulleted lists: one item a sentence, marker and all.
    (
        "1) If the rain comes early the crop fails 2) The farmers are ready to replant "
        "and nothing will stop them. Because the seed is cheap, they will try.",
        [
            "1) If the rain comes early the crop fails",
            "2) The farmers are ready to replant and nothing will stop them.",
            "Because the seed is cheap, they will try.",
        ],
    ),
    ("1. Fix the roof 2. Paint the fence", ["1. Fix the roof", "2. Paint the fence"]),
    ("1. Fix the roof. 2. Paint the fence.", ["1. Fix the roof.", "2. Paint the fence."]),
    (
        "a. Buy bread b. Buy milk c. Pay the bill",
        ["a. Buy bread", "b. Buy milk", "c. Pay the bill"],
    ),
    (
        "The plan has two parts: (a) a new road (b) a new bridge.",
        ["The plan has two parts:", "(a) a new road", "(b) a new bridge."],
    ),
    (
        "It failed for two reasons: a) the cost was too high b) nobody asked the users.",
        ["It failed for two reasons:", "a) the cost was too high", "b) nobody asked the users."],
    ),
    ("(2) The crews are ready. Then it rained.", ["(2) The crews are ready.", "Then it rained."]),
    ("• 7. Clean the pool • 8. Cut the grass", ["• 7. Clean the pool", "• 8. Cut the grass"]),
    ("⁃4. Clean the pool ⁃5. Cut the grass", ["⁃4. Clean the pool", "⁃5. Cut the grass"]),
    (
        "Things to bring:\n- a tent\n- two lamps\n* a stove\n\nWe leave at dawn.",
        ["Things to bring:", "- a tent", "- two lamps", "* a stove", "We leave at dawn."],
    ),
    # Not lists: a number or a letter that only looks like a marker.
    ("Chapter 1. The sea was calm that day.", ["Chapter 1.", "The sea was calm that day."]),
    (
        "He scored 2. Smith scored 3. Then it rained.",
        ["He scored 2.", "Smith scored 3.", "Then it rained."],
    ),
    # Initials and the pronoun "I".
    (
        "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
        ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"],
    ),
    (
        "Patients with MS. Final approval came later.",
        ["Patients with MS.", "Final approval came later."],
    ),
    ("He met Malcolm X. Besides, it was late.", ["He met Malcolm X.", "Besides, it was late."]),
    # A four-dot ellipsis: the first dot ends the sentence.
    (
        "The habit was weakened. . . . The practice went on. . . .",
        ["The habit was weakened.", ". . . The practice went on. . . ."],
    ),
    # A sentence does not begin with closing punctuation, an ellipsis or a signature.
    (
        'He wrote "search for truth ...". As of noon the site was back.',
        ['He wrote "search for truth ...".', "As of noon the site was back."],
    ),
    ("(I grew up there.) I know the place well.", ["(I grew up there.)", "I know the place well."]),
    ('"It is a long game." - Jane Doe', ['"It is a long game." - Jane Doe']),
    ("Did it work? :) It did.", ["Did it work? :)", "It did."]),
    # A title line is a paragraph of its own.
    (
        "Storm closes the harbour\n\nThe harbour closed on Monday. Boats stayed in.",
        ["Storm closes the harbour", "The harbour closed on Monday.", "Boats stayed in."],
    ),
]


@pytest.mark.parametrize(("text", "count"), CASES)
def test_hard_cases(text: str, count: int) -> None:
    assert len(segment(text)) == count, [s.text for s in segment(text)]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_splits(text: str, expected: list[str]) -> None:
    assert [s.text for s in segment(text)] == expected


def test_every_rule_has_a_name_and_can_be_turned_off() -> None:
    text = 'She said: "I agree. It is fine." Then she left. 1. One 2. Two'
    assert set(RULES) == ALL_RULES
    for rule in RULES:
        ss = segment(text, rules=ALL_RULES - {rule})
        assert all(text[s.start : s.end] == s.text for s in ss)
    assert [s.text for s in segment("He said no. Then he left.", rules=frozenset())] == [
        "He said no.",
        "Then he left.",
    ]


def test_cut_points_hold_when_sentencex_leaves_out_blank_lines(monkeypatch) -> None:
    from workbench import segment as module

    text = 'One is here.\n\n"Two is here. Three is here."\n\nFour.'
    expected = [(s.start, s.text) for s in segment(text)]
    assert len(expected) == 4
    real = module.sentencex_segment
    monkeypatch.setattr(
        module, "sentencex_segment", lambda lang, t: [p for p in real(lang, t) if p.strip()]
    )
    assert [(s.start, s.text) for s in segment(text)] == expected  # found in turn
    monkeypatch.setattr(module, "sentencex_segment", lambda lang, t: ["nothing like it"])
    assert [(s.start, s.text) for s in segment(text)] == expected  # the offsets are asked for


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


PIECES = [
    *"ab Z.?!\n\t\"'()1 ,;:。é日",
    "Dr. ",
    " a.m. ",
    "No. ",
    "U.S. ",
    *"“”‘’«»„…•⁃-–—*",
    "don't ",
    "'90s ",
    " 1. ",
    " 2) ",
    "(a) ",
    " b. ",
    "\n- ",
    "\n\n",
    " . . . ",
    " May. ",
    " me. ",
    "  ",
    "\r\n",
    "Éa ",
    "ß",
    "ﬁne ",  # NFKC changes it
    "ΣΟΦΊΑ. Σ ς ",  # final sigma: folded alike
    "İstanbul. ",  # one character folded into two
    "e\u0301 ",  # a combining accent NFKC composes
]


def check_partition(text: str) -> None:
    """Offsets exact, in order, only whitespace between sentences, keys as the
    key algorithm has them (the hash of the normalised text and which occurrence)."""
    ss = segment(text)
    pos = 0
    seen: dict[str, int] = {}
    for i, s in enumerate(ss, 1):
        assert s.position == i
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert s.start >= pos and text[pos : s.start].strip() == ""
        pos = s.end
        norm = key_form(s.text)
        seen[norm] = seen.get(norm, 0) + 1
        assert s.key == sentence_key(s.text, seen[norm])
    assert text[pos:].strip() == ""
    assert [s.paragraph for s in ss] == sorted(s.paragraph for s in ss)
    assert len({s.key for s in ss}) == len(ss)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=120).map("".join))
def test_offsets_are_exact_in_order_and_cover_the_text(text: str) -> None:
    check_partition(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(PIECES),
            st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6),
        ),
        max_size=60,
    ).map("".join)
)
def test_offsets_stay_exact_with_any_characters_between(text: str) -> None:
    check_partition(text)


@pytest.mark.parametrize("text", [t for t, _ in SPLITS + CASES])
def test_the_cases_partition_their_text(text: str) -> None:
    check_partition(text)
    check_partition(text.replace(" ", "\n\n", 3))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text(text: str) -> None:
    ss = segment(text)
    assert all(text[s.start : s.end] == s.text for s in ss)
    assert "".join(text[s.start : s.end] for s in ss).replace(" ", "") == "".join(
        s.text for s in ss
    ).replace(" ", "")


# Paragraphs as defined: a run of lines with no blank line (one of spaces and tabs
# only) between them, from its first visible character to its last; in a text with
# no blank line, each line.
_PARAGRAPH = re.compile(r"\S[^\n]*(?:\n(?![ \t\r\f\v]*\n)[^\n]*)*")
_LINE = re.compile(r"\S[^\n]*")


def reference_paragraphs(text: str) -> list[tuple[int, int]]:
    blank = re.search(r"\n[ \t\r\f\v]*\n", text)
    return [
        (m.start(), m.start() + len(m.group().rstrip()))
        for m in (_PARAGRAPH if blank else _LINE).finditer(text)
    ]


@settings(max_examples=1000, deadline=None)
@given(st.text(st.sampled_from("ab .\n\n\n\t\r\x0b\x0c\x1c\x85\xa0\u2028\u3000"), max_size=40))
def test_paragraphs_are_the_runs_of_lines_between_blank_lines(text: str) -> None:
    assert paragraphs(text) == reference_paragraphs(text)


def test_the_whitespace_tables_are_what_str_split_splits_at() -> None:
    """A sentence's key form is its case folding alone when it holds none of these."""
    spaces = {c for c in map(chr, range(0x110000)) if c.isspace()} - {" ", "\n"}
    assert set(_SPACES) == spaces and len(_SPACES) == len(spaces)
    assert set(_ASCII_SPACES) == {c for c in spaces if c.isascii()}


@pytest.mark.parametrize("space", _SPACES[len(_ASCII_SPACES) :])
def test_a_capital_a_wide_space_and_a_dot_are_split_like_any_text(space: str) -> None:
    """sentencex's Rust code stops with a panic on these ("U.S\\u00a0. Next"): it is asked
    with a plain space there, and the sentences keep the text's own characters."""
    text = f"It came from the U.S{space}. Next came A{space}{space}. Then the end."
    check_partition(text)
    assert [s.text for s in segment(text)] == [
        f"It came from the U.S{space}.",
        f"Next came A{space}{space}.",
        "Then the end.",
    ]


def test_an_article_sentencex_cannot_read_is_still_split_by_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should sentencex stop with a panic on some other text (pyo3 raises a BaseException
    for it), the paragraphs and the rules still cut the article: nothing is refused."""
    import workbench.segment as segment_module

    class Panic(BaseException):
        pass

    def panics(language: str, text: str) -> list[str]:
        raise Panic("end byte index 3 is not a char boundary")

    monkeypatch.setattr(segment_module, "sentencex_segment", panics)
    text = "One sentence. Two sentences.\n\nA second paragraph. (It was late.) Then.\n\n1. a\n2. b"
    ss = segment(text)
    assert [s.text for s in ss] == [
        "One sentence. Two sentences.",
        "A second paragraph. (It was late.)",
        "Then.",
        "1. a",
        "2. b",
    ]
    check_partition(text)
