"""Sentence against sentence: false suggestions between unrelated articles, paraphrases found.

    python bench/news_pairs.py [--gum DIR]

Everything goes through the app's own import (``importer.import_document``:
segmenting, storing, matching against what is already stored) and is read
back as the screen lists it (``Store.crossrefs_of``), so what is counted is
what a reviewer would see.  Into one database, in this order:

1. the 58 documents of GUM news (``../shared/data/gum-news``: Wikinews
   articles and interviews, political speeches) on unrelated subjects: every
   suggestion between two of them is counted (a few may be true: read the
   list printed);
2. 25 news sentences and a paraphrase of each (bench/data/paraphrases.tsv),
   as two articles, one sentence to a paragraph: each paraphrase should be
   suggested for its original and for nothing else;
3. the bundled sample and a rewrite of its first 13 sentences
   (bench/data/sample-rewrite.txt);
4. ten generic sentences ("A spokesman declined to comment on the report.")
   and a near copy of each about something else (bench/data/generic.tsv),
   each in a paragraph about a different story: none should be suggested.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.config import Settings
from workbench.importer import import_document, import_sample
from workbench.model import Document
from workbench.store import Store

HERE = Path(__file__).resolve().parent
GUM = HERE.parent.parent / "shared" / "data" / "gum-news" / "docs"


def pairs_file(name: str) -> list[tuple[str, str]]:
    with (HERE / "data" / name).open(encoding="utf-8", newline="") as f:
        return [(a, b) for a, b in list(csv.reader(f, delimiter="\t"))[1:]]


def suggestions(store: Store, article_id: int, *, listed: bool = False) -> list[tuple[int, Any]]:
    """(position, match) of every sentence-to-sentence suggestion (≈ on the row) of an article;
    ``listed``: every match ``x`` lists, the possible ones too."""
    out = []
    for s in store.sentences_of(article_id):
        out += [(s.position, r) for r in store.crossrefs_of(s.id)
                if r.kind == "sentence" and (listed or not r.possible)]  # fmt: skip
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--gum", type=Path, default=GUM)
    args = ap.parse_args()
    settings = Settings(reviewer="bench")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "news.db", reviewer="bench")

        gum = []
        for path in sorted(args.gum.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            gum.append(
                import_document(store, Document(path.stem, text, str(path)), settings).article.id
            )
        gum_ids = set(gum)
        sentences = sum(store.article(a).counts.sentences for a in gum)
        between = [(a, p, r) for a in gum for p, r in suggestions(store, a)
                   if r.target_article_id in gum_ids and r.target_article_id > a]  # fmt: skip
        strong = [x for x in between if x[2].strong]
        possible = [(a, p, r) for a in gum for p, r in suggestions(store, a, listed=True)
                    if r.possible and r.target_article_id in gum_ids
                    and r.target_article_id > a]  # fmt: skip
        print(f"1. GUM news: {len(gum)} documents, {sentences} sentences")
        print(f"   suggestions between two of them: {len(between)} ({len(between) * 1000 / sentences:.1f}"
              f" per 1,000 sentences), strong: {len(strong)}; also listed as possible:"
              f" {len(possible)} ({len(possible) * 1000 / sentences:.1f} per 1,000)")  # fmt: skip
        titles = {a: store.article(a).title for a in gum}
        for a, p, r in sorted(between, key=lambda x: -x[2].score)[:8]:
            here = store.sentence_at(a, p).text
            print(f"   {r.score:5.1f}%  {titles[a]}:{p} {here[:60]!r}\n"
                  f"           {titles[r.target_article_id]}:{r.target_position} {r.text[:60]!r}")  # fmt: skip

        originals, paraphrases = zip(*pairs_file("paraphrases.tsv"), strict=True)
        a = import_document(store, Document("originals", "\n\n".join(originals), "originals"),
                            settings).article.id  # fmt: skip
        b = import_document(store, Document("paraphrases", "\n\n".join(paraphrases), "paraphrases"),
                            settings).article.id  # fmt: skip
        found = {
            (p, r.target_position) for p, r in suggestions(store, b) if r.target_article_id == a
        }
        right = sum((i, i) in found for i in range(1, len(originals) + 1))
        strong_right = len(
            {
                p
                for p, r in suggestions(store, b)
                if r.target_article_id == a and r.target_position == p and r.strong
            }
        )
        wrong = [
            x
            for x in suggestions(store, b)
            if x[1].target_article_id != a or x[1].target_position != x[0]
        ]
        print(f"2. paraphrases: {right} of {len(originals)} suggested for their original"
              f" ({strong_right} strong); {len(wrong)} other suggestions")  # fmt: skip
        for p, r in wrong[:5]:
            print(f"   {r.score:5.1f}%  {paraphrases[p - 1][:50]!r} -> {r.text[:50]!r}")

        sample = import_sample(store, settings).article.id
        rewrite_text = (HERE / "data" / "sample-rewrite.txt").read_text(encoding="utf-8")
        rewrite = import_document(
            store, Document("rewrite", rewrite_text, "rewrite"), settings
        ).article.id
        got = suggestions(store, rewrite)
        right = {p for p, r in got if r.target_article_id == sample and r.target_position == p}
        other = [
            (p, r) for p, r in got if not (r.target_article_id == sample and r.target_position == p)
        ]
        n = store.article(rewrite).counts.sentences
        print(f"3. the sample and its rewrite: {len(right)} of {n} sentences suggested with their"
              f" original; {len(other)} other suggestions")  # fmt: skip
        for p, r in other[:5]:
            print(
                f"   {r.score:5.1f}%  rewrite:{p} -> {r.source}:{r.target_position} {r.text[:50]!r}"
            )

        generic = pairs_file("generic.tsv")
        stories = originals[: len(generic)], originals[len(generic) : 2 * len(generic)]
        first = "\n\n".join(
            f"{story} {g}" for story, (g, _) in zip(stories[0], generic, strict=True)
        )
        second = "\n\n".join(
            f"{story} {g}" for story, (_, g) in zip(stories[1], generic, strict=True)
        )
        x = import_document(store, Document("generic one", first, "generic-1"), settings).article.id
        y = import_document(
            store, Document("generic two", second, "generic-2"), settings
        ).article.id
        # each paragraph is a story's sentence, then a generic one: those are the even positions
        alike = [
            r
            for p, r in suggestions(store, y)
            if r.target_article_id == x and p % 2 == 0 and r.target_position % 2 == 0
        ]
        maybe = [
            r
            for p, r in suggestions(store, y, listed=True)
            if r.possible and r.target_article_id == x and p % 2 == 0
            and r.target_position % 2 == 0
        ]  # fmt: skip
        print(f"4. generic sentences about different stories: {len(alike)} suggestions between"
              f" the {len(generic)} and their near copies ({len(maybe)} listed as possible)")  # fmt: skip
        for r in alike[:5]:
            print(f"   {r.score:5.1f}%  {r.text[:70]!r}")
        store.close()


if __name__ == "__main__":
    main()
