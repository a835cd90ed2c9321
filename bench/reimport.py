"""Re-importing an edited file whose sentences the reviewer has joined and split.

The path a user runs (``workbench import FILE`` again, ``import_source``): the file read
and segmented, the stored sentences compared with the segmenter's to find the reviewer's
joins and splits, these carried into the new text where it is unchanged, old and new
sentences aligned, the rows written as one undo step, then the article matched again.
Before it, one sentence in 20 has been split and one in 20 joined with the next (in
``bench/articles.py``'s generated articles, which repeat many sentences: the worst case
for pairing by text), each reviewed; the edit adds a paragraph at the top and changes a
word in one paragraph in 25 (a cut there is in edited text: the segmenter's cuts stand).

Printed for each size: the CPU time of the store's part (segmenting, the cuts, the
alignment, the writes) and of the whole command, the matching included; the reviewer's
cuts kept against those made; the reviews kept against those made.  Timings are printed,
never asserted.  Sizes: 1,000 and 10,000 sentences by default (``--sentences``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.articles import article
from bench.cpu_timed import cpu_timed
from workbench.config import Settings
from workbench.importer import import_source
from workbench.model import Verdict
from workbench.segment import segment
from workbench.store import Store


def edited(text: str) -> str:
    """A paragraph added at the top; a word changed in one paragraph in 25."""
    changed = [
        paragraph.replace(" the ", " THE ", 1) if n % 25 == 0 else paragraph
        for n, paragraph in enumerate(text.split("\n\n"), 1)
    ]
    return "A new first paragraph was added.\n\n" + "\n\n".join(changed)


def run(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "story.txt"
        text = article(n)
        path.write_text(text, encoding="utf-8")
        store, settings = Store(Path(tmp) / "w.db", reviewer="bench"), Settings()
        aid = import_source(store, str(path), settings).article.id
        cuts = 0
        for position in range(n - 2, 1, -20):  # from the end: the positions before stay put
            s = store.sentence_at(aid, position)
            if " " not in s.text.strip():
                continue
            if cuts % 2 and s.paragraph == store.sentence_at(aid, position + 1).paragraph:
                store.set_verdict(s.id, Verdict.OPINION)
                store.join_sentences(s.id)
            else:
                first, second = store.split_sentence(s.id, s.text.index(" ", len(s.text) // 2))
                store.set_verdict(first, Verdict.VERIFIED)
                store.set_verdict(second, Verdict.DISPUTED)
            cuts += 1
        # the sentences the cuts made (joined ones, split parts), counted with repeats
        cut_texts = Counter(s.text for s in store.sentences_of(aid)) - Counter(
            s.text for s in segment(text)
        )
        reviews = sum(s.verdict is not None for s in store.sentences_of(aid))

        path.write_text(edited(text), encoding="utf-8")
        store_part = _timed_store(store)
        t0 = time.process_time()
        result = import_source(store, str(path), settings)
        whole = time.process_time() - t0
        after = store.sentences_of(aid)
        kept = (cut_texts & Counter(s.text for s in after)).total()
        store.close()
        return {
            "sentences": len(after),
            "store": store_part[0],
            "whole": whole,
            "cuts": cuts,
            "cut texts": cut_texts.total(),
            "cut texts kept": kept,
            "reviews": reviews,
            "reviews kept": sum(s.verdict is not None for s in after),
            "gone": result.gone,
        }


def _timed_store(store: Store) -> list[float]:
    """Time the store's part of the next import (``Store.import_article``) into a list."""
    store.import_article, spent = cpu_timed(store.import_article)  # type: ignore[method-assign]
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    print("| sentences | store's part, CPU s | whole import, CPU s | cuts kept | reviews kept |")
    print("|---|---|---|---|---|")
    for n in args.sentences:
        r = run(n)
        print(
            f"| {n:,} | {r['store']:.2f} | {r['whole']:.2f} "
            f"| {r['cut texts kept']} of {r['cut texts']} sentences ({r['cuts']} cuts) "
            f"| {r['reviews kept']} of {r['reviews']} ({r['gone']} gone) |"
        )


if __name__ == "__main__":
    main()
