"""The CLEF CheckThat! 2020 claim-retrieval set, read from ../shared/data by path.

Shared by bench/fit_match.py and bench/claim_retrieval.py: reading the files,
loading the verified claims as known fact-checks through the production
import, and the measures (MAP@k, Recall@k, precision).
"""

from __future__ import annotations

import csv
import random
import statistics
from collections.abc import Sequence
from pathlib import Path

from workbench.factchecks import import_fact_checks
from workbench.store import Store

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "checkthat2020"
csv.field_size_limit(10_000_000)


def read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    return rows[1:]


def split(name: str) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    """(tweet id, text) of a split's queries, and its gold pairs (tweet id -> vclaim ids)."""
    return queries(DATA / name / "tweets.queries.tsv"), qrels(
        DATA / name / "tweet-vclaim-pairs.qrels"
    )


def queries(path: Path) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in read_tsv(path) if len(r) >= 2]


def qrels(path: Path) -> dict[str, set[str]]:
    gold: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3:
            gold.setdefault(parts[0], set()).add(parts[2])
    return gold


def load(
    store: Store, vclaims: Path = DATA / "verified_claims.tsv", seed: int = 2020
) -> dict[int, str]:
    """Import the verified claims as known fact-checks, in shuffled order (the file's order
    would break ties in favour of the gold claims, see the data's README); returns
    fact-check id -> vclaim id."""
    rows = read_tsv(vclaims)
    random.Random(seed).shuffle(rows)
    checks = [
        {"claim": r[1], "title": r[2] if len(r) > 2 else "", "rating": "", "url": f"https://vclaims.example/{r[0]}",
         "publisher": "", "date": ""}
        for r in rows
    ]  # fmt: skip
    import_fact_checks(store, checks)  # stored and indexed
    return {f.id: f.url.rsplit("/", 1)[1] for f in store.fact_checks()}


def average_precision(ranked: Sequence[str], gold: set[str], k: int) -> float:
    hits, total = 0, 0.0
    for i, item in enumerate(ranked[:k], 1):
        if item in gold:
            hits += 1
            total += hits / i
    return total / min(len(gold), k) if gold else 0.0


def evaluate(rankings: dict[str, list[str]], gold: dict[str, set[str]]) -> dict[str, float]:
    """MAP@1, MAP@5, Recall@5 over every query of ``gold`` (no list counts as an empty one)."""
    ids = list(gold)
    return {
        "MAP@1": statistics.mean(average_precision(rankings.get(q, []), gold[q], 1) for q in ids),
        "MAP@5": statistics.mean(average_precision(rankings.get(q, []), gold[q], 5) for q in ids),
        "Recall@5": statistics.mean(
            len(set(rankings.get(q, [])[:5]) & gold[q]) / len(gold[q]) for q in ids
        ),
    }
