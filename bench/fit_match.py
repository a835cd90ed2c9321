"""Fit the match probability on CheckThat! 2020 train; check it on dev and by 5-fold on train.

    python bench/fit_match.py [--write]   (needs numpy: pip install '.[bench]')

Every tweet is matched as the app matches an imported article: split into
sentences, the sentences too short to match skipped, each sentence's
candidates found by the store (``Store.claim_pool``) and described by
``xref.match.features``.  A candidate is a positive when it is one of the
tweet's gold claims.  A logistic model (L2, fitted by Newton's method) turns
the features into a probability.  The thresholds are then chosen on dev for
precision: the lowest probability at which the suggestions shown are right at
least 60% of the time, and strong ones at least 95%; and the possible
threshold for the list of a sentence's matches: the highest at which that list
ranks (MAP@5) within 0.02 of every candidate the app scores.  ``--write`` stores the
weights and thresholds in workbench/xref/match_model.json; nothing is trained
at run time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.checkthat import evaluate, load, split
from workbench.segment import segment
from workbench.store import Store
from workbench.xref.match import FEATURES, MatchSettings, in_context, paragraphs
from workbench.xref.query import Pool
from workbench.xref.terms import tokens

MODEL = Path(__file__).resolve().parent.parent / "workbench" / "xref" / "match_model.json"
PRECISION = {"suggest": 0.60, "strong": 0.95}
LIST_WITHIN = 0.02  # the list as shown (from ``possible``) against the whole ranking, MAP@5


@dataclass
class Rows:
    """Candidate pairs of one split: which tweet, which claim, the features, right or not."""

    tweet: list[str]
    claim: list[str]
    fact_check: list[int]
    x: np.ndarray
    y: np.ndarray  # right: a gold claim, or one with the very same words (see twins())
    strict: np.ndarray  # a gold claim itself (the official measure)

    def subset(self, keep: set[str]) -> Rows:
        mask = np.array([t in keep for t in self.tweet])
        pick = np.flatnonzero(mask)
        return Rows([self.tweet[i] for i in pick], [self.claim[i] for i in pick],
                    [self.fact_check[i] for i in pick], self.x[mask], self.y[mask],
                    self.strict[mask])  # fmt: skip


def twins(store: Store, vclaim_of: dict[int, str]) -> dict[str, tuple[str, ...]]:
    """vclaim id -> its content words.  The set holds 173 pairs of claims with the very same
    words (they differ in quote marks) and the gold names one of each pair: matching the
    other is matching the same claim, and is counted right when training and when measuring
    precision (MAP stays the official measure)."""
    return {vclaim_of[f.id]: tuple(tokens(f"{f.claim} {f.title}")) for f in store.fact_checks()}


def candidate_rows(
    store: Store, vclaim_of: dict[int, str], tweets, gold, unit="sentence", *, absent=False
) -> Rows:
    """Every candidate the app would score for each tweet, as the app scores them: sentence
    by sentence, with the sentence's paragraph as context (``xref.match.in_context``).

    ``absent``: each tweet again, its gold claims (and their twins) taken out of the pools,
    as when the claim was never checked: what most sentences of a news article meet.  Those
    queries are named "<tweet id>~" and have no gold.
    """
    words = twins(store, vclaim_of)
    settings = MatchSettings()
    tweet, claim, fact_check, xs, ys, strict = [], [], [], [], [], []
    for tid, text in tweets:
        same = {words[g] for g in gold.get(tid, ())}
        items = [(s.position, s.paragraph, s.text) for s in segment(text)]
        if unit == "tweet":
            items = [(1, 1, text)]

        def keep(pool: Pool, same: set[tuple[str, ...]] = same) -> Pool:
            if not absent:
                return pool
            left = [c for c in pool.candidates if words[vclaim_of[c.id]] not in same]
            return Pool(pool.terms, left, pool.texts)

        for paragraph, members in paragraphs(items, settings):
            texts = [t for _, t in members]
            pools = [keep(store.claim_pool(t, limit=settings.candidates)) for t in texts]
            whole = None
            if len(texts) > 1 or texts[0] != paragraph:
                whole = keep(store.claim_pool(paragraph, limit=settings.candidates))
            for rows in in_context(texts, pools, paragraph, whole):
                for c, f in rows:
                    tweet.append(f"{tid}~" if absent else tid)
                    claim.append(vclaim_of[c.id])
                    fact_check.append(c.id)
                    xs.append(f)
                    strict.append(not absent and vclaim_of[c.id] in gold.get(tid, ()))
                    ys.append(strict[-1] or (not absent and words[vclaim_of[c.id]] in same))
    return Rows(tweet, claim, fact_check, np.array(xs, dtype=float), np.array(ys, dtype=float),
                np.array(strict, dtype=float))  # fmt: skip


def joined(a: Rows, b: Rows) -> Rows:
    return Rows(a.tweet + b.tweet, a.claim + b.claim, a.fact_check + b.fact_check,
                np.vstack([a.x, b.x]), np.concatenate([a.y, b.y]),
                np.concatenate([a.strict, b.strict]))  # fmt: skip


def fit(rows: Rows, l2: float = 1.0) -> np.ndarray:
    """Logistic regression by Newton's method; the bias is not penalised."""
    x, y = rows.x, rows.y
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (y - p) - penalty * w
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w += step
        if np.abs(step).max() < 1e-9:
            break
    return w


def scores(rows: Rows, w: np.ndarray) -> np.ndarray:
    """The model's log-odds for each row (before calibration)."""
    return np.clip(rows.x @ w, -30, 30)


def calibrate(z: np.ndarray, rows: Rows) -> tuple[float, float]:
    """Platt scaling of out-of-fold log-odds on the matches as shown (a claim on its best
    sentence), so that "80%" means right about 80% of the time where it is shown."""
    best: dict[tuple[str, str], tuple[float, float]] = {}
    for t, c, score, y in zip(rows.tweet, rows.claim, z, rows.y, strict=True):
        if (t, c) not in best or score > best[t, c][0]:
            best[t, c] = (float(score), float(y))
    pairs = np.array(list(best.values()))
    shown = Rows([], [], [], np.column_stack([np.ones(len(pairs)), pairs[:, 0]]), pairs[:, 1],
                 pairs[:, 1])  # fmt: skip
    shift, scale = fit(shown, l2=0.0)
    return float(scale), float(shift)


def probabilities(z: np.ndarray, scale: float, shift: float) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(scale * z + shift, -30, 30)))


def as_shown(rows: Rows, p: np.ndarray, threshold: float) -> dict[str, list[str]]:
    """Each tweet's list as the app shows it: its sentences' matches at or above the threshold,
    one entry per claim (its best probability), most likely first, ties by fact-check id."""
    best: dict[str, dict[str, tuple[float, int]]] = {}
    for t, c, f, prob in zip(rows.tweet, rows.claim, rows.fact_check, p, strict=True):
        if prob >= threshold:
            seen = best.setdefault(t, {})
            if c not in seen or prob > seen[c][0]:
                seen[c] = (float(prob), f)
    return {t: [c for c, _ in sorted(m.items(), key=lambda kv: (-kv[1][0], kv[1][1]))]
            for t, m in best.items()}  # fmt: skip


def precision_recall(
    rows: Rows, p: np.ndarray, threshold: float, gold, *, strict: bool = False
) -> tuple[float, float, int]:
    """Of the matches shown at this threshold, the share that are right; the share of gold
    pairs shown; how many are shown.  A match shown is a (tweet, claim) pair: the app keeps
    a claim on the one sentence of a paragraph it most likely matches.  ``strict``: only
    the gold claim itself is right, not its identical twin."""
    labels = rows.strict if strict else rows.y
    best: dict[tuple[str, str], tuple[float, bool]] = {}
    for t, c, prob, y in zip(rows.tweet, rows.claim, p, labels, strict=True):
        if (t, c) not in best or prob > best[t, c][0]:
            best[t, c] = (float(prob), bool(y))
    shown = [y for prob, y in best.values() if prob >= threshold]
    right = sum(shown)
    found = sum(
        1 for (t, c), (prob, y) in best.items() if prob >= threshold and c in gold.get(t, ())
    )
    total = sum(len(g) for g in gold.values())
    return (right / len(shown) if shown else 1.0), (found / total if total else 0.0), len(shown)


def choose(rows: Rows, p: np.ndarray, target: float, least: int = 10) -> float:
    """The lowest threshold at which at least ``least`` rows are shown and ``target`` of them
    are right (so every higher threshold that shows as many is at least as precise)."""
    for t in [i / 100 for i in range(1, 100)]:
        precision, _, n = precision_recall(rows, p, t, {})
        if n >= least and precision >= target:
            return t
    return 0.99


def choose_possible(rows: Rows, p: np.ndarray, gold, suggest: float) -> float:
    """The highest threshold (at most ``suggest``) at which the list as shown ranks within
    ``LIST_WITHIN`` of every candidate scored (MAP@5)."""
    whole = evaluate(as_shown(rows, p, 0.0), gold)["MAP@5"]
    for t in [i / 100 for i in range(round(100 * suggest), 0, -1)]:
        if whole - evaluate(as_shown(rows, p, t), gold)["MAP@5"] <= LIST_WITHIN:
            return t
    return 0.01


def reliability(rows: Rows, p: np.ndarray) -> list[tuple[str, int, float, float]]:
    """Predicted against observed, over the matches as shown (each claim on its best sentence)."""
    best: dict[tuple[str, str], tuple[float, float]] = {}
    for t, c, prob, y in zip(rows.tweet, rows.claim, p, rows.y, strict=True):
        if (t, c) not in best or prob > best[t, c][0]:
            best[t, c] = (float(prob), float(y))
    pairs = np.array(list(best.values()))
    edges = [0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001]
    out = []
    for lo, hi in itertools.pairwise(edges):
        m = (pairs[:, 0] >= lo) & (pairs[:, 0] < hi)
        if m.any():
            out.append((f"{lo:.2f}-{min(hi, 1):.2f}", int(m.sum()), float(pairs[m, 0].mean()),
                        float(pairs[m, 1].mean())))  # fmt: skip
    return out


def report(
    label: str, rows: Rows, p: np.ndarray, gold, possible: float, suggest: float, strong: float
) -> dict:
    raw = evaluate(as_shown(rows, p, 0.0), gold)
    shown = evaluate(as_shown(rows, p, possible), gold)
    marked = evaluate(as_shown(rows, p, suggest), gold)
    pp, rp, np_ = precision_recall(rows, p, possible, gold)
    ps, rs, ns = precision_recall(rows, p, suggest, gold)
    pt, rt, nt = precision_recall(rows, p, strong, gold)
    ps_strict = precision_recall(rows, p, suggest, gold, strict=True)[0]
    pt_strict = precision_recall(rows, p, strong, gold, strict=True)[0]
    print(f"{label}: {len(gold)} tweets")
    print(f"  {'list':<34}{'MAP@1':>7}{'MAP@5':>7}{'R@5':>7}")
    print(f"  {'every candidate, by probability':<34}{raw['MAP@1']:>7.3f}{raw['MAP@5']:>7.3f}"
          f"{raw['Recall@5']:>7.3f}")  # fmt: skip
    print(f"  {'as shown (p >= possible)':<34}{shown['MAP@1']:>7.3f}{shown['MAP@5']:>7.3f}"
          f"{shown['Recall@5']:>7.3f}")  # fmt: skip
    print(f"  {'suggestions only (p >= suggest)':<34}{marked['MAP@1']:>7.3f}"
          f"{marked['MAP@5']:>7.3f}{marked['Recall@5']:>7.3f}")  # fmt: skip
    print(f"  listed (p >= {possible:.2f}): {np_} shown, precision {pp:.3f}, recall {rp:.3f}")
    print(f"  suggestions (p >= {suggest:.2f}): {ns} shown, precision {ps:.3f} (gold claim only"
          f" {ps_strict:.3f}), recall {rs:.3f}")  # fmt: skip
    print(f"  strong (p >= {strong:.2f}): {nt} shown, precision {pt:.3f} (gold claim only"
          f" {pt_strict:.3f}), recall {rt:.3f}")  # fmt: skip
    return {"raw": raw, "shown": shown, "marked": marked, "suggest": (ps, rs, ns),
            "strong": (pt, rt, nt)}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help="store the model in the package")
    ap.add_argument("--unit", default="sentence", choices=["sentence", "tweet"])
    args = ap.parse_args()
    train_tweets, train_gold = split("train")
    dev_tweets, dev_gold = split("dev")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "fit.db", reviewer="bench")
        vclaim_of = load(store)
        train = joined(
            candidate_rows(store, vclaim_of, train_tweets, train_gold, args.unit),
            candidate_rows(store, vclaim_of, train_tweets, train_gold, args.unit, absent=True),
        )
        dev = candidate_rows(store, vclaim_of, dev_tweets, dev_gold, args.unit)
        dev_absent = candidate_rows(store, vclaim_of, dev_tweets, dev_gold, args.unit,
                                    absent=True)  # fmt: skip
        store.close()
    print(f"candidate pairs: train {len(train.y)} ({int(train.y.sum())} right), "
          f"dev {len(dev.y)} ({int(dev.y.sum())} right)")  # fmt: skip

    w = fit(train, args.l2)
    ids = sorted(train_gold)
    random.Random(0).shuffle(ids)
    # a tweet and its "absent" twin query fall in the same fold
    folds = [set(ids[k :: args.folds]) | {f"{t}~" for t in ids[k :: args.folds]}
             for k in range(args.folds)]  # fmt: skip
    everyone = set().union(*folds)
    held_out = np.zeros(len(train.y))  # each train row scored by a model that never saw it
    for held in folds:
        mask = np.array([t in held for t in train.tweet])
        held_out[mask] = scores(train.subset(held), fit(train.subset(everyone - held), args.l2))
    scale, shift = calibrate(held_out, train)
    p_dev = probabilities(scores(dev, w), scale, shift)
    p_absent = probabilities(scores(dev_absent, w), scale, shift)
    # Chosen in the open world: each dev tweet as it is, and as if its claim had never been
    # checked.  In a news article most sentences meet nothing checked before; thresholds
    # chosen on dev alone (where every tweet has its claim) would mark most of them.
    mixed = joined(dev, dev_absent)
    p_mixed = np.concatenate([p_dev, p_absent])
    suggest = choose(mixed, p_mixed, PRECISION["suggest"])
    strong = max(choose(mixed, p_mixed, PRECISION["strong"]), suggest)
    possible = choose_possible(dev, p_dev, dev_gold, suggest)
    print("weights: " + ", ".join(f"{n} {v:+.2f}" for n, v in zip(FEATURES, w, strict=True)))
    print(f"calibration (Platt, on held-out train folds): scale {scale:.3f}, shift {shift:+.3f}")
    print(f"thresholds chosen on dev in the open world, for precision {PRECISION['suggest']:.2f}"
          f" and {PRECISION['strong']:.2f}: suggest {suggest:.2f}, strong {strong:.2f}")  # fmt: skip
    print(f"possible (the list of a sentence's matches ranks within {LIST_WITHIN} of the whole"
          f" ranking on dev): {possible:.2f}")  # fmt: skip
    report("dev (closed world: every tweet's claim was checked)", dev, p_dev, dev_gold, possible,
           suggest, strong)  # fmt: skip
    open_suggest = precision_recall(mixed, p_mixed, suggest, dev_gold)
    open_strong = precision_recall(mixed, p_mixed, strong, dev_gold)
    open_listed = precision_recall(mixed, p_mixed, possible, dev_gold)
    print(f"  open world: listed (p >= possible) precision {open_listed[0]:.3f} recall"
          f" {open_listed[1]:.3f}")  # fmt: skip
    print(f"  open world: suggestions precision {open_suggest[0]:.3f} recall {open_suggest[1]:.3f};"
          f" strong precision {open_strong[0]:.3f} recall {open_strong[1]:.3f}")  # fmt: skip
    print("  by threshold on dev: MAP@5 as shown, precision and recall of the matches shown")
    for t in (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
        m = evaluate(as_shown(dev, p_dev, t), dev_gold)["MAP@5"]
        pr, rc, n = precision_recall(dev, p_dev, t, dev_gold)
        print(f"    p >= {t:.2f}: MAP@5 {m:.3f}  precision {pr:.3f}  recall {rc:.3f}  shown {n}")
    print("  dev in an open world (each tweet also as if its claim had never been checked):")
    for t in (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        pr, rc, n = precision_recall(mixed, p_mixed, t, dev_gold)
        print(f"    p >= {t:.2f}: precision {pr:.3f}  recall {rc:.3f}  shown {n}")
    wrong = precision_recall(dev_absent, p_absent, suggest, {})[2]
    wrong_strong = precision_recall(dev_absent, p_absent, strong, {})[2]
    print(f"  the same {len(dev_gold)} dev tweets with their claim never checked (gold taken out):"
          f" {wrong} suggestions ({wrong_strong} strong), every one wrong")  # fmt: skip
    for label, rows, probs in (("closed world", dev, p_dev), ("open world", mixed, p_mixed)):
        print(f"  reliability on dev, {label}, matches as shown (predicted -> observed):")
        for band, n, mean, seen in reliability(rows, probs):
            print(f"    {band}  {n:>6} matches  predicted {mean:.3f}  right {seen:.3f}")

    held_scores = []
    for k, held in enumerate(folds, 1):
        mask = np.array([t in held for t in train.tweet])
        part = train.subset(held)
        pk = probabilities(held_out[mask], scale, shift)
        held_scores.append(report(f"train fold {k} held out", part, pk,
                                  {t: train_gold[t] for t in held if t in train_gold},
                                  possible, suggest, strong))  # fmt: skip
    mean = statistics.mean
    print(f"{args.folds}-fold on train, held-out means: MAP@5 raw "
          f"{mean(s['raw']['MAP@5'] for s in held_scores):.3f}, as shown "
          f"{mean(s['shown']['MAP@5'] for s in held_scores):.3f}, suggestions only "
          f"{mean(s['marked']['MAP@5'] for s in held_scores):.3f}; suggestion precision "
          f"{mean(s['suggest'][0] for s in held_scores):.3f}, strong precision "
          f"{mean(s['strong'][0] for s in held_scores):.3f}")  # fmt: skip

    if args.write:
        data = {
            "method": "prob-1",
            "trained_on": "CLEF CheckThat! 2020 task 2, train split (bench/fit_match.py)",
            "possible": possible,
            "suggest": suggest,
            "strong": strong,
            "calibration": {"scale": round(scale, 4), "shift": round(shift, 4)},
            "weights": {n: round(float(v), 4) for n, v in zip(FEATURES, w, strict=True)},
        }
        MODEL.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
