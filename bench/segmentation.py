"""Splitting sentences: errors against gold boundaries, the golden rules, and speed.

Every sentence of an article becomes a claim row, so a wrong split costs the
reviewer a join or a split.  Measured for the app's ``segment()`` beside plain
``sentencex`` (whose cut points it starts from) and ``pysbd`` (a rule-based
segmenter, the usual reference):

- **GUM news** (``../shared/data/gum-news/``, read by path, nothing copied): 58
  Wikinews articles, interviews and political speeches with gold sentence
  boundaries (the development set).  Each predicted boundary (where a sentence
  after the first begins, past its leading spaces) is compared with gold.  One
  that differs from gold only by quote marks or spaces (the quote left on the
  wrong side) is *misplaced*; a gold boundary with no prediction is *missed*; a
  prediction with no gold boundary is *spurious*.  Errors are per 1,000 gold
  boundaries (one boundary per sentence after a document's first), over all
  of them and over the *punctuated* ones: those that follow end punctuation or
  a quote mark, past a closing round bracket ("(It was late.) Then"); a
  spurious boundary counts there when it follows one too.  GUM also splits at
  some semicolons, colons and unpunctuated lines (titles, dates, captions),
  which no segmenter here tries.
- **The English golden rules** (``../shared/data/golden-rules/``): the 48 cases
  of pySBD's test list, and apart the 4 it leaves out, compared with whitespace
  normalised (rule 41's expected output drops a newline).
- **Speed**: MB of text per second of CPU (``time.process_time``), best of
  --runs taken in turn, for the whole ``segment()`` (paragraphs, cut points,
  corrections, normalised keys, Segment objects), for sentencex alone (its
  ``get_sentence_boundaries`` and its ``segment``) and for pysbd (one run), on
  the GUM documents and on 1 MB of ``bench/articles.py``'s news-like text.
  Timings are printed, never asserted.

``--rules`` turns each of the segmenter's rules off in turn and prints the GUM
errors it removes and adds and the golden rules that need it; ``--errors NAME``
lists the GUM errors of one segmenter (workbench, sentencex, pysbd) in context;
``--golden`` prints every golden rule's result.  pysbd is optional
(``pip install '.[bench]'``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sentencex import get_sentence_boundaries
from sentencex import segment as sentencex_segment

from bench.articles import article_of_size
from workbench.segment import ALL_RULES, RULES, segment

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
GUM = DATA / "gum-news"
GOLDEN = DATA / "golden-rules" / "golden_en.json"

QUOTES = "\"'“”‘’«»„‚‹›`"
END = ".!?…" + QUOTES

Spans = list[tuple[int, int]]


def workbench_spans(text: str) -> Spans:
    return [(s.start, s.end) for s in segment(text)]


def sentencex_spans(text: str) -> Spans:
    return [
        (b["start_index"], b["end_index"])
        for b in get_sentence_boundaries("en", text)
        if not b["is_paragraph_break"]
    ]


def pysbd_splitter() -> Callable[[str], Spans] | None:
    try:
        import pysbd
    except ImportError:
        return None
    seg = pysbd.Segmenter(language="en", clean=False)

    def spans(text: str) -> Spans:
        out, pos = [], 0
        for s in seg.segment(text):
            s = s.strip()
            if not s:
                continue
            start = text.find(s, pos)
            if start < 0:  # pysbd changed the text: locate it loosely
                start = pos
            out.append((start, start + len(s)))
            pos = start + len(s)
        return out

    return spans


def splitters() -> dict[str, Callable[[str], Spans]]:
    out = {"workbench": workbench_spans, "sentencex": sentencex_spans}
    pysbd_spans = pysbd_splitter()
    if pysbd_spans is not None:
        out["pysbd"] = pysbd_spans
    return out


def starts(text: str, spans: Spans) -> list[int]:
    """Where each sentence after the first begins, past leading spaces."""
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        if a < b:
            out.append(a)
    return out[1:]


def punctuated(text: str, pos: int) -> bool:
    """Does the boundary at ``pos`` follow end punctuation or a quote mark (past any
    closing round bracket: "(It was late.)")?"""
    before = text[max(0, pos - 20) : pos].rstrip().rstrip(")")
    return bool(before) and before[-1] in END


def only_quotes(s: str) -> bool:
    return all(c.isspace() or c in QUOTES for c in s)


def score(text: str, gold: list[int], pred: list[int]) -> dict[str, list[int]]:
    """Gold and predicted boundaries sorted into missed, misplaced and spurious."""
    g_rest = sorted(set(gold) - set(pred))
    p_rest = sorted(set(pred) - set(gold))
    misplaced, used = [], set()
    for g in g_rest:
        for p in p_rest:
            if p not in used and only_quotes(text[min(g, p) : max(g, p)]):
                misplaced.append(g)
                used.add(p)
                break
    return {
        "missed": [g for g in g_rest if g not in misplaced],
        "misplaced": misplaced,
        "spurious": [p for p in p_rest if p not in used],
    }


def gum_documents() -> list[tuple[str, str, list[int]]]:
    gold = json.loads((GUM / "gold.json").read_text(encoding="utf-8"))
    return [
        (name, (GUM / "docs" / f"{name}.txt").read_text(encoding="utf-8"), doc["boundaries"])
        for name, doc in sorted(gold.items())
    ]


def gum_scores(split: Callable[[str], Spans], docs) -> dict[str, object]:
    kinds = ("missed", "misplaced", "spurious")
    total = {"all": dict.fromkeys(kinds, 0), "punctuated": dict.fromkeys(kinds, 0)}
    n_all = n_punct = 0
    errors = []
    for name, text, gold in docs:
        result = score(text, gold, starts(text, split(text)))
        n_all += len(gold)
        n_punct += sum(punctuated(text, g) for g in gold)
        for kind in kinds:
            for pos in result[kind]:
                total["all"][kind] += 1
                if punctuated(text, pos):
                    total["punctuated"][kind] += 1
                errors.append((name, kind, pos, text))
    return {"total": total, "n_all": n_all, "n_punct": n_punct, "errors": errors}


def normalised(sentences) -> list[str]:
    return [" ".join(s.split()) for s in sentences if s.strip()]


def golden_results(split: Callable[[str], Spans], rules) -> list[bool]:
    return [
        normalised(r["text"][a:b] for a, b in split(r["text"])) == normalised(r["expected"])
        for r in rules
    ]


def mb_per_cpu_second(
    fns: dict[str, Callable[[str], object]], texts: list[str], runs: int
) -> dict[str, float]:
    """Each function over all ``texts``, ``runs`` times in turn (so that a busy spell
    of the machine falls on all of them); the best run of each, in MB per CPU second."""
    size = sum(len(t.encode()) for t in texts) / 1e6
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(runs):
        for name, fn in fns.items():
            t0 = time.process_time()
            for t in texts:
                fn(t)
            best[name] = min(best[name], time.process_time() - t0)
    return {name: size / t for name, t in best.items()}


def error_set(split: Callable[[str], Spans], docs) -> set[tuple[str, str, int, bool]]:
    return {
        (name, kind, pos, punctuated(text, pos))
        for name, kind, pos, text in gum_scores(split, docs)["errors"]
    }


def print_rules(docs, rules) -> None:
    """Each rule of the segmenter turned off alone: the GUM errors it removes and
    adds, and the golden rules it decides."""
    print(
        "\nEach rule turned off alone (GUM: errors the rule removes / adds, punctuated and all)\n"
    )
    print(
        "| rule | what it does | GUM punctuated: fixes / breaks | GUM all: fixes / breaks | golden rules that need it |"
    )
    print("|---|---|---:|---:|---|")
    base = error_set(workbench_spans, docs)
    base_golden = golden_results(workbench_spans, rules)
    for rule, doc in RULES.items():
        others = ALL_RULES - {rule}

        def split(text: str, others=others) -> Spans:
            return [(s.start, s.end) for s in segment(text, rules=others)]

        without = error_set(split, docs)
        fixes, breaks = without - base, base - without
        golden = golden_results(split, rules)
        needs = [r["id"] for r, a, b in zip(rules, base_golden, golden, strict=True) if a and not b]
        hurts = [r["id"] for r, a, b in zip(rules, base_golden, golden, strict=True) if b and not a]
        p_fix, p_break = sum(e[3] for e in fixes), sum(e[3] for e in breaks)
        gold = ", ".join(map(str, needs)) or "none"
        if hurts:
            gold += f" (and fails {', '.join(map(str, hurts))})"
        print(f"| {rule} | {doc} | {p_fix} / {p_break} | {len(fixes)} / {len(breaks)} | {gold} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=9, help="timing runs (best is kept)")
    ap.add_argument("--errors", metavar="NAME", help="list the GUM errors of one segmenter")
    ap.add_argument("--golden", action="store_true", help="print every golden rule's result")
    ap.add_argument(
        "--rules",
        action="store_true",
        help="what each correction rule changes (turned off one by one)",
    )
    args = ap.parse_args()
    split = splitters()
    if "pysbd" not in split:
        print("pysbd is not installed: its columns are left out (pip install pysbd)\n")
    docs = gum_documents()
    rules = json.loads(GOLDEN.read_text(encoding="utf-8"))

    if args.errors:
        for name, kind, pos, text in gum_scores(split[args.errors], docs)["errors"]:
            mark = "P" if punctuated(text, pos) else " "
            context = (text[max(0, pos - 70) : pos] + " | " + text[pos : pos + 50]).replace(
                "\n", "⏎"
            )
            print(f"{kind:9} {mark} {name:32} {context}")
        return

    n_sent = sum(len(g) + 1 for _, _, g in docs)
    print(f"GUM news: {len(docs)} documents, {n_sent:,} sentences", end="")
    scores = {name: gum_scores(fn, docs) for name, fn in split.items()}
    any_score = next(iter(scores.values()))
    print(f", {any_score['n_all']:,} boundaries ({any_score['n_punct']:,} punctuated)\n")
    print("errors per 1,000 gold boundaries (counts in brackets)\n")
    print("| segmenter | scope | missed | misplaced | spurious | **total** |")
    print("|---|---|---:|---:|---:|---:|")
    for name, s in scores.items():
        for scope, n in (("punctuated", s["n_punct"]), ("all", s["n_all"])):
            t = s["total"][scope]
            cells = [f"{1000 * t[k] / n:.1f} ({t[k]})" for k in ("missed", "misplaced", "spurious")]
            total = sum(t.values())
            print(
                f"| {name} | {scope} | {' | '.join(cells)} | **{1000 * total / n:.1f}** ({total}) |"
            )

    print("\nGolden rules (whitespace normalised)\n")
    print("| segmenter | pySBD's 48 | the 4 left out (40, 41, 42, 52) |")
    print("|---|---:|---:|")
    in48 = [r for r in rules if r["in_pysbd48"]]
    rest = [r for r in rules if not r["in_pysbd48"]]
    results = {}
    for name, fn in split.items():
        results[name] = golden_results(fn, rules)
        a = sum(golden_results(fn, in48))
        b = golden_results(fn, rest)
        passed = ", ".join(str(r["id"]) for r, ok in zip(rest, b, strict=True) if ok) or "none"
        failed48 = [r["id"] for r, ok in zip(in48, golden_results(fn, in48), strict=True) if not ok]
        print(
            f"| {name} | {a} of {len(in48)} (fails {failed48 or 'none'}) | {sum(b)} of {len(rest)} ({passed}) |"
        )
    if args.golden:
        print()
        for i, r in enumerate(rules):
            flags = " ".join(f"{name}:{'ok' if results[name][i] else '--'}" for name in split)
            print(f"{r['id']:3} {flags}  {r['name']}")

    if args.rules:
        print_rules(docs, rules)

    texts = [text for _, text, _ in docs]
    news = [article_of_size(1024 * 1024)]
    print(f"\nSpeed: MB per CPU second, best of {args.runs}\n")
    gum_mb = sum(len(t.encode()) for t in texts) / 1e6
    news_mb = len(news[0].encode()) / 1e6
    print(
        f"| segmenter | GUM news ({gum_mb:.2f} MB, {len(texts)} documents) "
        f"| news-like text ({news_mb:.2f} MB, one article) |"
    )
    print("|---|---:|---:|")
    timed = {
        "workbench (segment())": segment,
        "sentencex (get_sentence_boundaries)": lambda t: get_sentence_boundaries("en", t),
        "sentencex (segment)": lambda t: sentencex_segment("en", t),
    }
    gum = mb_per_cpu_second(timed, texts, args.runs)
    big = mb_per_cpu_second(timed, news, args.runs)
    if "pysbd" in split:  # (one run: it is slow)
        gum |= mb_per_cpu_second({"pysbd": split["pysbd"]}, texts, 1)
        big |= mb_per_cpu_second({"pysbd": split["pysbd"]}, news, 1)
    for name in gum:
        print(f"| {name} | {gum[name]:.1f} | {big[name]:.1f} |")


if __name__ == "__main__":
    main()
