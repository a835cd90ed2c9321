"""Reports built through a real Store: the sample reviewed, and a hostile article."""

from __future__ import annotations

from tests.conftest import SAMPLE
from workbench.model import Document, Report, Verdict
from workbench.segment import segment
from workbench.store import Store

EXPORTED_AT = "2026-02-03T04:05:06+00:00"


def add_article(store: Store, text: str, source: str, title: str, url: str | None) -> int:
    article = store.import_article(Document(title, text, source, url), segment(text)).article
    return article.id


def crossref(store: Store, sentence_id: int, kind: str, target: int, score: float,
             status: str, strong: bool) -> None:  # fmt: skip
    store.conn.execute(
        "INSERT INTO crossrefs (sentence_id, kind, target_id, score, method, status, strong,"
        " created_at) VALUES (?, ?, ?, ?, 'test', ?, ?, 't')",
        [sentence_id, kind, target, score, status, int(strong)],
    )
    store.conn.commit()


def reviewed_sample(store: Store) -> Report:
    """The sample with its metadata, verdicts, claimants, notes, evidence, a flag, cross-references."""
    text = SAMPLE.read_text(encoding="utf-8")
    doc = Document("US troops leave Syria", text, "seeds/us-troops-syria-withdrawal.txt",
                   "https://example.org/syria", published="2026-01-01T08:00:00+00:00",
                   authors=("Jane Roe", "Sam Poe"), outlet="Example News")  # fmt: skip
    aid = store.import_article(doc, segment(text)).article.id
    other = add_article(store, "The US is pulling nearly 1,000 soldiers out of Syria, the WSJ says.",
                        "other.txt", "Another report", None)  # fmt: skip
    s = store.sentences_of(aid)
    store.set_verdict(s[0].id, Verdict.VERIFIED)
    store.set_note(s[0].id, "Confirmed by the Pentagon briefing.")
    store.set_claimant(s[0].id, "Wall Street Journal")
    store.set_claimant(s[2].id, "CENTCOM")
    store.set_verdict(s[2].id, Verdict.DISPUTED)
    store.set_note(s[2].id, "CENTCOM's statement says otherwise.")
    store.set_verdict(s[13].id, Verdict.OPINION)
    store.toggle_flag(s[3].id)
    store.add_evidence(s[0].id, url="https://example.org/wsj", title="WSJ report",
                       quote="withdrawing nearly 1,000 troops", stance="supports")  # fmt: skip
    store.add_evidence(s[2].id, url="https://example.org/centcom", title="CENTCOM statement",
                       quote="an orderly cessation", stance="refutes", note="Official")  # fmt: skip
    store.conn.execute(
        "INSERT INTO fact_checks (claim, title, rating, url, publisher, date, digest, imported_at)"
        " VALUES ('The US will withdraw all troops from Syria', 'Troop withdrawal', 'False',"
        " 'https://checks.example/1', 'Check Desk', '2026-01-01', 'd1', 't')"
    )
    store.conn.commit()
    crossref(store, s[0].id, "sentence", store.sentence_at(other, 1).id, 91.5, "suggested", True)
    crossref(store, s[2].id, "factcheck", 1, 84.0, "confirmed", False)
    crossref(store, s[4].id, "factcheck", 1, 61.0, "rejected", False)
    return store.report(aid, exported_at=EXPORTED_AT)


HOSTILE = (
    "A [bold]claim[/bold] with [link=https://evil.example]markup[/link] here.\n"
    "Another <script>alert(1)</script> and <img src=x onerror=alert(2)> tag.\n"
    "See [click](javascript:alert(3)) and ![img](http://evil.example/p.png) now.\n"
    '=HYPERLINK("http://evil.example") is a formula.\n'
    "+1 and -2 and @SUM(A1) start cells.\n"
    "\tTabbed start and \x1b[31mred escape\x1b[0m text.\n"
    "# Not a heading and 1. not a list | not a table.\n"
    "Bare https://evil.example/x and www.evil.example and boss@evil.example here.\n"
)


def hostile(store: Store) -> tuple[Report, str]:
    aid = add_article(store, HOSTILE, "hostile.txt", "<b>Title</b> [bold]x[/bold] =1+1", None)
    s = store.sentences_of(aid)
    for sentence in s:
        store.set_verdict(sentence.id, Verdict.DISPUTED)
        store.set_note(sentence.id, "=cmd|' /C calc'!A0 <script>x</script> [n](javascript:1)")
    store.add_evidence(s[0].id, url="https://example.org/a?q=%3Cx%3E&y=(1)'", title="<i>t</i>",
                       quote="\"quote\" <b>", stance="context", note="@note")  # fmt: skip
    return store.report(aid, exported_at=EXPORTED_AT), HOSTILE
