"""The Store's reads for the lazy sentence list, on real SQLite: an article's ids in order,
sentences a window at a time, every review as a byte, the texts a search runs on.

Each is checked against the plain reads it stands in for (``sentences_of``); the search
(``TextSearch`` over ``sentence_texts``) against the plain definition: every word of the
query in the text, case folded.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workbench.config import Settings
from workbench.importer import import_text
from workbench.model import Verdict
from workbench.store import Store
from workbench.store.queries import FLAGGED_MARK, MARK_OF
from workbench.text_search import TextSearch

TEXT = (
    "The mayor said the bridge will open in May. Critics disagree.\n\n"
    "Costs rose 40% in 2025, the audit_office found. 100% of it was spent.\n\n"
    "Ünïcode Straße is closed. ÉCOLE reopened; école staff returned. A\\B test ends here."
)


@pytest.fixture
def article(store: Store, settings: Settings) -> int:
    return import_text(store, TEXT, settings).article.id


def matching(store: Store, article_id: int, query: str) -> list[int]:
    """What the review screen's `/` keeps: indexes into ``sentence_ids``."""
    ids, texts = store.sentence_texts(article_id)
    assert ids == store.sentence_ids(article_id)
    return TextSearch(texts).matching(query)


def plainly(store: Store, article_id: int, query: str) -> list[int]:
    """The search's definition, spelt out: every word of the query in the text, folded."""
    words = query.casefold().split()
    texts = [s.text.casefold() for s in store.sentences_of(article_id)]
    return [i for i, t in enumerate(texts) if words and all(w in t for w in words)]


def positions_of(store: Store, article_id: int) -> list[int]:
    return [s.position for s in store.sentences_of(article_id)]


def test_ids_are_the_sentences_in_text_order(store: Store, article: int) -> None:
    every = store.sentences_of(article)
    assert store.sentence_ids(article) == [s.id for s in every]
    assert store.sentence_ids(999) == []


def test_ids_stay_in_text_order_after_a_split(store: Store, article: int) -> None:
    """A split's new sentence has the largest id but sits in the middle: order is by text."""
    first = store.sentence_at(article, 1)
    _, new_id = store.split_sentence(first.id, len("The mayor said"))
    ids = store.sentence_ids(article)
    assert ids[1] == new_id and ids != sorted(ids)
    assert ids == [s.id for s in store.sentences_of(article)]
    # marks and matches follow the same order
    versions, marks = store.review_marks(article)
    assert len(versions) == len(marks) == len(ids)
    assert matching(store, article, "the bridge") == [1]


def test_a_window_reads_exactly_what_the_whole_article_read_gives(
    store: Store, article: int
) -> None:
    every = store.sentences_of(article)
    s2, s5 = every[1], every[4]
    store.set_verdict(s2.id, Verdict.DISPUTED, note="why")
    store.toggle_flag(s5.id)
    store.add_evidence(s5.id, url="https://example.org/a", title="A")
    every = store.sentences_of(article)
    ids = store.sentence_ids(article)
    window = [4, 1, 6]  # any order, any gaps
    got = store.sentences_by_id([ids[i] for i in window], [i + 1 for i in window])
    assert got == [every[i] for i in window]
    assert got[0].evidence_count == 1 and got[0].flagged and got[1].verdict is Verdict.DISPUTED


def test_a_window_leaves_out_what_is_gone_and_reads_in_chunks(store: Store, article: int) -> None:
    ids = store.sentence_ids(article)
    assert store.sentences_by_id([ids[0], 10_000_000], [1, 2]) == store.sentences_of(article)[:1]
    many = ids * 200  # more than one chunk of 500 ids: the same sentences, each once found
    got = store.sentences_by_id(many[: len(ids)], list(range(1, len(ids) + 1)))
    assert [s.id for s in got] == ids
    assert store.sentences_by_id([], []) == []


def test_review_marks_are_each_sentences_verdict_and_flag(store: Store, article: int) -> None:
    ids = store.sentence_ids(article)
    assert store.review_marks(article) == ([0] * len(ids), bytes(len(ids)))
    store.set_verdict(ids[0], Verdict.VERIFIED)
    store.set_verdict(ids[2], Verdict.OPINION)
    store.toggle_flag(ids[2])
    store.toggle_flag(ids[3])
    store.set_note(ids[4], "a note, no verdict")
    versions, marks = store.review_marks(article)
    every = store.sentences_of(article)
    assert versions == [s.version or 0 for s in every]
    assert list(marks[:5]) == [
        MARK_OF["verified"],
        0,
        MARK_OF["opinion"] + FLAGGED_MARK,
        FLAGGED_MARK,
        0,
    ]
    assert versions[4] != 0  # a note alone is a review too


def test_an_undo_changes_the_version_back(store: Store, article: int) -> None:
    """The list tells a change made elsewhere by the version: an undo must show as one."""
    ids = store.sentence_ids(article)
    store.set_verdict(ids[1], Verdict.VERIFIED)
    before, _ = store.review_marks(article)
    store.set_verdict(ids[1], Verdict.DISPUTED)
    after, marks = store.review_marks(article)
    assert after[1] != before[1] and marks[1] == MARK_OF["disputed"]
    store.undo(article)
    undone, marks = store.review_marks(article)
    assert undone[1] != after[1] and marks[1] == MARK_OF["verified"]


@pytest.mark.parametrize(
    ("query", "found"),
    [("bridge", [0]), ("BRIDGE", [0]), ("the bridge", [0]), ("40%", [2]), ("%", [2, 3]),
     ("audit_office", [2]), ("_", [2]), ("a\\b", [6]), ("straße", [4]), ("STRASSE", [4]),
     ("école", [5]), ("ÉCOLE", [5]), ("ünï", [4]), ("zzz", []), ("   ", []), ("", []),
     ("said may", [0]), ("may said", [0])],
)  # fmt: skip
def test_the_search_finds_every_word_in_any_case(
    store: Store, article: int, query: str, found: list[int]
) -> None:
    assert matching(store, article, query) == found == plainly(store, article, query)
    # `F` and `workbench search` fold case the same way, in SQL with Python's folding
    assert [s.position - 1 for s, _ in store.search_all(query)] == found


def test_a_long_word_is_searched(store: Store, settings: Settings) -> None:
    word = "x" * 60_000
    aid = import_text(store, f"A long {word} here. Another one.", settings).article.id
    assert matching(store, aid, word) == [0]
    assert matching(store, aid, word + "y") == []


sentences = st.lists(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1,
             max_size=30).map(lambda t: t.strip() or "x"),
    min_size=1, max_size=12,
)  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=sentences, query=st.text(max_size=4), picks=st.lists(st.integers(0, 11)))
@example(texts=["0"], query="\x00", picks=[])  # a NUL is a character like any other
def test_matching_and_marks_agree_with_the_plain_reads(
    store: Store, settings: Settings, texts: list[str], query: str, picks: list[int]
) -> None:
    text = "\n\n".join(f"{t.rstrip('.')}." for t in texts)
    aid = import_text(store, text, settings).article.id
    ids = store.sentence_ids(aid)
    for k, pick in enumerate(picks):
        if pick < len(ids):
            store.set_verdict(ids[pick], list(Verdict)[k % 3])
    every = store.sentences_of(aid)
    assert ids == [s.id for s in every]
    assert matching(store, aid, query) == plainly(store, aid, query)
    _, marks = store.review_marks(aid)
    assert list(marks) == [MARK_OF[s.verdict.value if s.verdict else None] for s in every]
    window = store.sentences_by_id(ids[::-1], list(range(len(ids), 0, -1)))
    assert window == every[::-1]
    assert all(dataclasses.is_dataclass(s) for s in window)


def plain_matches(texts: list[str], query: str) -> list[int]:
    words = query.casefold().split()
    return [i for i, t in enumerate(texts) if words and all(w in t.casefold() for w in words)]


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(st.text("abAB ßs\u0130i", max_size=12), max_size=30),
    edits=st.lists(st.tuples(st.booleans(), st.text("abAB ßsS\u0130i", max_size=3)), max_size=25),
)
def test_answers_kept_while_typing_are_what_a_fresh_search_gives(
    texts: list[str], edits: list[tuple[bool, str]]
) -> None:
    """The prompt asks at each character typed or deleted: an answer kept, or one
    narrowed from a query typed before, is the plain definition's every time."""
    search = TextSearch(texts)
    query = ""
    for backspace, typed in edits:
        query = query[: -len(typed) or None] if backspace else query + typed
        assert search.matching(query) == plain_matches(texts, query), query


def test_a_query_typed_on_is_looked_for_among_the_answer_before() -> None:
    texts = ["troops left", "the troop", "a tree"] + ["other"] * 10
    search = TextSearch(texts)
    assert search.matching("tro") == [0, 1]
    search._folded[2] = "troops here"  # (were every text read, this one would match too)
    assert search.matching("troo") == [0, 1]  # narrowed from "tro"'s answer
    answer = search.matching("troo")
    answer.append(99)  # a caller's copy: the answer kept is unchanged
    assert search.matching("troo") == [0, 1]
