"""Reading who made a claim from the sentence (the claimant the `w` form suggests)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SAMPLE
from workbench.attribution import suggest_claimant

# The bundled sample, sentence by sentence (one a line): who each one says spoke.
SAMPLE_CLAIMANTS = [
    "Wall Street Journal",  # according to the Wall Street Journal (WSJ) citing …
    None,
    "CENTCOM",  # CENTCOM described the withdrawal as …
    "WSJ",  # However, the WSJ reported that …
    None,  # "has been considering": not an attribution
    None,
    None,
    "US officials",  # Instead, US officials said …
    None,
    None,
    None,
    None,
    "US",  # The US has described the move as …
    None,
    None,
]


def sample_sentences() -> list[str]:
    return [line.strip() for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line]


def test_the_sample_has_the_sentences_the_table_expects() -> None:
    assert len(sample_sentences()) == len(SAMPLE_CLAIMANTS)


@pytest.mark.parametrize(
    ("sentence", "claimant"), list(zip(sample_sentences(), SAMPLE_CLAIMANTS, strict=True))
)
def test_the_sample_article(sentence: str, claimant: str | None) -> None:
    assert suggest_claimant(sentence) == claimant


CASES = [
    # "…, X said."
    ("Troops are leaving, the minister said.", "the minister"),
    ("Nearly 1,000 US troops are being withdrawn, officials said Friday.", "officials"),
    ("Troops, officials said, will leave.", "officials"),
    ("The troops will go home by May, the Pentagon said in a statement.", "Pentagon"),
    # "according to X"
    ("Prices rose, according to the Wall Street Journal (WSJ).", "Wall Street Journal"),
    ("according to the Ministry of Defence, it was a drill.", "Ministry of Defence"),
    ("The camp closed, according to a statement from the Pentagon.", "Pentagon"),
    ("The camp closed, according to a report by Reuters.", "Reuters"),
    ("It happened according to three senior US officials.", "senior US officials"),
    ("According to officials, the base is empty.", "officials"),
    # "X said/told/claimed/announced …"
    ("US officials said the withdrawal was part of a deal.", "US officials"),
    ("U.S. officials told reporters that the base would close.", "U.S. officials"),
    ("The Kremlin claimed the strike hit a depot.", "Kremlin"),
    ("Acme Corp announced record profits on Tuesday.", "Acme Corp"),
    ("Amnesty International has repeatedly warned that the camps are full.",
     "Amnesty International"),
    ("The Ministry of Defence said on Monday that drills would resume.", "Ministry of Defence"),
    ("Officials in Washington said the talks had stalled.", "Officials in Washington"),
    ("A spokesman for the Pentagon said the report was wrong.", "a spokesman for the Pentagon"),
    ("Trump and Netanyahu said nothing about the deal.", "Trump and Netanyahu"),
    ("Theresa May said the vote would go ahead.", "Theresa May"),
    ("The minister said so.", "the minister"),
    ("On Friday the minister said troops would leave.", "the minister"),
    ("The report said growth slowed.", "the report"),
    ("Smith, a spokesman, said the figures were wrong.", "Smith"),
    ("Meanwhile, the WHO reported 40 new cases.", "WHO"),
    # "said X"
    ("“We are leaving,” said the minister.", "the minister"),
    ('"We are leaving," said Jane Doe, a spokeswoman.', "Jane Doe"),
    # "X described … as"
    ("CENTCOM described the withdrawal as orderly.", "CENTCOM"),
    ("The White House called the report a fabrication, as expected.", "White House"),
    # nobody in particular, or nobody at all
    ("He said no.", None),
    ("They told us nothing.", None),
    ("It was described as orderly.", None),  # passive: the speaker is not named
    ("The withdrawal was announced as a victory.", None),
    ("A source said so.", None),
    ("The decision to withdraw troops announced nothing.", None),
    ("Smith, a spokesman, said no.", "Smith"),
    ("The sky is blue.", None),
    ("Nobody can say which way it goes.", None),
    ("", None),
    ("   ", None),
    ("said", None),
    ("according to", None),
    (", said .", None),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "claimant"), CASES)
def test_attribution_patterns(sentence: str, claimant: str | None) -> None:
    assert suggest_claimant(sentence) == claimant


def test_a_name_is_short() -> None:
    long_subject = "The committee of the many nations of the region and of the world said so."
    name = suggest_claimant(long_subject)
    assert name is None or len(name.split()) <= 6


@given(st.text(max_size=300))
def test_any_text_gives_none_or_words_of_the_text(text: str) -> None:
    name = suggest_claimant(text)
    if name is None:
        return
    assert name.strip() == name and name
    assert len(name.split()) <= 6
    lowered = text.casefold()
    for word in name.split():
        assert word.casefold() in lowered


@given(st.lists(st.sampled_from(["the", "said", "according", "to", ",", "Minister", "A", "as",
                                 "described", "has", "officials", "of", "May", "“", "”", "."]),
                max_size=30))  # fmt: skip
def test_attribution_words_in_any_order_never_fail(words: list[str]) -> None:
    name = suggest_claimant(" ".join(words))
    assert name is None or (name and len(name.split()) <= 6)
