"""Hypothesis: two reviewers on one file; one's undo and redo never touch what the other wrote last."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import ConflictError, ValidationError
from workbench.model import Document, Verdict
from workbench.segment import segment
from workbench.store import Store

TEXT = (
    "One claim is here. Two claims are there. Three claims stand.\n\n"
    "Four is in another paragraph. Five ends it."
)
TABLES = ("articles", "sentences", "reviews", "evidence", "evidence_links", "crossrefs")
KEYS = {"reviews": ("sentence_id",), "evidence_links": ("evidence_id", "sentence_id")}

OPS = st.lists(
    st.tuples(
        st.sampled_from(["ana", "bob"]),
        st.sampled_from(
            ["verdict", "note", "flag", "evidence", "link", "join", "split", "undo", "redo"]
        ),
        st.integers(1, 5),
        st.sampled_from([None, *Verdict]),
    ),
    max_size=25,
)


def written_last_by(store: Store, who: str) -> dict[tuple[str, tuple], dict[str, Any]]:
    """Every row whose last writer (its version's batch) is ``who``."""
    rows: dict[tuple[str, tuple], dict[str, Any]] = {}
    for tbl in TABLES:
        cur = store.conn.execute(
            f"SELECT t.* FROM {tbl} t JOIN batches b ON b.id = t.version WHERE b.reviewer = ?",
            [who],
        )
        names = [d[0] for d in cur.description]
        for values in cur.fetchall():
            row = dict(zip(names, values, strict=True))
            rows[tbl, tuple(row[k] for k in KEYS.get(tbl, ("id",)))] = row
    return rows


def untouched(store: Store, other: str, theirs: dict, change: Any) -> None:
    """The other's rows are as they were, unless older than the change undone or redone
    (redoing a change puts it back over what it was first made over)."""
    newer = {k: row for k, row in theirs.items() if change is None or row["version"] > change.batch}
    now = written_last_by(store, other)
    assert {k: now.get(k) for k in newer} == newer


def apply(store: Store, aid: int, op: str, position: int, verdict: Verdict | None) -> None:
    ss = store.sentences_of(aid)
    s = ss[min(position, len(ss)) - 1]
    if op == "verdict":
        store.set_verdict(s.id, verdict)
    elif op == "note":
        store.set_note(s.id, f"{store.reviewer} on {position}")
    elif op == "flag":
        store.toggle_flag(s.id)
    elif op == "evidence":
        store.add_evidence(s.id, url=f"https://e.example/{position}", title=store.reviewer)
    elif op == "link":
        library = store.evidence_library()
        if library:
            store.link_evidence(library[0].id, s.id)
    elif op == "join":
        store.join_sentences(s.id)
    elif op == "split":
        store.split_sentence(s.id, len(s.text) // 2)


@settings(max_examples=60, deadline=None)
@given(OPS)
def test_undo_and_redo_never_change_the_other_reviewer_s_rows(ops: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "two.db"
        stores = {"ana": Store(path, reviewer="ana"), "bob": Store(path, reviewer="bob")}
        aid = stores["ana"].import_article(Document("T", TEXT, "/t.txt"), segment(TEXT)).article.id
        try:
            for who, op, position, verdict in ops:
                store, other = stores[who], "bob" if who == "ana" else "ana"
                theirs = written_last_by(store, other)
                change = None
                try:
                    if op in ("undo", "redo"):
                        change = getattr(store, op)(aid)
                    else:
                        apply(store, aid, op, position, verdict)
                except (ConflictError, ValidationError):
                    pass  # refused: nothing changed
                if op in ("undo", "redo"):
                    untouched(store, other, theirs, change)
            ana = stores["ana"]
            for word in ("undo", "redo"):  # ana undoes all she can, then redoes it
                for _ in range(30):
                    theirs = written_last_by(ana, "bob")
                    try:
                        change = getattr(ana, word)(aid)
                    except ConflictError:
                        change = None
                    untouched(ana, "bob", theirs, change)
                    if change is None:
                        break
            conn = ana.conn
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            sentences = ana.sentences_of(aid)
            text = ana.article_text(aid)
            assert all(text[s.start : s.end] == s.text for s in sentences)
            assert [s.position for s in sentences] == list(range(1, len(sentences) + 1))
            starts = [s.start for s in sentences]
            assert starts == sorted(set(starts))  # no two sentences share a place
        finally:
            for s in stores.values():
                s.close()


def test_a_flag_or_a_note_on_someones_verdict_leaves_the_verdict_theirs(tmp_path: Path) -> None:
    """The reviewer a review names is its verdict's: bob's flag and note on ana's verdict
    keep it ana's (the history says bob wrote them), its time the last change's (a restore
    takes the newer review by it); a new verdict is bob's."""
    from datetime import timedelta

    from tests.conftest import FixedClock

    ana = Store(tmp_path / "two.db", reviewer="ana", clock=FixedClock())
    bob = Store(tmp_path / "two.db", reviewer="bob", clock=FixedClock())
    bob.clock.now += timedelta(hours=1)  # type: ignore[attr-defined]
    aid = ana.import_article(Document("T", TEXT, "t.txt"), segment(TEXT)).article.id
    first, second = (ana.sentence_at(aid, n).id for n in (1, 2))
    ana.set_verdict(first, Verdict.VERIFIED)
    verdict = ana.sentence(first)
    bob.toggle_flag(first)
    bob.set_note(first, "bob's reason")
    shown = bob.sentence(first)
    assert shown.reviewer == "ana" and shown.reviewed_at > verdict.reviewed_at
    assert (shown.flagged, shown.note) == (True, "bob's reason")
    assert [(h["reviewer"], h["action"]) for h in bob.history(aid)[:2]] == [
        ("bob", "note"),
        ("bob", "flag"),
    ]
    noted = bob.sentence(first).reviewed_at
    bob.set_claimant(first, "The ministry")  # a claimant named later: the newer review too
    named = bob.sentence(first)
    assert (named.reviewer, named.claimant) == ("ana", "The ministry")
    assert named.reviewed_at > noted
    bob.toggle_flag(second)  # no verdict yet: the flag is bob's review
    assert bob.sentence(second).reviewer == "bob"
    bob.set_verdict(first, Verdict.DISPUTED)
    assert bob.sentence(first).reviewer == "bob"
    ana.close()
    bob.close()
