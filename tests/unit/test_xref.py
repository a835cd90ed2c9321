"""Cross-referencing on real SQLite: matching, thresholds, hostile queries, decisions kept."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLE
from workbench.config import Settings
from workbench.importer import import_document, import_source
from workbench.matching import match_article, rank_claims, rebuild, settings_from
from workbench.model import Document, XrefStatus
from workbench.segment import segment
from workbench.store import Store, claims
from workbench.store.tokens import IndexStemmer, stem_words
from workbench.xref import MatchSettings, match_quote
from workbench.xref.match import bm25
from workbench.xref.query import Terms
from workbench.xref.terms import clean, fts_query, tokens

PARAPHRASES = (
    "The US administration is withdrawing nearly 1,000 troops from Syria, according to the "
    "Wall Street Journal.\n"
    "The USS Gerald R Ford aircraft carrier is heading to the region as part of a more "
    "assertive response.\n"
    "Egg prices rose sharply in Ohio last month, farmers said.\n"
    "He left.\n"
)


def add(store: Store, settings: Settings, text: str, source: str) -> int:
    doc = Document(source, text, source)
    return import_document(store, doc, settings).article.id


@pytest.fixture
def two_articles(sample_store: Store, settings: Settings) -> tuple[Store, int]:
    return sample_store, add(sample_store, settings, PARAPHRASES, "/tmp/paraphrases.txt")


def refs(store: Store, article: int, position: int) -> list:
    return store.crossrefs_of(store.sentence_at(article, position).id)


def test_a_paraphrase_is_found_both_ways(two_articles: tuple[Store, int]) -> None:
    store, other = two_articles
    (ref,) = [
        r for r in refs(store, other, 1) if r.target_article_id == 1 and r.target_position == 1
    ]
    assert ref.target_position == 1 and ref.kind == "sentence" and ref.strong
    back = [r for r in refs(store, 1, 1) if r.target_article_id == other]
    assert back and back[0].target_position == 1
    assert store.sentence_at(1, 1).strong_xref and store.sentence_at(1, 1).xref_count >= 1


def test_reordered_words_still_match(two_articles: tuple[Store, int]) -> None:
    store, other = two_articles
    carrier = [r for r in refs(store, other, 2) if r.target_position == 7]
    assert carrier and carrier[0].score >= 85


def test_unrelated_and_very_short_sentences_are_not_matched(two_articles) -> None:
    store, other = two_articles
    assert refs(store, other, 3) == []  # eggs in Ohio
    assert refs(store, other, 4) == []  # "He left." is too short to match anything


def test_rejected_pairs_are_never_suggested_again_and_confirmed_ones_stay(two_articles) -> None:
    store, other = two_articles
    first = next(r for r in refs(store, other, 1) if r.target_position == 1)
    carrier = next(r for r in refs(store, other, 2) if r.target_position == 7)
    store.set_crossref_status(first.id, "rejected")
    store.set_crossref_status(carrier.id, "confirmed")
    match_article(store, other, MatchSettings())
    rebuild(store, MatchSettings())
    assert all(r.target_position != 1 or r.target_article_id != 1 for r in refs(store, other, 1))
    kept = store.crossref(first.id)
    assert kept.status is XrefStatus.REJECTED
    assert store.crossref(carrier.id).status is XrefStatus.CONFIRMED


@pytest.mark.parametrize("status", ["rejected", "confirmed"])
def test_a_decision_on_a_pair_of_sentences_holds_from_both_sides(two_articles, status) -> None:
    """Rejected (or confirmed) from one article, the pair is so from the other too: never
    suggested again there either (matching either article again), one undo for both."""
    store, other = two_articles
    ref = next(r for r in refs(store, other, 1) if r.target_article_id == 1)
    (back,) = [r for r in refs(store, 1, ref.target_position) if r.target_article_id == other
               and r.target_position == 1]  # fmt: skip
    store.set_crossref_status(ref.id, status)
    assert store.crossref(back.id).status is XrefStatus(status)
    match_article(store, 1, MatchSettings())
    match_article(store, other, MatchSettings())
    assert (store.crossref(ref.id).status, store.crossref(back.id).status) == (
        XrefStatus(status),
        XrefStatus(status),
    )
    assert store.undo(other) is not None
    assert store.crossref(back.id).status is XrefStatus.SUGGESTED


def test_a_claim_goes_to_the_sentence_that_says_it_not_its_neighbour(
    sample_store: Store, settings: Settings
) -> None:
    """In a paragraph where one sentence repeats a stored claim and the next says something
    else, scoring in the paragraph's context puts both near the claim: it goes to the one
    whose words are the claim's."""
    text = (
        "Washington pulls troops from Syria\n\n"
        "The US administration is withdrawing nearly 1,000 of its troops from Syria, the Wall"
        " Street Journal reported, citing three senior US officials.\n"
        "Analysts said the deal to integrate the Kurdish-led Syrian Democratic Forces into"
        " the Syrian army was fragile.\n"
    )
    other = add(sample_store, settings, text, "/tmp/second.txt")
    repeats = [r for r in refs(sample_store, other, 2) if r.target_article_id == 1]
    assert repeats and repeats[0].target_position == 1 and repeats[0].strong
    assert all(r.target_position != 1 for r in refs(sample_store, other, 3))


def test_a_confirmed_match_is_in_the_json_export(two_articles) -> None:
    import json

    from workbench.report import render

    store, other = two_articles
    ref = next(r for r in refs(store, 1, 1) if r.target_article_id == other)
    store.set_crossref_status(ref.id, "confirmed")
    doc = json.loads(render(store.report(1), "json"))
    (confirmed,) = [c for c in doc["sentences"][0]["crossrefs"] if c["status"] == "confirmed"]
    assert confirmed["kind"] == "sentence" and "withdrawing nearly 1,000" in confirmed["text"]


def test_thresholds_come_from_settings(sample_store: Store) -> None:
    strict = Settings(reviewer="t", suggest_score=100.0, strong_score=100.0)  # nothing is certain
    loose = "CENTCOM said the move would continue for months.\n"  # 7%
    other = add(sample_store, strict, PARAPHRASES + loose, "/tmp/p2.txt")
    listed = [r for s in sample_store.sentences_of(other) for r in sample_store.crossrefs_of(s.id)]
    # under 100% still listed with the sentence's matches, but not suggested: not marked
    assert any(r.possible for r in listed)
    assert all(r.possible == (r.score < 100) and r.strong == (r.score >= 100) for r in listed)
    marked = sum(s.xref_count for s in sample_store.sentences_of(other))
    assert marked == sum(not r.possible for r in listed)
    nothing = Settings(reviewer="t", possible_score=100.0, suggest_score=100.0, strong_score=100.0)
    match_article(sample_store, other, settings_from(nothing))
    assert all(refs(sample_store, other, p) == [] for p in (1, 2, 3, 5))


def test_possible_matches_are_listed_below_suggestions_and_never_marked(
    sample_store: Store, settings: Settings
) -> None:
    """Between the possible and the suggest threshold a pair is stored as possible: in the
    sentence's matches (``crossrefs_of``), in no count or mark; confirming one marks it."""
    loose = "CENTCOM said the move would continue for months.\n"  # the sample's sentence 3, 7%
    other = add(sample_store, settings, PARAPHRASES + loose, "/tmp/p4.txt")
    every = [r for s in sample_store.sentences_of(other) for r in sample_store.crossrefs_of(s.id)]
    possible = [r for r in every if r.possible]
    levels = settings_from(settings)
    floor, suggest = 100 * levels.possible, 100 * levels.suggest
    assert possible and all(floor <= r.score < suggest and not r.strong for r in possible)
    assert all(r.score >= suggest for r in every if not r.possible)
    assert {r.label for r in possible} == {"· possible"}
    for s in sample_store.sentences_of(other):  # listed after the suggestions
        flags = [r.possible for r in sample_store.crossrefs_of(s.id)]
        assert flags == sorted(flags)
    ref = possible[0]
    sentence = sample_store.sentence(ref.sentence_id)
    marked = sum(not r.possible for r in sample_store.crossrefs_of(sentence.id))
    assert sentence.xref_count == marked
    sample_store.set_crossref_status(ref.id, "confirmed")
    confirmed = sample_store.crossref(ref.id)
    assert not confirmed.possible and confirmed.label == "≡ confirmed"
    assert sample_store.sentence(ref.sentence_id).xref_count == marked + 1
    assert sample_store.sentence(ref.sentence_id).strong_xref  # a confirmed match is ≡


def test_a_suggest_threshold_set_alone_keeps_strong_ones_above_it(sample_store: Store) -> None:
    """``suggest = 95`` alone (the strong threshold left at its default, lower): a match under
    95% is possible, never strong, and no report lists it as a strong suggestion."""
    from workbench.report import render
    from workbench.report.common import strong_suggestions

    loose = "CENTCOM said the move would continue for months.\n"  # 7%
    other = add(sample_store, Settings(reviewer="t", suggest_score=95.0), PARAPHRASES + loose,
                "/p5")  # fmt: skip
    every = [r for s in sample_store.sentences_of(other) for r in sample_store.crossrefs_of(s.id)]
    assert any(r.possible for r in every)
    assert all(r.score >= 95 for r in every if r.strong)
    assert all(r.score >= 95 for r in strong_suggestions(every))
    for r in every:
        if r.possible:
            for fmt in ("md", "html"):
                report = render(sample_store.report(other), fmt)
                assert "Strong suggestions" not in report or r.text not in report.split(
                    "Strong suggestions")[1][:2000]  # fmt: skip


def test_reimporting_the_same_content_does_not_match_it_with_itself(sample_store, settings):
    again = import_source(sample_store, str(SAMPLE), settings)
    assert again.status == "same"
    assert all(s.xref_count == 0 for s in sample_store.sentences_of(1))


def test_deleted_articles_are_not_matched(sample_store: Store, settings: Settings) -> None:
    sample_store.delete_article(1)
    other = add(sample_store, settings, PARAPHRASES, "/tmp/p3.txt")
    assert refs(sample_store, other, 1) == []


@pytest.mark.parametrize(
    "text",
    ['"', 'AND OR NOT', "NEAR(a b)", "*", "^start", "-x", "(((", "a:b", "", "the of and",
     "col:val NEAR/2", "\x00\x1b[31m", "日本語の文", "هذه جملة"],
)  # fmt: skip
def test_no_input_can_break_the_query(sample_store: Store, text: str) -> None:
    sample_store.claim_pool(text)
    rank_claims(sample_store, text)


def test_accents_and_unicode(store: Store, settings: Settings) -> None:
    fr = "Le président français a annoncé le retrait des troupes de Syrie cette semaine.\n"
    add(store, settings, fr, "/fr1.txt")
    b = add(store, settings, fr.replace("é", "e").replace("ç", "c"), "/fr2.txt")
    (ref,) = refs(store, b, 1)
    assert ref.score >= 85  # diacritics don't keep a claim from its twin
    add(store, settings, "美国政府正在从叙利亚撤出近一千名士兵，华尔街日报报道说。\n", "/zh1.txt")
    zh = add(
        store, settings, "华尔街日报报道说，美国政府正从叙利亚撤出近一千名士兵。\n", "/zh2.txt"
    )
    (ref,) = refs(store, zh, 1)  # written without spaces, matched on pairs of characters
    assert ref.score >= MatchSettings().suggest


def test_normalisation() -> None:
    assert clean("#BlackLivesMatter @realDonaldTrump 1,000 https://t.co/x pic.twitter.com/y") == (
        "Black Lives Matter real Donald Trump 1000"
    )
    assert tokens("The troops are in Syria") == ["troops", "syria"]
    # split at apostrophes as the index splits them, contractions known for stop words
    assert tokens("Dorian’s winds didn’t reach O'Neill's U.S. home") == [
        "dorian", "winds", "reach", "neill", "u", "s", "home"
    ]  # fmt: skip
    # accents folded on Latin letters as the index folds them; other scripts keep their marks
    assert tokens("Le président français, Łódź") == ["le", "president", "francais", "łodz"]
    assert "ばっ" in tokens("がんばって")
    assert fts_query('say "NEAR" *') == '"say" OR "near"'
    assert fts_query("the and of") is None


def test_bm25_rescoring_counts_every_query_word_and_prefers_rare_ones() -> None:
    terms = Terms(["dolphin", "hurricane", "photo"], ["dolphin", "hurrican", "photo"], 1000,
                  {"dolphin": 3, "hurrican": 40, "photo": 300}, stemmer=stem_words)  # fmt: skip
    docs = [["photo", "storm"], ["dolphin", "storm"], ["dolphin", "hurrican"], ["cat"], []]
    photo, dolphin, both, none, empty = bm25(terms, docs)
    assert both > dolphin > photo > 0 and none == empty == 0
    # a longer document holding the same words counts for less
    short, long = bm25(terms, [["dolphin"], ["dolphin", "a", "b", "c", "d", "e"]])
    assert short > long > 0
    assert bm25(terms, []) == []


def test_a_quote_finds_the_sentences_it_supports() -> None:
    sentences = [line for line in SAMPLE.read_text().splitlines() if line.strip()]
    (best, score), *_ = match_quote(sentences, "an orderly cessation and part of a transition")
    assert best == 2 and score > 80
    assert match_quote(sentences, "   ") == []


@pytest.mark.parametrize(
    "text",
    ["technology etymologies possibly forcibly ostensibly responsibly incredibly biology",
     "Dorian’s président Łódź Fußballspieler heißt Straßenmaß großartig weiß",
     "ΣΟΦΟΣ λόγος Москва жs 東京都 U.S. don't", None],
)  # fmt: skip
def test_each_word_has_the_index_s_own_stem(store: Store, text: str | None) -> None:
    """Document frequencies are looked up by stem: a sentence's stems, word by word, must
    be those the claim index holds for it (German ß, Greek final sigma, FTS5's Porter)."""
    text = text or SAMPLE.read_text()
    with store.conn:
        store.conn.execute("INSERT INTO claim_index (rowid, body) VALUES (1, ?)", [clean(text)])
    store.conn.execute("CREATE VIRTUAL TABLE temp.inst USING fts5vocab(main, claim_index, "
                       "'instance')")  # fmt: skip
    indexed = {t for (t,) in store.conn.execute("SELECT term FROM temp.inst WHERE doc = 1")}
    ours = stem_words(tokens(text))
    assert ours and set(ours) <= indexed, sorted(set(ours) - indexed)
    vocab = claims.vocabulary(store.conn, "now", None)
    found = claims.terms(store.conn, text, vocab)
    assert {s: found.df[s] for s in set(ours)} == dict.fromkeys(set(ours), 1)  # found, every one


def letters(n: int) -> str:
    """A made-up word for the number n: distinct words, letters only."""
    out = ""
    for _ in range(5):
        n, r = divmod(n, 26)
        out += "abcdefghijklmnopqrstuvwxyz"[r]
    return "zq" + out


def test_the_stemmer_answers_every_word_of_a_batch_past_its_memory() -> None:
    """300,000 distinct words: the remembered stems are dropped past 200,000, never an answer."""
    stemmer = IndexStemmer()
    first = [letters(i) for i in range(150_000)]
    assert stemmer(first) == first  # made-up words are their own stems
    both = first[-1000:] + [letters(i) for i in range(150_000, 300_000)]
    assert stemmer(both) == both  # the memory is full mid-batch: every word still answered
    assert stemmer(["technology", first[0]]) == ["technolog", first[0]]


def test_an_import_cut_short_leaves_nothing_unindexed(db_path, settings: Settings) -> None:
    store = Store(db_path)
    text = "Officials said the army left the northern base on Monday night.\n"
    stored = store.import_article(Document("A", text, "/a.txt"), segment(text))  # cut short:
    ids = [s.id for s in store.sentences_of(stored.article.id)]  # stored, never matched
    assert store.unmatched(stored.article.id)
    store.close()
    store = Store(db_path)  # the next open indexes it
    indexed = {r for (r,) in store.conn.execute("SELECT id FROM claim_index_docsize")}
    assert {2 * i for i in ids} <= indexed
    again = import_document(store, Document("A", text, "/a.txt"), settings)
    assert again.status == "same" and not store.unmatched(stored.article.id)  # matched now
    store.close()


def test_what_an_older_import_left_unindexed_is_indexed_on_open(db_path, settings) -> None:
    store = Store(db_path)
    aid = import_document(store, Document("A", PARAPHRASES, "/p.txt"), settings).article.id
    first = store.sentence_at(aid, 1).id
    with store.conn:  # the index is contentless: a row goes given the words it holds
        store.conn.execute(
            "INSERT INTO claim_index (claim_index, rowid, body) VALUES ('delete', ?, ?)",
            [2 * first, clean(store.sentence(first).text)],
        )
    store.close()
    store = Store(db_path)
    indexed = {r for (r,) in store.conn.execute("SELECT id FROM claim_index_docsize")}
    assert 2 * first in indexed
    store.close()


def index_state(store: Store) -> tuple[list, list]:
    """What the claim index holds: its rows, and each term's documents and occurrences."""
    rows = store.conn.execute("SELECT id FROM claim_index_docsize ORDER BY id").fetchall()
    terms = store.conn.execute("SELECT term, doc, cnt FROM claim_vocab ORDER BY term").fetchall()
    return rows, terms


def test_the_index_follows_every_edit_and_its_undoing(db_path, settings: Settings) -> None:
    """The index keeps no copy of the text: a sentence must leave it with the words it was
    given.  After joins, splits, a re-import and their undoing, it holds what an index built
    afresh holds."""
    store = Store(db_path)
    aid = add(store, settings, "One. Two words here. Three more words.\n\nA last one.\n", "/e.txt")
    add(store, settings, PARAPHRASES, "/p.txt")
    first = store.sentence_at(aid, 1).id
    store.join_sentences(first)
    store.split_sentence(store.sentence_at(aid, 2).id, len("Three more"))
    store.undo(aid)
    edited = "One. Two new words here. Three more words.\n\nA last one, changed.\n"
    import_document(store, Document("/e.txt", edited, "/e.txt"), settings)
    store.undo(aid)
    store.redo(aid)
    store.join_sentences(store.sentence_at(aid, 2).id)
    kept = index_state(store)
    store.reindex_claims()
    assert index_state(store) == kept
    assert len(kept[0]) == store.conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0]
    store.close()


def test_the_probability_lies_in_0_1_and_rises_with_the_evidence(store: Store) -> None:
    from workbench.factchecks import import_fact_checks
    from workbench.matching import rank_claims

    query = "The central bank raised its main interest rate by half a point on Thursday."
    claims = [
        "Floods in the south of the country forced 20,000 people from their homes.",
        "The central bank held a meeting on Thursday.",
        "The central bank raised interest rates on Thursday.",
        "On Thursday the central bank lifted its main rate by half a point.",
        query,
    ]
    rows = [{"claim": c, "title": "", "rating": "", "url": f"https://c.example/{i}",
             "publisher": "", "date": ""} for i, c in enumerate(claims)]  # fmt: skip
    import_fact_checks(store, rows)
    by_claim = {hit.text: hit.probability for hit in rank_claims(store, query)}
    found = [by_claim.get(c, 0.0) for c in claims]
    assert all(0.0 <= p <= 1.0 for p in found)
    assert found == sorted(found) and found[0] < 0.05 < found[-1]


def test_paraphrases_are_suggested_and_generic_sentences_are_not(store, settings) -> None:
    """The pairs of bench/data: each paraphrase with its original, generic sentences in
    paragraphs about different stories with nothing."""
    import csv

    from tests.conftest import REPO

    def pairs(name: str) -> list[tuple[str, str]]:
        with (REPO / "bench" / "data" / name).open(encoding="utf-8", newline="") as f:
            return [(a, b) for a, b in list(csv.reader(f, delimiter="\t"))[1:]]

    import_source(store, str(SAMPLE), settings)  # something else stored besides
    originals, paraphrases = zip(*pairs("paraphrases.tsv"), strict=True)
    a = add(store, settings, "\n\n".join(originals), "/originals.txt")
    b = add(store, settings, "\n\n".join(paraphrases), "/paraphrases.txt")
    for position in range(1, len(originals) + 1):
        (ref,) = [r for r in refs(store, b, position) if r.kind == "sentence"]
        assert (ref.target_article_id, ref.target_position) == (a, position)
    generic = pairs("generic.tsv")
    stories = originals[:10], originals[10:20]
    one = "\n\n".join(f"{s} {g}" for s, (g, _) in zip(stories[0], generic, strict=True))
    two = "\n\n".join(f"{s} {g}" for s, (_, g) in zip(stories[1], generic, strict=True))
    x = add(store, settings, one, "/generic-1.txt")
    y = add(store, settings, two, "/generic-2.txt")
    for position in range(2, 21, 2):  # each paragraph: a story's sentence, then a generic one
        assert [r for r in refs(store, y, position) if r.target_article_id == x] == []


def test_a_reimported_article_finds_fact_checks_and_other_articles_not_itself(
    store: Store, settings: Settings
) -> None:
    """Its own sentences are left out of a re-import's matching; a fact-check whose id is
    one of theirs is not (the index keeps both kinds, told apart by the row id's parity)."""
    from workbench.factchecks import import_fact_checks

    claim = "The central bank raised its main interest rate by half a point on Thursday."
    text = f"{claim} Nobody expected it.\n\nThe markets fell at once."
    aid = add(store, settings, text, "/story.txt")
    ids = [s.id for s in store.sentences_of(aid)]
    import_fact_checks(store, [{"claim": claim, "title": "", "rating": "False",
                                "url": "https://c.example/1", "publisher": "", "date": ""}])  # fmt: skip
    (fid,) = [r[0] for r in store.conn.execute("SELECT id FROM fact_checks")]
    assert fid in ids
    other = add(store, settings, "Rates: " + claim, "/other.txt")
    add(store, settings, text.replace("at once", "at once, again"), "/story.txt")
    found = {(r.kind, r.target_article_id) for r in refs(store, aid, 1)}
    assert found == {("factcheck", None), ("sentence", other)}
