"""Cross-referencing at scale: 100 new sentences against N stored claims (target: 0.5 s at 100k).

The stored claims are generated news-like sentences (fixed seed), imported as
fact-checks through the production import and index; the 100 sentences are an
article imported and matched through the production path.  Building the
corpus is timed apart from matching.  Matching runs ``--runs`` times, each in a
fresh process on a copy of the corpus (so nothing is remembered from a run
before): the best and the median, in wall and in CPU time (on a shared machine
the best says most).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.articles import sentences
from workbench.factchecks import CHUNK, import_fact_checks, settle_index
from workbench.matching import match_article
from workbench.model import Document
from workbench.segment import segment
from workbench.store import Store
from workbench.xref import MatchSettings

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "checkthat2020"


def vocabulary(path: Path) -> tuple[list[str], list[int]]:
    """Words and their frequencies in real claims (the CheckThat! verified claims)."""
    counts: Counter[str] = Counter()
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t"):
            counts.update(w.strip(".,;:!?\"'()").lower() for w in " ".join(row[1:]).split())
    counts.pop("", None)
    words = [w for w, _ in counts.most_common()]
    return words, [counts[w] for w in words]


def corpus(n: int, vclaims: Path, seed: int = 11) -> list[dict[str, str]]:
    """Claims of 8-25 words drawn with real claims' word frequencies (a Zipf-like mix)."""
    rng = random.Random(seed)
    words, weights = vocabulary(vclaims)
    cum = list(itertools.accumulate(weights))
    rows = []
    for i in range(n):
        claim = " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(8, 25)))
        title = " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(4, 10)))
        rows.append({"claim": claim.capitalize() + ".", "title": title.capitalize(), "rating": "False",
                     "url": f"https://checks.example/{i}", "publisher": "Desk", "date": "2026"})  # fmt: skip
    return rows


def match_once(db: Path) -> None:
    """One run, in a process of its own (nothing remembered from another run): the
    article imported into a copy of the corpus, then matched; prints the times as JSON."""
    text = "\n".join(sentences(100, seed=99))
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "run.db"
        shutil.copy(db, copy)
        store = Store(copy, reviewer="bench")
        article = store.import_article(Document("new", text, "new"), segment(text)).article
        t0, c0 = time.perf_counter(), time.process_time()
        pairs = match_article(store, article.id, MatchSettings())
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        store.close()
    print(json.dumps({"wall": wall, "cpu": cpu, "pairs": pairs}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--runs", type=int, default=5, help="matching runs per size (best, median)")
    ap.add_argument("--vclaims", type=Path, default=DATA / "verified_claims.tsv")
    ap.add_argument("--match-once", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.match_once:
        match_once(args.match_once)
        return
    print(f"{'stored claims':>14}{'build s':>9}{'match s best':>14}{'median':>8}"
          f"{'cpu s best':>12}{'median':>8}{'ms/sentence':>13}{'pairs':>7}")  # fmt: skip
    previous = None
    for n in [int(x) for x in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "scale.db"
            store = Store(db, reviewer="bench")
            t0 = time.perf_counter()
            rows = corpus(n, args.vclaims)
            added = 0
            for start in range(0, n, CHUNK):  # as `workbench checks import` stores them
                added += len(import_fact_checks(store, rows[start : start + CHUNK]))
            settle_index(store, added)  # and then merges the index, as it does
            build = time.perf_counter() - t0
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # one file to copy
            store.close()
            runs = [
                json.loads(subprocess.run(
                    [sys.executable, __file__, "--match-once", str(db)],
                    check=True, capture_output=True, text=True,
                ).stdout)
                for _ in range(args.runs)
            ]  # fmt: skip
        walls, cpus = [r["wall"] for r in runs], [r["cpu"] for r in runs]
        match = min(walls)
        growth = f"  x{match / previous:.1f}" if previous else ""
        previous = match
        print(f"{n:>14}{build:>9.1f}{match:>14.3f}{statistics.median(walls):>8.3f}"
              f"{min(cpus):>12.3f}{statistics.median(cpus):>8.3f}{match * 1000 / 100:>13.1f}"
              f"{runs[0]['pairs']:>7}{growth}")  # fmt: skip


if __name__ == "__main__":
    main()
