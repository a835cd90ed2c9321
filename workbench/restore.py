"""``workbench import report.json``: an article and its review back from a JSON report.

The article is re-imported from the text the report carries (so offsets and
keys are recomputed exactly as on a first import); then each sentence's
review and evidence are written back, matched by key, else by position and
text.  It is one undoable step, logged under the original reviewers' names.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import InputError, WorkbenchError
from workbench.model import Document, Verdict
from workbench.report.jsonreport import parse_report
from workbench.segment import segment

if TYPE_CHECKING:
    from workbench.model import Article
    from workbench.store import Store


def restore_report(store: Store, path: Path) -> Article:
    """Restore an article and its review from a workbench JSON report."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    doc = parse_report(data, str(path))
    article, sentences = doc["article"], doc["sentences"]
    text = article.get("text")
    if not isinstance(text, str):
        text = "\n\n".join(s["text"] for s in sorted(sentences, key=lambda s: s["position"]))
    source = str(article.get("source") or path)
    document = Document(str(article.get("title") or path.stem), text, source, article.get("url"))
    segments = segment(text)
    if not segments:
        raise InputError(f"{path}: the report's article has no sentences")
    with store.change():
        imported, _ = store.import_article(document, segments)
        stored = store.sentences_of(imported.id)
        by_key = {s.key: s for s in stored}
        by_place = {(s.position, s.text): s for s in stored}
        for entry in sentences:
            target = by_key.get(entry.get("key")) or by_place.get(
                (entry["position"], entry.get("text"))
            )
            if target is not None:
                _restore_sentence(store, target.id, target.article_id, entry, path)
    return store.article(imported.id)


def _restore_sentence(
    store: Store, sentence_id: int, article_id: int, entry: dict[str, Any], path: Path
) -> None:
    try:
        verdict = Verdict.parse(entry.get("verdict"))
    except WorkbenchError:
        raise InputError(f"{path}: sentence {entry['position']} has an unknown verdict") from None
    note, flagged = str(entry.get("note") or ""), bool(entry.get("flagged"))
    if verdict or note or flagged:
        store.write(
            "restore review",
            "reviews",
            {"sentence_id": sentence_id},
            {
                "verdict": verdict.value if verdict else None,
                "note": note,
                "flagged": int(flagged),
                "reviewer": entry.get("reviewer") or store.reviewer,
                "reviewed_at": entry.get("reviewed_at") or store.now(),
            },
            article_id=article_id,
            sentence_id=sentence_id,
        )
    linked = {e.url for e in store.evidence_of(sentence_id) if e.url}
    for ev in entry.get("evidence") or []:
        if not isinstance(ev, dict) or (ev.get("url") and ev.get("url") in linked):
            continue
        store.add_evidence(
            sentence_id,
            url=str(ev.get("url") or ""),
            title=str(ev.get("title") or ""),
            quote=str(ev.get("quote") or ""),
            stance=str(ev.get("stance") or "supports"),
            note=str(ev.get("note") or ""),
        )
