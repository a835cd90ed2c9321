"""Correcting the segmenter: joining two sentences, splitting one (part of ``Store``).

Reviews, evidence and cross-references follow the text:

- **join** (a sentence with the next): the joined sentence keeps the first one's
  verdict, or the second's when the first has none; notes are kept both, one
  after the other; it is flagged if either was; the evidence and the
  cross-references of both now belong to it.
- **split** (at a point in a sentence): the first part keeps the sentence's
  review, evidence and cross-references; the second part starts unreviewed.

Both are one undoable step each, logged row by row like any other change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.errors import ValidationError
from workbench.segment import normalise, sentence_key, strip_span
from workbench.store import events

if TYPE_CHECKING:
    from workbench.store.store import Store


class EditingOps:
    """join_sentences and split_sentence of the Store."""

    def _key_for(self: Store, article_id: int, text: str, exclude: set[int]) -> str:
        norm = normalise(text)
        others = self.conn.execute(
            "SELECT id, text FROM sentences WHERE article_id = ?", [article_id]
        ).fetchall()
        taken = {k for (k,) in self.conn.execute(
            "SELECT key FROM sentences WHERE article_id = ?", [article_id])}  # fmt: skip
        n = sum(1 for i, t in others if i not in exclude and normalise(t) == norm) + 1
        while sentence_key(text, n) in taken:
            n += 1
        return sentence_key(text, n)

    def _move_rows(self: Store, sql: str, args: list[Any], tbl: str, pk: list[str],
                   changes: dict[str, Any], article_id: int, sentence_id: int) -> None:  # fmt: skip
        """Apply ``changes`` to every row ``sql`` selects, one logged change per row."""
        cur = self.conn.execute(sql, args)
        names = [d[0] for d in cur.description]
        for row in [dict(zip(names, r, strict=True)) for r in cur.fetchall()]:
            key = {k: row[k] for k in pk}
            if any(k in changes for k in pk):  # the key changes: delete, then insert anew
                self.write("move", tbl, key, None, article_id=article_id, sentence_id=sentence_id)
                new_key = {k: changes.get(k, row[k]) for k in pk}
                if events.read_row(self.conn, tbl, new_key) is None:
                    self.write("move", tbl, new_key, {**row, **changes},
                               article_id=article_id, sentence_id=sentence_id)  # fmt: skip
            else:
                self.write("move", tbl, key, changes, article_id=article_id,
                           sentence_id=sentence_id)  # fmt: skip

    def _shift(self: Store, article_id: int, after: int, by: int, sentence_id: int) -> None:
        rows = self.conn.execute(
            "SELECT id, position FROM sentences WHERE article_id = ? AND position > ?"
            " ORDER BY position " + ("DESC" if by > 0 else "ASC"),
            [article_id, after],
        ).fetchall()
        for sid, position in rows:
            self.write("renumber", "sentences", {"id": sid}, {"position": position + by},
                       article_id=article_id, sentence_id=sentence_id)  # fmt: skip

    def join_sentences(self: Store, sentence_id: int) -> int:
        """Join a sentence with the next one; returns the joined sentence's id."""
        a = self.sentence(sentence_id)
        try:
            b = self.sentence_at(a.article_id, a.position + 1)
        except Exception:
            raise ValidationError("the last sentence has no next one to join") from None
        if b.paragraph != a.paragraph:
            raise ValidationError("sentences in different paragraphs can't be joined")
        text = self.article_text(a.article_id)
        aid = a.article_id
        with self.change():
            joined = text[a.start : b.end]
            self.write("join", "sentences", {"id": a.id},
                       {"end": b.end, "text": joined, "key": f"joining:{a.id}"},
                       article_id=aid, sentence_id=a.id)  # fmt: skip
            ra = events.read_row(self.conn, "reviews", {"sentence_id": a.id})
            rb = events.read_row(self.conn, "reviews", {"sentence_id": b.id})
            if rb is not None:
                merged = dict(ra or rb)
                merged["verdict"] = (ra or {}).get("verdict") or rb.get("verdict")
                merged["note"] = "\n".join(n for n in ((ra or {}).get("note"), rb.get("note")) if n)
                merged["flagged"] = int(bool((ra or {}).get("flagged")) or bool(rb.get("flagged")))
                merged.pop("sentence_id", None)
                self.write("join", "reviews", {"sentence_id": a.id}, merged,
                           article_id=aid, sentence_id=a.id)  # fmt: skip
                self.write("join", "reviews", {"sentence_id": b.id}, None,
                           article_id=aid, sentence_id=a.id)  # fmt: skip
            self._move_rows("SELECT * FROM evidence_links WHERE sentence_id = ?", [b.id],
                            "evidence_links", ["evidence_id", "sentence_id"],
                            {"sentence_id": a.id}, aid, a.id)  # fmt: skip
            self._move_rows("SELECT * FROM crossrefs WHERE sentence_id = ?", [b.id],
                            "crossrefs", ["id"], {"sentence_id": a.id}, aid, a.id)  # fmt: skip
            pointing = "SELECT * FROM crossrefs WHERE kind = 'sentence' AND target_id = ?"
            self._move_rows(pointing, [b.id], "crossrefs", ["id"], {"target_id": a.id}, aid, a.id)
            self.write("join", "sentences", {"id": b.id}, None, article_id=aid, sentence_id=a.id)
            self._shift(aid, b.position, -1, a.id)
            key = self._key_for(aid, joined, {a.id})
            self.write("join", "sentences", {"id": a.id}, {"key": key},
                       article_id=aid, sentence_id=a.id)  # fmt: skip
            self._reindex([a.id])
        return a.id

    def split_sentence(self: Store, sentence_id: int, at: int) -> tuple[int, int]:
        """Split a sentence ``at`` characters into its text; returns both parts' ids."""
        s = self.sentence(sentence_id)
        text = self.article_text(s.article_id)
        a_start, a_end = strip_span(text, s.start, s.start + at)
        b_start, b_end = strip_span(text, s.start + at, s.end)
        if a_start == a_end or b_start == b_end:
            raise ValidationError("split inside the sentence: both parts need some text")
        aid = s.article_id
        with self.change():
            first, second = text[a_start:a_end], text[b_start:b_end]
            self.write("split", "sentences", {"id": s.id},
                       {"end": a_end, "text": first, "key": f"splitting:{s.id}"},
                       article_id=aid, sentence_id=s.id)  # fmt: skip
            self._shift(aid, s.position, 1, s.id)
            new_id = self.conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM sentences").fetchone()[
                0
            ]
            self.write("split", "sentences", {"id": new_id},
                       {"article_id": aid, "position": s.position + 1, "paragraph": s.paragraph,
                        "start": b_start, "end": b_end, "text": second,
                        "key": self._key_for(aid, second, {s.id})},
                       article_id=aid, sentence_id=s.id)  # fmt: skip
            self.write("split", "sentences", {"id": s.id},
                       {"key": self._key_for(aid, first, {s.id, new_id})},
                       article_id=aid, sentence_id=s.id)  # fmt: skip
            self._reindex([s.id, new_id])
        return s.id, new_id

    def _reindex(self: Store, ids: list[int]) -> None:
        """Keep the cross-reference index in step with changed sentence texts."""
        from workbench.xref.index import index_sentences

        live = [i for (i,) in self.conn.execute(
            f"SELECT id FROM sentences WHERE id IN ({','.join('?' * len(ids))})", ids)]  # fmt: skip
        if live:
            index_sentences(self.conn, live)
