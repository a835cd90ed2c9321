"""Evidence, its links to sentences, and cross-reference decisions (part of ``Store``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.errors import NotFoundError, ValidationError
from workbench.model import CrossRef, Evidence, Stance, XrefStatus
from workbench.validate import check_url

if TYPE_CHECKING:
    from workbench.store.store import Store

EVIDENCE_COLUMNS = (
    "e.id, e.url, e.title, e.quote, e.stance, e.note, e.created_at,"
    " (SELECT COUNT(*) FROM evidence_links l WHERE l.evidence_id = e.id)"
)

CROSSREF_SELECT = """
SELECT c.id, c.sentence_id, c.kind, c.target_id, c.score, c.method, c.status, c.strong,
  COALESCE(ts.text, f.claim, ''),
  CASE c.kind WHEN 'sentence' THEN COALESCE(ta.title, '')
    ELSE TRIM(COALESCE(f.publisher, '') || CASE WHEN f.publisher != '' AND f.title != ''
      THEN ': ' ELSE '' END || COALESCE(f.title, '')) END,
  CASE c.kind WHEN 'sentence' THEN tr.verdict ELSE NULLIF(f.rating, '') END,
  ts.article_id, ts.position, f.url
FROM crossrefs c
LEFT JOIN sentences ts ON c.kind = 'sentence' AND ts.id = c.target_id
LEFT JOIN articles ta ON ta.id = ts.article_id
LEFT JOIN reviews tr ON tr.sentence_id = ts.id
LEFT JOIN fact_checks f ON c.kind = 'factcheck' AND f.id = c.target_id
"""


def row_to_evidence(r: tuple[Any, ...]) -> Evidence:
    return Evidence(
        id=r[0],
        url=r[1],
        title=r[2],
        quote=r[3],
        stance=Stance(r[4]),
        note=r[5],
        created_at=r[6],
        link_count=r[7],
    )


def row_to_crossref(r: tuple[Any, ...]) -> CrossRef:
    return CrossRef(
        id=r[0],
        sentence_id=r[1],
        kind=r[2],
        target_id=r[3],
        score=round(float(r[4]), 1),
        method=r[5],
        status=XrefStatus(r[6]),
        strong=bool(r[7]),
        text=r[8],
        source=r[9] or "",
        verdict=r[10],
        target_article_id=r[11],
        target_position=r[12],
        url=r[13] or None,
    )


def _stance(value: str | Stance) -> str:
    try:
        return Stance(str(value).strip().lower()).value
    except ValueError:
        choices = ", ".join(s.value for s in Stance)
        raise ValidationError(f"unknown stance {value!r} (choose one of: {choices})") from None


class EvidenceOps:
    """Evidence and cross-reference methods of the Store."""

    def add_evidence(
        self: Store,
        sentence_id: int,
        *,
        url: str = "",
        title: str = "",
        quote: str = "",
        stance: str | Stance = Stance.SUPPORTS,
        note: str = "",
    ) -> Evidence:
        """Create a piece of evidence and link it to a sentence, as one undoable step."""
        row = {
            "url": check_url(url),
            "title": title.strip(),
            "quote": quote.strip(),
            "stance": _stance(stance),
            "note": note.strip(),
        }
        if not any(row[k] for k in ("url", "title", "quote", "note")):
            raise ValidationError("evidence needs at least a URL, a title, a quote or a note")
        sentence = self.sentence(sentence_id)
        with self.change():
            new_id = self.conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM evidence").fetchone()[
                0
            ]
            self.write(
                "add evidence",
                "evidence",
                {"id": new_id},
                {**row, "reviewer": self.reviewer, "created_at": self.now()},
                article_id=sentence.article_id,
                sentence_id=sentence_id,
            )
            self.link_evidence(new_id, sentence_id)
        return self.evidence(new_id)

    def update_evidence(self: Store, evidence_id: int, sentence_id: int, **fields: str) -> Evidence:
        """Edit a piece of evidence (it changes wherever it is linked)."""
        current = self.evidence(evidence_id)
        changes: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "url":
                changes["url"] = check_url(value)
            elif name == "stance":
                changes["stance"] = _stance(value)
            elif name in ("title", "quote", "note"):
                changes[name] = value.strip()
            else:
                raise ValidationError(f"evidence has no field {name!r}")
        article_id = self.sentence(sentence_id).article_id
        self.write(
            "edit evidence",
            "evidence",
            {"id": current.id},
            changes,
            article_id=article_id,
            sentence_id=sentence_id,
        )
        return self.evidence(evidence_id)

    def link_evidence(self: Store, evidence_id: int, sentence_id: int) -> bool:
        """Link existing evidence to a sentence; False if it was already linked."""
        self.evidence(evidence_id)
        sentence = self.sentence(sentence_id)
        return self.write(
            "link evidence",
            "evidence_links",
            {"evidence_id": evidence_id, "sentence_id": sentence_id},
            {},
            stamp={"reviewer": self.reviewer, "linked_at": self.now()},
            article_id=sentence.article_id,
            sentence_id=sentence_id,
        )

    def unlink_evidence(self: Store, evidence_id: int, sentence_id: int) -> bool:
        """Remove the link (the evidence stays in the library)."""
        sentence = self.sentence(sentence_id)
        return self.write(
            "unlink evidence",
            "evidence_links",
            {"evidence_id": evidence_id, "sentence_id": sentence_id},
            None,
            article_id=sentence.article_id,
            sentence_id=sentence_id,
        )

    def evidence(self: Store, evidence_id: int) -> Evidence:
        row = self.conn.execute(
            f"SELECT {EVIDENCE_COLUMNS} FROM evidence e WHERE e.id = ?", [evidence_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no evidence with id {evidence_id}")
        return row_to_evidence(row)

    def evidence_of(self: Store, sentence_id: int) -> list[Evidence]:
        """The evidence linked to one sentence, in the order it was linked."""
        rows = self.conn.execute(
            f"SELECT {EVIDENCE_COLUMNS} FROM evidence e JOIN evidence_links k"
            " ON k.evidence_id = e.id WHERE k.sentence_id = ? ORDER BY k.linked_at, e.id",
            [sentence_id],
        ).fetchall()
        return [row_to_evidence(r) for r in rows]

    def evidence_library(self: Store) -> list[Evidence]:
        """Every stored piece of evidence, newest first (the TUI searches it fuzzily)."""
        rows = self.conn.execute(
            f"SELECT {EVIDENCE_COLUMNS} FROM evidence e ORDER BY e.id DESC"
        ).fetchall()
        return [row_to_evidence(r) for r in rows]

    def crossrefs_of(self: Store, sentence_id: int, *, rejected: bool = False) -> list[CrossRef]:
        """A sentence's cross-references, best first (rejected ones only if asked)."""
        sql = CROSSREF_SELECT + " WHERE c.sentence_id = ?"
        if not rejected:
            sql += " AND c.status != 'rejected'"
        rows = self.conn.execute(sql + " ORDER BY c.score DESC, c.id", [sentence_id]).fetchall()
        return [row_to_crossref(r) for r in rows]

    def crossref(self: Store, crossref_id: int) -> CrossRef:
        row = self.conn.execute(CROSSREF_SELECT + " WHERE c.id = ?", [crossref_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no cross-reference with id {crossref_id}")
        return row_to_crossref(row)

    def set_crossref_status(self: Store, crossref_id: int, status: str | XrefStatus) -> CrossRef:
        """Confirm or reject a suggested match (a rejected pair is never suggested again)."""
        ref = self.crossref(crossref_id)
        sentence = self.sentence(ref.sentence_id)
        self.write(
            f"{XrefStatus(status).value} cross-reference",
            "crossrefs",
            {"id": crossref_id},
            {"status": XrefStatus(status).value},
            article_id=sentence.article_id,
            sentence_id=sentence.id,
        )
        return self.crossref(crossref_id)
