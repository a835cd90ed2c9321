"""The Store on real SQLite files: reviews, undo/redo, imports, the database file itself."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from tests.conftest import FixedClock
from workbench.errors import ConflictError, DatabaseError, NotFoundError, ValidationError
from workbench.model import Document, Segment, Verdict, XrefStatus
from workbench.store import Store


def segs(*texts: str) -> tuple[str, list[Segment]]:
    """A text of one paragraph per sentence, with its segments and simple keys."""
    out, pos, parts = [], 0, []
    for i, t in enumerate(texts, 1):
        out.append(Segment(i, i, pos, pos + len(t), t, hashlib.sha1(t.encode()).hexdigest()[:8]))
        parts.append(t)
        pos += len(t) + 1
    return "\n".join(parts), out


def add(store: Store, *texts: str, source: str = "/tmp/a.txt") -> int:
    text, s = segs(*texts)
    article = store.import_article(Document("A", text, source), s).article
    return article.id


def test_database_is_wal_with_busy_timeout(store: Store) -> None:
    from workbench.store.version import SCHEMA_VERSION

    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_verdict_note_flag_are_committed(store: Store, db_path: Path) -> None:
    aid = add(store, "One claim here.", "Two claims there.")
    s1 = store.sentence_at(aid, 1)
    store.set_verdict(s1.id, Verdict.DISPUTED)
    store.set_note(s1.id, "contradicted by CENTCOM")
    store.toggle_flag(s1.id)
    # A second connection sees it at once: nothing waits for a later commit.
    rows = list(sqlite_utils.Database(db_path)["reviews"].rows)
    assert rows == [
        {
            "sentence_id": s1.id,
            "verdict": "disputed",
            "note": "contradicted by CENTCOM",
            "flagged": 1,
            "reviewer": "tester",
            "reviewed_at": rows[0]["reviewed_at"],
            "version": store.history(aid)[0]["id"],  # the batch that wrote it last
            "reviewed_text": None,
            "claimant": None,
        }
    ]
    assert rows[0]["reviewed_at"].endswith("+00:00")
    counts = store.article(aid).counts
    assert (counts.sentences, counts.disputed, counts.flagged, counts.unreviewed) == (2, 1, 1, 1)


def test_same_verdict_twice_is_one_event(store: Store) -> None:
    aid = add(store, "One claim here.")
    sid = store.sentence_at(aid, 1).id
    store.set_verdict(sid, Verdict.VERIFIED)
    store.set_verdict(sid, Verdict.VERIFIED)
    assert len(store.history(aid)) == 1


def test_undo_redo_survive_a_restart_and_are_the_reviewer_s_own(db_path: Path) -> None:
    store = Store(db_path, reviewer="a", clock=FixedClock())
    aid = add(store, "One claim here.", "Two claims there.")
    s1, s2 = store.sentences_of(aid)
    store.set_verdict(s1.id, Verdict.VERIFIED)
    store.set_verdict(s2.id, Verdict.OPINION)
    store.close()

    other = Store(db_path, reviewer="b")
    assert other.undo(aid) is None  # b has nothing of its own to undo
    other.close()

    store = Store(db_path, reviewer="a")
    change = store.undo(aid)
    assert change is not None and change.sentence_ids == (s2.id,)
    assert store.sentence(s2.id).verdict is None
    assert store.sentence(s1.id).verdict is Verdict.VERIFIED
    store.close()

    store = Store(db_path, reviewer="a")
    assert store.redo(aid) is not None
    assert store.sentence(s2.id).verdict is Verdict.OPINION
    assert store.redo(aid) is None
    assert store.undo(aid) and store.undo(aid)
    assert store.undo(aid) is None
    assert [s.verdict for s in store.sentences_of(aid)] == [None, None]
    # the log kept everything: two changes, two undos, a redo, two undos
    kinds = [h["kind"] for h in reversed(store.history(aid))]
    assert kinds == ["change", "change", "undo", "redo", "undo", "undo"]
    store.close()


def test_a_new_change_drops_the_redo(store: Store) -> None:
    aid = add(store, "One claim here.", "Two claims there.")
    s1, s2 = store.sentences_of(aid)
    store.set_verdict(s1.id, Verdict.VERIFIED)
    store.undo(aid)
    store.set_verdict(s2.id, Verdict.DISPUTED)
    assert store.redo(aid) is None
    assert store.sentence(s1.id).verdict is None


def test_undo_is_per_article(store: Store) -> None:
    a = add(store, "First article claim.", source="/a.txt")
    b = add(store, "Second article claim.", source="/b.txt")
    store.set_verdict(store.sentence_at(a, 1).id, Verdict.VERIFIED)
    store.set_verdict(store.sentence_at(b, 1).id, Verdict.DISPUTED)
    store.undo(a)
    assert store.sentence_at(a, 1).verdict is None
    assert store.sentence_at(b, 1).verdict is Verdict.DISPUTED


def test_same_content_is_the_same_article(store: Store) -> None:
    text, s = segs("One claim here.")
    first = store.import_article(Document("A", text, "/x.txt"), s)
    again = store.import_article(Document("B", text, "/elsewhere.txt"), s)
    assert (first.article.id, first.status, again.status) == (again.article.id, "new", "same")
    assert len(store.articles()) == 1


def test_reimporting_an_edited_file_keeps_every_review(store: Store) -> None:
    aid = add(store, "Kept claim one.", "Changed claim two.", "Kept claim three.")
    one, two, three = store.sentences_of(aid)
    store.set_verdict(one.id, Verdict.VERIFIED)
    store.set_verdict(two.id, Verdict.DISPUTED, note="the figure is wrong")
    store.set_note(three.id, "still true")
    text, s = segs(
        "A new first claim.", "Kept claim one.", "Edited claim two.", "Kept claim three."
    )
    stored = store.import_article(Document("A", text, "/tmp/a.txt"), s)
    assert (stored.article.id, stored.status, stored.changed, stored.gone) == (
        aid, "updated", (3,), 0)  # fmt: skip
    after = store.sentences_of(aid)
    assert [x.text for x in after] == [
        "A new first claim.",
        "Kept claim one.",
        "Edited claim two.",
        "Kept claim three.",
    ]
    # the edited sentence keeps its verdict and note, marked with the text reviewed
    assert [x.verdict for x in after] == [None, Verdict.VERIFIED, Verdict.DISPUTED, None]
    assert after[2].id == two.id and after[2].note == "the figure is wrong"
    assert after[2].text_changed and after[2].reviewed_text == "Changed claim two."
    assert not after[1].text_changed and after[3].note == "still true"
    assert [x.position for x in after] == [1, 2, 3, 4]
    assert all(text[x.start : x.end] == x.text for x in after)
    # a new verdict is made on the new text: the mark goes
    assert not store.set_verdict(two.id, Verdict.VERIFIED).text_changed


def test_an_import_is_one_transaction(store: Store) -> None:
    text = "Fine. Broken."
    bad = [Segment(1, 1, 0, 5, "Fine.", "k:1"), Segment(2, 1, 6, 13, None, "k:2")]  # type: ignore[arg-type]
    with pytest.raises(DatabaseError):
        store.import_article(Document("A", text, "/x.txt"), bad)
    assert store.articles() == []
    assert store.db.execute("SELECT COUNT(*) FROM sentences").fetchone()[0] == 0


def test_missing_things_are_clear_errors(store: Store) -> None:
    aid = add(store, "One claim here.")
    with pytest.raises(NotFoundError, match="no article with id 9"):
        store.article(9)
    with pytest.raises(NotFoundError, match=r"has no sentence 5 .it has 1: 1 to 1."):
        store.sentence_at(aid, 5)


def test_two_processes_on_one_database_lose_no_write(db_path: Path) -> None:
    first = Store(db_path, reviewer="one")
    aid = add(first, "One claim here.", "Two claims there.")
    second = Store(db_path, reviewer="two")
    s1, s2 = first.sentences_of(aid)
    first.set_verdict(s1.id, Verdict.VERIFIED)
    second.set_note(s1.id, "second's note")
    second.set_verdict(s2.id, Verdict.DISPUTED)
    first.toggle_flag(s2.id)
    for st in (first, second):
        a, b = st.sentences_of(aid)
        assert (a.verdict, a.note, b.verdict, b.flagged) == (
            Verdict.VERIFIED,
            "second's note",
            Verdict.DISPUTED,
            True,
        )
    first.close()
    second.close()


# -- evidence and cross-references -------------------------------------------


def test_evidence_is_linked_reused_and_undoable(store: Store) -> None:
    a = add(store, "First article claim.", source="/a.txt")
    b = add(store, "Second article claim.", source="/b.txt")
    sa, sb = store.sentence_at(a, 1), store.sentence_at(b, 1)
    ev = store.add_evidence(sa.id, url="https://example.org/r", title="Report", stance="refutes")
    assert store.sentence(sa.id).evidence_count == 1
    assert store.link_evidence(ev.id, sb.id) is True
    assert store.link_evidence(ev.id, sb.id) is False
    assert store.evidence(ev.id).link_count == 2
    store.update_evidence(ev.id, sb.id, quote="a quote")
    assert store.evidence_of(sa.id)[0].quote == "a quote"
    store.unlink_evidence(ev.id, sb.id)
    assert store.evidence_of(sb.id) == []
    store.undo(b)  # the unlink
    assert [e.id for e in store.evidence_of(sb.id)] == [ev.id]
    # the creation can't be undone while the later edit (made from b) stands
    with pytest.raises(ConflictError, match="evidence “Report” was changed by tester"):
        store.undo(a)
    store.undo(b)  # the edit
    assert store.evidence(ev.id).quote == ""
    store.undo(b)  # the link to b
    store.undo(a)  # the creation, with its first link, as one step
    assert store.evidence_of(sa.id) == []
    with pytest.raises(NotFoundError):
        store.evidence(ev.id)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.org/f"])
def test_only_web_links_are_stored(store: Store, url: str) -> None:
    aid = add(store, "One claim here.")
    with pytest.raises(ValidationError, match="only http and https"):
        store.add_evidence(store.sentence_at(aid, 1).id, url=url, title="x")
    assert store.db.execute("SELECT COUNT(*) FROM evidence").fetchone()[0] == 0
    assert store.history() == []


def test_crossref_decisions_are_logged_and_undoable(store: Store) -> None:
    a = add(store, "First article claim.", source="/a.txt")
    b = add(store, "Second article claim.", source="/b.txt")
    sa, sb = store.sentence_at(a, 1), store.sentence_at(b, 1)
    store.db["crossrefs"].insert(
        {"sentence_id": sa.id, "kind": "sentence", "target_id": sb.id, "score": 88.0,
         "method": "test", "status": "suggested", "strong": 0, "created_at": "t"}
    )  # fmt: skip
    (ref,) = store.crossrefs_of(sa.id)
    assert (ref.text, ref.target_article_id, ref.status) == (sb.text, b, XrefStatus.SUGGESTED)
    store.set_crossref_status(ref.id, "confirmed")
    assert store.sentence(sa.id).strong_xref
    store.set_crossref_status(ref.id, "rejected")
    assert store.crossrefs_of(sa.id) == []
    store.undo(a)
    assert store.crossrefs_of(sa.id)[0].status is XrefStatus.CONFIRMED


def test_report_snapshot_has_everything(store: Store) -> None:
    aid = add(store, "One claim here.", "Two claims there.")
    s1 = store.sentence_at(aid, 1)
    store.set_verdict(s1.id, Verdict.VERIFIED)
    store.add_evidence(s1.id, url="https://example.org", title="Source")
    report = store.report(aid)
    assert report.summary.verified == 1
    assert report.text.startswith("One claim here.")
    assert [len(s.evidence) for s in report.sentences] == [1, 0]


def test_a_report_counts_its_sentences_as_the_article_list_does(store: Store) -> None:
    texts = [f"Claim number {i} here." for i in range(1, 9)]
    aid = add(store, *texts)
    for position, verdict in [(1, Verdict.VERIFIED), (2, Verdict.DISPUTED), (3, Verdict.OPINION),
                              (4, Verdict.DISPUTED), (6, Verdict.VERIFIED)]:  # fmt: skip
        store.set_verdict(store.sentence_at(aid, position).id, verdict)
    for position in (2, 5, 6):
        store.toggle_flag(store.sentence_at(aid, position).id)
    report = store.report(aid)
    assert report.summary == store.article(aid).counts
    assert report.summary.as_dict() == {"sentences": 8, "verified": 2, "disputed": 2,
                                        "opinion": 1, "unreviewed": 3, "flagged": 3}  # fmt: skip
    assert report.article == store.article(aid)


def test_deleting_an_article_is_undoable(store: Store) -> None:
    aid = add(store, "One claim here.")
    store.delete_article(aid)
    assert store.articles() == []
    store.undo(None)
    assert [a.id for a in store.articles()] == [aid]


# -- the database file -------------------------------------------------------


def _refused_untouched(path: Path, match: str) -> None:
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match=match):
        Store(path)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    _refused_untouched(path, "not a workbench database")


def test_a_database_from_a_newer_workbench_is_refused_untouched(db_path: Path) -> None:
    Store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    _refused_untouched(db_path, "newer workbench")


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    conn.close()
    _refused_untouched(path, "not a workbench one")


def test_a_corrupted_database_is_refused_untouched(db_path: Path) -> None:
    store = Store(db_path)
    add(store, *(f"Claim number {i} is here." for i in range(300)))
    (root,) = store.conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'sentences'"
    ).fetchone()
    page = store.conn.execute("PRAGMA page_size").fetchone()[0]
    store.close()
    data = bytearray(db_path.read_bytes())
    data[(root - 1) * page : root * page] = b"\xff" * page  # the sentences table's root
    db_path.write_bytes(bytes(data))
    before = db_path.read_bytes()
    with pytest.raises((DatabaseError, sqlite3.DatabaseError)):
        s = Store(db_path)
        s.articles()
        s.sentences_of(1)
    assert db_path.read_bytes() == before


def test_a_directory_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a directory"):
        Store(tmp_path)


def test_text_between_is_the_article_text_between_two_sentences(store: Store) -> None:
    from workbench.segment import segment

    text = "First one.  Second\n one here.\n\nNew para.   Last.\n"
    aid = store.import_article(Document("t", text, "t"), segment(text)).article.id
    sentences = store.sentences_of(aid)
    for i, a in enumerate(sentences):
        for b in sentences[i:]:
            assert store.text_between(aid, a.start, b.end) == text[a.start : b.end]
