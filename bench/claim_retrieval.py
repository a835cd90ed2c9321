"""Claim retrieval on CLEF CheckThat! 2020, measured on the list a reviewer is shown.

    python bench/claim_retrieval.py [--split dev|train] [--vclaims F --queries F --qrels F]

The verified claims are imported as known fact-checks (``factchecks`` and
``Store.add_fact_checks``, as ``workbench checks import`` does), shuffled so
that the file's order can't break ties (see the data's README).  Then each
tweet is imported as an article of its own through the app's import
(``importer.import_document``: segmenting, storing, matching), and its list
is read back as the screen and ``workbench xref --json`` show it: the stored
matches of its sentences (``Store.crossrefs_of``: suggested and possible, as
``x`` lists them), one entry per claim (its best probability), most likely
first.  That list is scored (MAP@1, MAP@5, Recall@5, precision of what is
listed, of the suggestions, which mark the sentence, and of the strong ones),
and the suggestions alone likewise, beside two
rankings without any threshold: BM25 over the whole tweet (FTS5's narrowing
query, before any tweet is imported) and every candidate the app scores, by
probability, in the database as the tweet's import meets it.

A match with a claim whose words are those of the gold claim (the set holds
173 such pairs; the gold names one of each) is the same claim: precision
counts it right, and says how many of the right ones are such twins; MAP is
the official measure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.checkthat import DATA, evaluate, load, qrels, queries
from workbench.config import Settings
from workbench.importer import import_document
from workbench.matching import rank_sentences, settings_from
from workbench.model import Document
from workbench.segment import segment
from workbench.store import Store
from workbench.xref.match import MatchSettings
from workbench.xref.terms import tokens


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--vclaims", type=Path, default=DATA / "verified_claims.tsv")
    ap.add_argument("--queries", type=Path)
    ap.add_argument("--qrels", type=Path)
    args = ap.parse_args()
    tweets = queries(args.queries or DATA / args.split / "tweets.queries.tsv")
    gold = qrels(args.qrels or DATA / args.split / "tweet-vclaim-pairs.qrels")
    settings = Settings(reviewer="bench")
    thresholds = settings_from(settings)

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db", reviewer="bench")
        t0 = time.perf_counter()
        vclaim_of = load(store, args.vclaims)
        load_s = time.perf_counter() - t0
        words = {
            vclaim_of[f.id]: tuple(tokens(f"{f.claim} {f.title}")) for f in store.fact_checks()
        }

        bm25 = {tid: [vclaim_of[c.id] for c in store.claim_pool(text).candidates
                      if c.kind == "factcheck"] for tid, text in tweets}  # fmt: skip

        every: dict[str, list[str]] = {}
        likely: dict[str, dict[str, float]] = {}  # each claim's best probability, per tweet
        shown: dict[str, list[tuple[str, float, str]]] = {}
        times = []
        for tid, text in tweets:
            # Every candidate the app scores, by probability, no threshold: in the database
            # as the tweet's import meets it (the tweets imported before it are candidates
            # too, and take places in the pools, as other articles do in use).
            items = [(s.position, s.paragraph, s.text) for s in segment(text)]
            best: dict[str, float] = {}
            for _, hit in rank_sentences(store, items, MatchSettings(suggest=0.0, possible=0.0)):
                if hit.candidate.kind == "factcheck":
                    v = vclaim_of[hit.candidate.id]
                    best[v] = max(best.get(v, 0.0), hit.probability)
            every[tid] = sorted(best, key=lambda v: -best[v])
            likely[tid] = best
            t0 = time.perf_counter()
            imported = import_document(store, Document(f"tweet {tid}", text, f"tweet:{tid}"),
                                       settings)  # fmt: skip
            times.append(time.perf_counter() - t0)
            listed: dict[str, tuple[float, str]] = {}
            for s in store.sentences_of(imported.article.id):
                for ref in store.crossrefs_of(s.id):
                    if ref.kind == "factcheck":
                        v = vclaim_of[ref.target_id]
                        level = "possible" if ref.possible else "strong" if ref.strong else ""
                        if v not in listed or ref.score > listed[v][0]:
                            listed[v] = (ref.score, level)
            shown[tid] = sorted(((v, p, level) for v, (p, level) in listed.items()),
                                key=lambda x: -x[1])  # fmt: skip
        store.close()

    print(f"{len(tweets)} tweets ({args.split}) against {len(vclaim_of)} verified claims "
          f"(imported and indexed in {load_s:.1f} s)")  # fmt: skip
    print(f"{'list':<46}{'MAP@1':>7}{'MAP@5':>7}{'R@5':>7}")
    for label, ranked in (
        ("BM25, whole tweet (FTS5's narrowing query)", bm25),
        ("every candidate the app scores, by probability", every),
        (
            "as shown: the list of x (from possible)",
            {t: [v for v, _, _ in r] for t, r in shown.items()},
        ),
        (
            "the suggestions alone (≈, from suggest)",
            {t: [v for v, _, level in r if level != "possible"] for t, r in shown.items()},
        ),
    ):
        m = evaluate(ranked, gold)
        print(f"{label:<46}{m['MAP@1']:>7.3f}{m['MAP@5']:>7.3f}{m['Recall@5']:>7.3f}")
    print("every candidate scored, cut at a threshold (what the list of x would be):")
    for floor in (0.01, 0.02, 0.03, 0.04, 0.05, 0.1, 0.19):
        cut = {t: [v for v in every[t] if likely[t][v] >= floor] for t in every}
        m = evaluate(cut, gold)
        print(f"  p >= {100 * floor:>2.0f}%: MAP@5 {m['MAP@5']:.3f}, Recall@5 {m['Recall@5']:.3f},"
              f" {sum(map(len, cut.values())) / len(cut):.2f} listed per tweet")  # fmt: skip
    total = sum(len(g) for g in gold.values())
    for label, floor, levels in (
        ("listed", thresholds.possible, ("possible", "", "strong")),
        ("suggestions", thresholds.suggest, ("", "strong")),
        ("strong", thresholds.strong, ("strong",)),
    ):
        rows = [(t, v) for t, r in shown.items() for v, _, level in r if level in levels]
        right = [(t, v) for t, v in rows if v in gold.get(t, ())]
        twins = [(t, v) for t, v in rows if v not in gold.get(t, ())
                 and words[v] in {words[g] for g in gold.get(t, ())}]  # fmt: skip
        n = len(rows)
        print(f"{label} (p >= {100 * floor:.0f}%): {n} shown, {n / len(tweets):.2f} per tweet;"
              f" precision {(len(right) + len(twins)) / n if n else 1:.3f}"
              f" ({len(twins)} of the right ones are a gold claim's identical twin; gold claim"
              f" only {len(right) / n if n else 1:.3f}), recall {len(right) / total:.3f}")  # fmt: skip
    none = sum(1 for t in gold if not shown.get(t))
    unmarked = sum(1 for t in gold if all(level == "possible" for _, _, level in shown.get(t, ())))
    print(f"tweets with nothing listed: {none} of {len(gold)}; nothing suggested: {unmarked}")
    print(f"time per tweet imported (segment, store, match, keep): median "
          f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
