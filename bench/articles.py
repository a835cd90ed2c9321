"""News-like text of any size for the benchmarks, from the bundled sample (fixed seed)."""

from __future__ import annotations

import random
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "seeds" / "us-troops-syria-withdrawal.txt"
PLACES = ["Syria", "Iraq", "Jordan", "Lebanon", "Turkey", "Iran", "Yemen", "Qatar", "Egypt"]
SOURCES = ["Reuters", "the WSJ", "Sen. Smith", "Brig. Gen. Lee", "Dr. Ahmed", "the U.S. envoy"]


def sentences(n: int, seed: int = 7) -> list[str]:
    """``n`` varied news sentences: the sample's, with places, numbers and sources changed."""
    rng = random.Random(seed)
    base = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for i in range(n):
        s = base[i % len(base)]
        s = s.replace("Syria", rng.choice(PLACES)).replace(
            "1,000", f"{rng.randint(2, 9)},{i % 1000:03d}"
        )
        if rng.random() < 0.3:
            s = s.rstrip(".?") + f", {rng.choice(SOURCES)} said on {rng.randint(1, 28)} Jan. 2026."
        out.append(s)
    return out


def article(n: int, per_paragraph: int = 4, seed: int = 7) -> str:
    """An article of ``n`` sentences, ``per_paragraph`` to a paragraph."""
    ss = sentences(n, seed)
    paras = [" ".join(ss[i : i + per_paragraph]) for i in range(0, n, per_paragraph)]
    return "\n\n".join(paras) + "\n"


def article_of_size(size: int, seed: int = 7) -> str:
    """About ``size`` bytes of article text."""
    n = max(1, size // 150)
    text = article(n, seed=seed)
    while len(text.encode()) < size:
        n = int(n * 1.1) + 1
        text = article(n, seed=seed)
    return text
