"""The quick paths of cross-referencing give exactly what the plain ones give.

Indexing cleans an article's sentences all at once, scoring reads what it needs of a
candidate once, and FTS5 is asked for the best candidates by ``bm25()``: each is checked
here against the straightforward computation, to the last bit.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.config import Settings
from workbench.factchecks import import_fact_checks
from workbench.importer import import_document
from workbench.matching import match_article, rank_sentences
from workbench.model import Document
from workbench.store import Store, claims
from workbench.store.tokens import TOKENIZER
from workbench.xref import match
from workbench.xref.match import MatchSettings, bm25, features, idf, names, numbers
from workbench.xref.query import Terms
from workbench.xref.terms import clean, clean_all, for_fuzz, tokens

AWKWARD = [
    "",
    " ",
    "Troops left 1,000 bases and 2.500 posts (3,4567 and 12,345.678).",
    "See https://t.co/x and WWW.Example.com, or pic.twitter.com/abc now.",
    "A pıc.twıtter.com/abc link the original leaves alone, and a www.x.org one it takes.",
    "#BlackLivesMatter and @realDonaldTrump said so",
    "ﬁnance ｆｕｌｌｗｉｄｔｈ １，０００ ｗｗｗ．ｘ．ｃｏｍ Ǆ",
    "美国政府正在从叙利亚撤出近一千名士兵，华尔街日报报道说。",
    "서울에서 회의가 열렸다 and 東京 too",
    "an \x1e inside\x1efor once",
    "e\u0301 combining\u0301 ᄀ\u1161 jamo",
    "tabs\tand\nnewlines  and  spaces ",
    "٣٬٤٥٦ and ١٬٠٠٠ digits of other scripts",
    "1,000",
    ",000 at the start and at the end 5,",
]
PIECES = st.sampled_from([
    "a", "W", "w", ".", ",", ":", "/", "#", "@", "_", " ", "\n", "\x1e", "1", "0", "123",
    "http", "HTTPS://", "www.", "wWw.", "pic.twitter.com/", "ı", "İ", "ſ", "K", "é", "ﬁ",
    "１", "，", "．", "東京都", "서울", "٣", "\u3000", "\u0301", "ᄀ", "ᅡ", "Straße",
])  # fmt: skip
TEXTS = st.one_of(st.text(max_size=30), st.lists(PIECES, max_size=25).map("".join))


def spaced(text: str) -> str:
    return " ".join(text.split())


@given(st.lists(TEXTS, max_size=8))
@settings(max_examples=400, deadline=None)
def test_clean_all_gives_each_text_clean_s_words(texts: list[str]) -> None:
    assert [spaced(t) for t in clean_all(texts)] == [clean(t) for t in texts]


def test_clean_all_on_awkward_texts() -> None:
    assert [spaced(t) for t in clean_all(AWKWARD)] == [clean(t) for t in AWKWARD]
    for text in AWKWARD:  # alone, and among others
        assert spaced(clean_all([text])[0]) == clean(text)
    assert clean_all([]) == []


def instances(store: Store, table: str) -> set[tuple]:
    store.conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_i USING fts5vocab(main, {table},"
        " 'instance')"
        if table == "claim_index"
        else f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_i USING fts5vocab(temp, {table},"
        " 'instance')"
    )
    return set(store.conn.execute(f"SELECT term, doc, col, offset FROM temp.{table}_i"))


def test_the_index_holds_the_words_clean_gives(store: Store, settings: Settings) -> None:
    """Every sentence and fact-check indexed all at once holds, word for word and place for
    place, what ``clean`` of it alone gives."""
    text = "\n\n".join(AWKWARD[2:]) + "\n"
    aid = import_document(store, Document("awkward", text, "/awkward.txt"), settings).article.id
    rows = [{"claim": c, "title": t, "rating": "", "url": f"https://c.example/{i}",
             "publisher": "", "date": ""} for i, (c, t) in enumerate(zip(AWKWARD, AWKWARD[::-1],
                                                                           strict=True))]  # fmt: skip
    import_fact_checks(store, rows)
    store.conn.execute(
        f"CREATE VIRTUAL TABLE temp.plain USING fts5(body, content = '', tokenize = '{TOKENIZER}')"
    )
    with store.conn:
        for sid, _, sentence in store.claim_texts(aid):
            store.conn.execute("INSERT INTO temp.plain (rowid, body) VALUES (?, ?)",
                               [claims.sentence_row(sid), clean(sentence)])  # fmt: skip
        for check in store.fact_checks():
            store.conn.execute(
                "INSERT INTO temp.plain (rowid, body) VALUES (?, ?)",
                [claims.fact_check_row(check.id), clean(f"{check.claim} {check.title}")],
            )
    held = instances(store, "claim_index")
    assert held and held == instances(store, "plain")


# -- scoring: the plain computation, as it reads written out in full ----------------------


def stemmer(words: Iterable[str]) -> list[str]:
    """A stemmer for the test: a word's first five letters, none for words from "q"."""
    return ["" if w.startswith("q") else w[:5] for w in words]


def cover(stems_a: Iterable[str], stems_b: frozenset[str], weight: dict[str, float]) -> float:
    unique = set(stems_a)
    total = sum(weight[s] for s in unique)
    return sum(weight[s] for s in unique if s in stems_b) / total if total else 0.0


def plain_features(query: str, terms: Terms, texts: list[tuple[str, str]]) -> list[tuple]:
    if not texts:
        return []
    cands = []
    for claim, title in texts:
        cw, tw = tokens(claim), tokens(title)
        cs, ts = terms.stemmer(cw), terms.stemmer(tw)
        cands.append((cw, " ".join(cw), " ".join(tw), frozenset(cw) | frozenset(tw),
                      tuple(s for s in cs if s), tuple(s for s in cs + ts if s),
                      numbers(f"{claim} {title}")))  # fmt: skip
    weight = {}
    for stem in [*terms.stems, *(s for c in cands for s in c[5])]:
        if stem not in weight:
            weight[stem] = idf(terms, stem)
    docs = [c[5] for c in cands]
    mean = sum(len(d) for d in docs) / len(docs)
    relevance = bm25(terms, docs, mean)
    own = bm25(terms, [terms.stems], mean)[0] or 1.0
    best = max(relevance) or 1.0
    q = for_fuzz(query)
    fuzzed = [
        match._batch(q, [c[1] for c in cands], scorer)
        for scorer in (
            match.fuzz.token_set_ratio,
            match.fuzz.token_sort_ratio,
            match.fuzz.partial_ratio,
        )
    ]
    title_set = match._batch(q, [c[2] for c in cands], match.fuzz.token_set_ratio)
    q_numbers, q_names, n_q = numbers(query), names(query), len(tokens(query))
    out = []
    for i, (cw, _, _, words, claim_stems, stems, c_numbers) in enumerate(cands):
        cover_query = cover(terms.stems, frozenset(stems), weight)
        cover_claim = cover(claim_stems, frozenset(terms.stems), weight)
        out.append((
            1.0, min(relevance[i] / own, 2.0), relevance[i] / best, float(relevance[i] == best),
            fuzzed[0][i], fuzzed[1][i], fuzzed[2][i], title_set[i], cover_query, cover_claim,
            min(cover_query, cover_claim),
            len(q_numbers & c_numbers) / len(q_numbers) if q_numbers else 0.0,
            float(bool(q_numbers and c_numbers and not q_numbers & c_numbers)),
            float(bool(q_numbers and not c_numbers)),
            len(q_names & words) / len(q_names) if q_names else 0.0,
            min(n_q, len(cw)) / max(n_q, len(cw)) if n_q and len(cw) else 0.0,
        ))  # fmt: skip
    return out


WORDS = (
    "troops syria withdrawal quietly quarterly army base officials said monday 1,000 "
    "Pentagon Kurdish forces border Turkey rates bank Thursday 2019 20 half point"
).split()


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(0, 14))
    return " ".join(w.capitalize() if rng.random() < 0.2 else w for w in words)


@pytest.mark.parametrize("seed", range(40))
def test_features_are_the_plain_computation_s_to_the_last_bit(seed: int) -> None:
    rng = random.Random(seed)
    query = sentence(rng)
    words = tokens(query)
    pairs = [(w, s) for w, s in zip(words, stemmer(words), strict=True) if s]
    df = {s: rng.randint(0, 500) for s in {w[:5] for w in WORDS}}
    total = 1000
    texts = [(sentence(rng), sentence(rng) if rng.random() < 0.5 else "")
             for _ in range(rng.randint(0, 30))]  # fmt: skip

    def terms() -> Terms:
        return Terms([w for w, _ in pairs], [s for _, s in pairs], total, dict(df), {},
                     stemmer=stemmer)  # fmt: skip

    assert features(query, terms(), texts) == plain_features(query, terms(), texts)
    # A paragraph's measures (``CONTEXT``) alone are those of the whole computation.
    at = [match.SENTENCE_FEATURES.index(name) for name in match.CONTEXT]
    assert features(query, terms(), texts, context=True) == [
        tuple(f[i] for i in at) for f in plain_features(query, terms(), texts)
    ]
    # With the candidates' kinds, BM25 against the best and "is the best" are taken within
    # each kind; nothing else changes.
    kinds = [rng.choice(("sentence", "factcheck")) for _ in texts]
    whole = features(query, terms(), texts)
    mixed = features(query, terms(), texts, kinds)
    for f, g in zip(whole, mixed, strict=True):
        assert f[:2] + f[4:] == g[:2] + g[4:]
    for kind in ("sentence", "factcheck"):
        ours = [g for g, k in zip(mixed, kinds, strict=True) if k == kind]
        if ours and max(g[2] for g in ours) > 0:
            assert max(g[2] for g in ours) == 1.0
            assert all(g[3] == float(g[2] == 1.0) for g in ours)


def test_probability_is_the_weighted_sum_it_was() -> None:
    model = match.model()
    rng = random.Random(3)
    for _ in range(200):
        vector = [rng.uniform(-2, 2) for _ in model.weights]
        z = sum(w * x for w, x in zip(model.weights, vector, strict=True))
        z = model.scale * max(-30.0, min(30.0, z)) + model.shift
        assert model.probability(vector) == 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
    with pytest.raises(ValueError):
        model.probability([1.0])


def test_described_past_its_memory_answers_every_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(match, "_DESCRIBED", {})
    monkeypatch.setattr(match, "DESCRIBED_LIMIT", 3)
    texts = [(f"claim number {w} about troops", w) for w in ("one", "two", "three", "four")]
    first = match.described(texts[:2], stemmer)
    both = match.described(texts, stemmer)  # the memory fills mid-batch
    assert both[:2] == first
    for (claim, title), d in zip(texts, both, strict=True):
        assert d.claim_words == tuple(tokens(claim)) and d.title_text == " ".join(tokens(title))
        assert d.counts == tuple(Counter(d.stems).items())


# -- candidates -----------------------------------------------------------------------------


def test_candidates_come_in_rank_s_order_ties_too(store: Store) -> None:
    """``bm25()`` orders as ``rank`` does, equal scores (copies of a claim) by rowid, for any
    number asked."""
    rng = random.Random(5)
    rows = []
    for i in range(400):
        claim = sentence(rng) if i % 3 else "Officials said the army left the base on Monday."
        rows.append({"claim": claim, "title": "", "rating": "", "url": f"https://c.example/{i}",
                     "publisher": "", "date": ""})  # fmt: skip
    import_fact_checks(store, rows)
    vocab = claims.vocabulary(store.conn, "now", None)
    for text in ["Officials said the army left the base", "troops Kurdish border rates", *(
            sentence(rng) for _ in range(20))]:  # fmt: skip
        terms = claims.terms(store.conn, text, vocab)
        query = claims.fts_query(text, drop=terms.common())
        if query is None:
            continue
        for limit in (1, 5, 30, 200):
            ranked = store.conn.execute(
                "SELECT rowid FROM claim_index WHERE claim_index MATCH ? ORDER BY rank LIMIT ?",
                [query, limit],
            ).fetchall()
            found = claims.run_query(store.conn, claims.candidate_query(text, terms, limit))
            assert [claims.fact_check_row(c.id) for c in found] == [r for (r,) in ranked]


def test_an_article_matched_again_leaves_out_its_own_sentences(sample_store, settings) -> None:
    """Matched on import before its sentences are indexed, and again once they are: the
    same pairs, never with itself."""
    store = sample_store
    text = ("The US administration is withdrawing nearly 1,000 troops from Syria, according to "
            "the Wall Street Journal.\n\nThe USS Gerald R Ford aircraft carrier is heading to "
            "the region as part of a more assertive response.\n")  # fmt: skip
    aid = import_document(store, Document("a", text, "/a.txt"), settings).article.id
    kept = store.conn.execute("SELECT sentence_id, kind, target_id, score FROM crossrefs"
                              " ORDER BY 1, 2, 3").fetchall()  # fmt: skip
    assert kept
    match_article(store, aid, match.default_settings())
    assert store.conn.execute("SELECT sentence_id, kind, target_id, score FROM crossrefs"
                              " ORDER BY 1, 2, 3").fetchall() == kept  # fmt: skip
    own = {s.id for s in store.sentences_of(aid)}
    found = rank_sentences(store, store.claim_texts(aid), MatchSettings(suggest=0.0, possible=0.0),
                           exclude_article=aid)  # fmt: skip
    assert found and not [h for _, h in found if h.candidate.kind == "sentence"
                          and h.candidate.id in own]  # fmt: skip


def test_compacting_keeps_what_the_index_holds(store: Store, settings: Settings) -> None:
    rows = [
        {"claim": c, "title": "", "rating": "", "url": f"https://c.example/{i}",
         "publisher": "", "date": ""}
        for i, c in enumerate(AWKWARD)
    ]  # fmt: skip
    for start in range(0, len(rows), 3):  # a segment each
        import_fact_checks(store, rows[start : start + 3])
    before = instances(store, "claim_index")
    with store.conn:
        claims.compact(store.conn)
    assert before and instances(store, "claim_index") == before


def _pool_key(pool) -> tuple:
    return (pool.terms.words, pool.terms.stems, pool.candidates, pool.texts)


def test_pools_read_ahead_are_the_pools_read_one_by_one(store: Store) -> None:
    """``claim_pools`` runs the FTS5 queries on a second connection in a thread of its own:
    the same pools as ``claim_pool`` gives one by one, in order, past its read-ahead too;
    and a database in memory (no second connection) gives them one by one."""
    rng = random.Random(9)
    rows = [{"claim": sentence(rng), "title": sentence(rng), "rating": "", "publisher": "",
             "url": f"https://c.example/{i}", "date": ""} for i in range(300)]  # fmt: skip
    import_fact_checks(store, rows)
    texts = [sentence(rng) for _ in range(claims.AHEAD * 2 + 5)] + ["", "the of and"]
    one_by_one = [_pool_key(store.claim_pool(t, limit=30)) for t in texts]
    assert [_pool_key(p) for p in store.claim_pools(texts, limit=30)] == one_by_one
    memory = Store(":memory:", reviewer="t")
    import_fact_checks(memory, rows)
    assert [_pool_key(p) for p in memory.claim_pools(texts, limit=30)] == one_by_one
    memory.close()


def test_pools_left_unread_stop_their_thread_and_connection(store: Store, monkeypatch) -> None:
    import sqlite3
    import threading

    rows = [{"claim": f"Claim {i} about the harbour budget of town {i}.", "title": "",
             "rating": "", "publisher": "", "url": f"https://c.example/{i}", "date": ""}
            for i in range(100)]  # fmt: skip
    import_fact_checks(store, rows)
    opened = []
    real = Store._reader

    def reader(self: Store):
        opened.append(real(self))
        return opened[-1]

    def queries() -> int:  # the read-ahead threads alive
        return sum(t.name.startswith("claim-queries") for t in threading.enumerate())

    monkeypatch.setattr(Store, "_reader", reader)
    found = store.claim_pools([f"the harbour budget of town {i}" for i in range(200)], limit=5)
    assert not opened  # nothing opened before a pool is asked for
    assert next(found).candidates
    assert queries() == 1 and len(opened) == 1
    found.close()  # the caller stopped early (an error while scoring, say)
    assert queries() == 0
    with pytest.raises(sqlite3.ProgrammingError):  # the reader is closed
        opened[0].execute("SELECT 1")


def test_an_error_met_reading_ahead_is_one_line(store: Store, monkeypatch) -> None:
    import sqlite3

    from workbench.errors import DatabaseError

    import_fact_checks(store, [{"claim": "The harbour budget doubled in 2020.", "title": "",
                                "rating": "", "publisher": "", "url": "", "date": ""}])  # fmt: skip

    def broken(conn, query):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(claims, "run_query", broken)
    for many in (1, claims.AHEAD_FROM):  # one by one, and read ahead in a thread
        with pytest.raises(DatabaseError, match="damaged"):
            list(store.claim_pools(["the harbour budget doubled"] * many))
