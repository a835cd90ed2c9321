"""A sentence as a citation to paste elsewhere: text, verdict, note and evidence links."""

from __future__ import annotations

from workbench.model import Article, Evidence, Sentence


def citation(article: Article, sentence: Sentence, evidence: list[Evidence]) -> str:
    verdict = sentence.verdict.label if sentence.verdict else "Unreviewed"
    lines = [f"“{sentence.text}”", f"— {article.title}, sentence {sentence.position}"]
    lines.append(f"Verdict: {verdict}" + (f" ({sentence.reviewer})" if sentence.reviewer else ""))
    if sentence.note:
        lines.append(f"Note: {sentence.note}")
    for e in evidence:
        label = e.title or e.url
        lines.append(
            f"Evidence ({e.stance.value}): {label}" + (f" <{e.url}>" if e.url and e.title else "")
        )
        if e.quote:
            lines.append(f"  “{e.quote}”")
    return "\n".join(lines) + "\n"
