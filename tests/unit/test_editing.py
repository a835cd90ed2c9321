"""Joining and splitting sentences: text, offsets, reviews and links follow; undo restores."""

from __future__ import annotations

import pytest

from workbench.errors import ValidationError
from workbench.model import Document, Verdict
from workbench.segment import segment
from workbench.store import Store

TEXT = "Sen. Smith spoke at 10 a.m. The council meeting began at noon today. It ended late.\n\nNew paragraph here."


@pytest.fixture
def article(store: Store) -> int:
    a = store.import_article(Document("T", TEXT, "/t.txt"), segment(TEXT)).article
    return a.id


def texts(store: Store, aid: int) -> list[str]:
    return [s.text for s in store.sentences_of(aid)]


def consistent(store: Store, aid: int) -> None:
    text = store.article_text(aid)
    ss = store.sentences_of(aid)
    assert [s.position for s in ss] == list(range(1, len(ss) + 1))
    assert all(text[s.start : s.end] == s.text for s in ss)
    assert len({s.key for s in ss}) == len(ss)


def test_join_keeps_reviews_and_links_then_undo(store: Store, article: int) -> None:
    one, two, three, four = store.sentences_of(article)
    store.set_note(one.id, "first note")
    store.set_verdict(two.id, Verdict.DISPUTED)
    store.set_note(two.id, "second note")
    ev = store.add_evidence(two.id, url="https://example.org/x", title="X")
    joined = store.join_sentences(one.id)
    assert joined == one.id
    assert texts(store, article) == [
        "Sen. Smith spoke at 10 a.m. The council meeting began at noon today.",
        "It ended late.",
        "New paragraph here.",
    ]
    consistent(store, article)
    s = store.sentence(joined)
    assert (s.verdict, s.note) == (Verdict.DISPUTED, "first note\nsecond note")
    assert [e.id for e in store.evidence_of(joined)] == [ev.id]
    store.undo(article)
    assert texts(store, article) == [x.text for x in (one, two, three, four)]
    consistent(store, article)
    assert store.sentence(two.id).verdict is Verdict.DISPUTED
    assert [e.id for e in store.evidence_of(two.id)] == [ev.id]
    store.redo(article)
    assert len(texts(store, article)) == 3


def test_join_across_paragraphs_or_at_the_end_is_refused(store: Store, article: int) -> None:
    ss = store.sentences_of(article)
    with pytest.raises(ValidationError, match="different paragraphs"):
        store.join_sentences(ss[2].id)
    with pytest.raises(ValidationError, match="no next one"):
        store.join_sentences(ss[3].id)


def test_split_then_undo(store: Store, article: int) -> None:
    two = store.sentences_of(article)[1]
    store.set_verdict(two.id, Verdict.VERIFIED)
    first, second = store.split_sentence(two.id, len("The council meeting began"))
    assert texts(store, article)[1:3] == ["The council meeting began", "at noon today."]
    consistent(store, article)
    assert store.sentence(first).verdict is Verdict.VERIFIED
    assert store.sentence(second).verdict is None
    assert store.sentence(second).paragraph == two.paragraph
    store.undo(article)
    assert texts(store, article)[1] == "The council meeting began at noon today."
    consistent(store, article)
    with pytest.raises(ValidationError, match="both parts"):
        store.split_sentence(two.id, 0)


def test_crossrefs_follow_a_join(store: Store, article: int) -> None:
    from workbench.config import Settings
    from workbench.importer import import_document
    from workbench.matching import rebuild
    from workbench.xref import MatchSettings

    rebuild(store, MatchSettings())  # index the fixture's article
    doc = Document("O", "The council meeting began at noon today in the city hall.\n", "/o.txt")
    other = import_document(store, doc, Settings(reviewer="t")).article.id
    one, two, *_ = store.sentences_of(article)
    assert store.crossrefs_of(two.id)
    store.join_sentences(one.id)
    assert store.crossrefs_of(one.id)
    back = store.crossrefs_of(store.sentence_at(other, 1).id)
    assert back and back[0].target_id == one.id


@pytest.mark.parametrize(
    ("text", "inside", "first"),
    [
        ("Café naïve e\u0301te\u0301 noted here.", "e\u0301te", "Café naïve"),  # an accent
        ("The \U0001f469\u200d\U0001f469\u200d\U0001f467 family came.", "\u200d\U0001f467",
         "The"),  # an emoji joined by zero-width joiners
        ("A thumbs \U0001f44d\U0001f3fd up here.", "\U0001f44d\U0001f3fd", "A thumbs"),  # a tone
    ],
)  # fmt: skip
def test_a_split_inside_a_character_is_made_before_it(
    store: Store, text: str, inside: str, first: str
) -> None:
    """A split point inside what the reader sees as one character (between a letter and
    its accent, inside an emoji) goes back to the start of that character."""
    aid = store.import_article(Document("T", text, "c.txt"), segment(text)).article.id
    s = store.sentence_at(aid, 1)
    at = s.text.index(inside) + 1  # one code point into the character
    store.split_sentence(s.id, at)
    parts = texts(store, aid)
    assert parts[0] == first and " ".join(parts) == s.text
    consistent(store, aid)
