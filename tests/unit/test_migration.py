"""Databases written by earlier schemas open, upgraded in place, with nothing lost."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from workbench.errors import DatabaseError
from workbench.model import Verdict
from workbench.segment import segment
from workbench.store import Store, keys
from workbench.store.database import wrap
from workbench.store.schema import migrations
from workbench.store.version import SCHEMA_VERSION

TEXT = "First claim here. Second claim there.\n\nThird claim below."


def schema_2_database(path: Path) -> None:
    """A schema-2 file as workbench 0.1 left it: a review, evidence, a match, an undone change."""
    conn = sqlite3.connect(path)
    migrations.apply(wrap(conn), stop_before="m003_review_record")
    conn.executescript(
        f"""
        INSERT INTO articles (id, title, source, url, imported_at, sha256, text)
            VALUES (1, 'Old', '/old.txt', NULL, '2026-01-01T00:00:00+00:00', 'abc', '{TEXT}');
        INSERT INTO sentences (id, article_id, position, paragraph, start, "end", key, text)
            VALUES (1, 1, 1, 1, 0, 17, 'k1:1', 'First claim here.'),
                   (2, 1, 2, 1, 18, 37, 'k2:1', 'Second claim there.'),
                   (3, 1, 3, 2, 39, 57, 'k3:1', 'Third claim below.');
        INSERT INTO reviews VALUES (1, 'verified', 'old note', 0, 'ana',
                                    '2026-01-01T00:01:00+00:00');
        INSERT INTO evidence (id, url, title, quote, stance, note, reviewer, created_at)
            VALUES (1, 'https://e.example/1', 'E', '', 'supports', '', 'ana', 't');
        INSERT INTO evidence_links VALUES (1, 1, 'ana', 't');
        INSERT INTO articles (id, title, source, url, imported_at, sha256, text)
            VALUES (2, 'Other', '/other.txt', NULL, 't', 'def', 'First claim here again.');
        INSERT INTO sentences (id, article_id, position, paragraph, start, "end", key, text)
            VALUES (4, 2, 1, 1, 0, 23, 'k4:1', 'First claim here again.');
        INSERT INTO crossrefs (id, sentence_id, kind, target_id, score, method, status, strong,
                               created_at)
            VALUES (1, 1, 'sentence', 4, 90, 'bm25+fuzz', 'confirmed', 1, 't');
        INSERT INTO events (id, batch, at, reviewer, action, article_id, sentence_id, tbl, pk,
                            before, after, state)
            VALUES (1, 1, '2026-01-01T00:01:00+00:00', 'ana', 'verdict', 1, 1, 'reviews',
                    '{{"sentence_id": 1}}', NULL,
                    '{
            json.dumps(
                {
                    "sentence_id": 1,
                    "verdict": "verified",
                    "note": "old note",
                    "flagged": 0,
                    "reviewer": "ana",
                    "reviewed_at": "2026-01-01T00:01:00+00:00",
                }
            )
        }', 'done'),
                   (2, 2, '2026-01-01T00:02:00+00:00', 'ana', 'renumber', 1, 2, 'sentences',
                    '{{"id": 2}}', '{{"id": 2, "position": 2}}', '{{"id": 2, "position": 3}}',
                    'undone');
        """
    )
    conn.commit()
    conn.close()


def test_a_schema_2_database_is_upgraded_with_nothing_lost(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    schema_2_database(path)
    store = Store(path, reviewer="ana")
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    first, second, third = store.sentences_of(1)
    assert [s.position for s in (first, second, third)] == [1, 2, 3]
    assert (first.verdict, first.note, first.evidence_count) == (Verdict.VERIFIED, "old note", 1)
    assert store.sentence(second.id).position == 2 and third.paragraph == 2
    assert store.crossrefs_of(first.id)[0].target_position == 1
    history = store.history(1)
    assert [(h["action"], h["state"]) for h in history] == [
        ("renumber", "undone"),
        ("verdict", "done"),
    ]
    # the old log still undoes: the verdict written before the upgrade goes
    change = store.undo(1)
    assert change is not None and change.action == "verdict"
    assert store.sentence(first.id).verdict is None
    assert store.redo(1) is not None
    assert store.sentence(first.id).verdict is Verdict.VERIFIED
    # and new ids never collide with the old ones
    _, new = store.split_sentence(first.id, len("First claim"))
    assert new > 4
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    store.close()


# -- schema 5: the article's text kept three times, the log a row per row change -------------

# tests/unit/golden/schema5.sqlite was written by workbench at schema 5 (commit b79dc43), with a
# fixed clock: reviewer ana imported FIRST ("/news/first.txt"), OTHER and a third article;
# on FIRST she set verdicts and a note, a flag, evidence on sentences 4 and 5, a claimant;
# she joined sentences 7 and 8 and split sentence 2; she imported the file again as EDITED
# (a sentence changed, two gone, one new, the spacing moved), confirmed a match, set a
# verdict and undid it; she deleted the third article.  Reviewer bob then set a verdict on
# OTHER.  The file was checkpointed and vacuumed.
SCHEMA_5 = Path(__file__).parent / "golden" / "schema5.sqlite"
FIRST = (
    "The army left the northern base on Monday. Officials confirmed the move on Tuesday.\n"
    "Local leaders  said nothing.\n\n"
    "Prices rose by 4% in March. The central bank raised its rate by half a point.\n\n"
    "Dr. Smith said the vaccine was safe. Critics disputed the trial's size. Nobody else spoke.\n"
)
EDITED = (
    "The army left the northern base on Monday night. Officials confirmed the move on Tuesday.\n"
    "Local leaders  said nothing.\n\n"
    "Prices rose by 4% in March.\n\n"
    "Dr. Smith said the vaccine was safe. Critics disputed the trial's size. A new line came.\n"
)
KEPT = ("reviews", "evidence", "evidence_links", "crossrefs", "fact_checks")


def schema_5_copy(tmp_path: Path) -> Path:
    path = tmp_path / "schema5.db"
    shutil.copy(SCHEMA_5, path)
    return path


def raw(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_schema_5_database_is_upgraded_in_place_with_nothing_lost(tmp_path: Path) -> None:
    path = schema_5_copy(tmp_path)
    assert raw(path, "PRAGMA user_version") == [(5,)]
    kept = {tbl: raw(path, f"SELECT * FROM {tbl} ORDER BY rowid") for tbl in KEPT}
    texts = raw(path, "SELECT id, text, sha256 FROM articles ORDER BY id")
    sentences = raw(path, 'SELECT id, article_id, paragraph, start, "end", key, text, version'
                          " FROM sentences ORDER BY id")  # fmt: skip
    log = raw(path, "SELECT id, at, reviewer, action, article_id, sentence_id, kind, target,"
                    " state FROM batches ORDER BY id")  # fmt: skip
    changes = raw(path, "SELECT COUNT(*) FROM events")[0][0]
    indexed = raw(path, "SELECT id FROM claim_index_docsize ORDER BY id")
    sequences = raw(path, "SELECT name, seq FROM sqlite_sequence WHERE name != 'events'"
                          " ORDER BY name")  # fmt: skip

    store = Store(path, reviewer="ana")
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    added = {"crossrefs": (0,)}  # schema 7: every match stored before was a suggestion
    for tbl, rows in kept.items():
        now = [row + added.get(tbl, ()) for row in rows]
        assert store.conn.execute(f"SELECT * FROM {tbl} ORDER BY rowid").fetchall() == now, tbl
    for article_id, text, sha in texts:  # put back together from the sentences alone
        assert store.article_text(article_id) == text
        assert hashlib.sha256(text.encode()).hexdigest() == sha
    assert "text" not in {r[1] for r in store.conn.execute("PRAGMA table_info(articles)")}
    assert (
        store.conn.execute(
            f'SELECT id, article_id, paragraph, start, "end", {keys.column()}, text, version'
            " FROM sentences ORDER BY id"
        ).fetchall()
        == sentences
    )
    history = [tuple(h.values()) for h in reversed(store.history(limit=100))]
    assert [(h[0], h[1], h[2], h[3], h[7], h[8], h[4], h[5], h[6]) for h in history] == log
    assert store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == changes
    assert store.conn.execute("SELECT id FROM claim_index_docsize ORDER BY id").fetchall() == (
        indexed
    )
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0  # the copies' pages
    assert store.conn.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name").fetchall() == (
        sequences  # ids are never given twice
    )
    store.close()


def test_undo_and_redo_reach_back_past_the_upgrade(tmp_path: Path) -> None:
    store = Store(schema_5_copy(tmp_path), reviewer="ana")
    sixth = store.sentence_at(1, 5)
    assert (sixth.text, sixth.verdict) == ("Dr. Smith said the vaccine was safe.", None)
    change = store.redo(1)  # undone before the upgrade
    assert change is not None and store.sentence(sixth.id).verdict is Verdict.VERIFIED
    reviewed = [(s.key, s.verdict, s.note, s.flagged, s.claimant, s.evidence_count)
                for s in store.sentences_of(1)]  # fmt: skip
    assert store.undo(1) is not None and store.sentence(sixth.id).verdict is None

    undone = []
    while (change := store.undo(1)) is not None:
        undone.append(change.action)
        if change.action == "re-import":  # the text as first imported, the sentences as edited
            assert store.article_text(1) == FIRST
            assert [s.text for s in store.sentences_of(1)][1:3] == [
                "Officials confirmed", "the move on Tuesday."]  # fmt: skip
    assert undone == [
        "confirmed cross-reference", "re-import", "split", "join", "verdict", "claimant",
        "add evidence", "flag", "verdict and note", "note", "verdict",
    ]  # fmt: skip
    assert store.article_text(1) == FIRST
    assert [s.text for s in store.sentences_of(1)] == [s.text for s in segment(FIRST)]
    assert all(s.verdict is None and not s.note and not s.evidence_count
               for s in store.sentences_of(1))  # fmt: skip

    while store.redo(1) is not None:
        pass
    assert store.article_text(1) == EDITED
    assert [(s.key, s.verdict, s.note, s.flagged, s.claimant, s.evidence_count)
            for s in store.sentences_of(1)] == reviewed  # fmt: skip
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    bob = Store(store.path, reviewer="bob")
    assert bob.undo(2) is not None  # bob's verdict, from before the upgrade
    bob.close()
    store.close()


def test_an_upgrade_that_cannot_keep_a_text_changes_nothing(tmp_path: Path) -> None:
    path = schema_5_copy(tmp_path)
    conn = sqlite3.connect(path)  # a sentence that is not its article's text
    with conn:
        conn.execute("UPDATE sentences SET text = 'Something else.' WHERE id = 4")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="sentences of article 1 .First. are not its text"):
        Store(path)
    assert path.read_bytes() == before
    assert raw(path, "PRAGMA user_version") == [(5,)]


def test_a_schema_5_file_is_recovered_through_the_same_upgrade(tmp_path: Path) -> None:
    from workbench.store.recover import recover

    damaged = schema_5_copy(tmp_path)  # (sound, but any file can be recovered)
    texts = raw(damaged, "SELECT id, text FROM articles ORDER BY id")
    salvage = recover(damaged, tmp_path / "copy.db")
    assert salvage.complete and salvage.copied["events"] == 32
    store = Store(tmp_path / "copy.db", reviewer="ana")
    assert [(a, store.article_text(a)) for a, _ in texts] == texts
    assert store.redo(1) is not None and store.undo(1) is not None
    assert store.undo(1) is not None  # the confirmed match, from the old log
    store.close()


def test_an_upgrade_over_several_versions_that_fails_late_changes_nothing(tmp_path: Path) -> None:
    """From schema 2, the upgrade to 3 and to 5 (tables rebuilt, columns added) succeed and
    the one to 6 fails: the file holds what it held, schema 2 (each step used to commit on
    its own)."""
    path = tmp_path / "old.db"
    schema_2_database(path)
    conn = sqlite3.connect(path)  # a sentence that is not its article's text
    with conn:
        conn.execute("UPDATE sentences SET text = 'Something else.' WHERE id = 2")
    before = list(conn.iterdump())
    conn.close()
    with pytest.raises(DatabaseError, match="are not its text"):
        Store(path)
    assert raw(path, "PRAGMA user_version") == [(2,)]
    conn = sqlite3.connect(path)
    assert list(conn.iterdump()) == before
    conn.close()
