"""A database written by the previous schema (2) opens, upgraded, with nothing lost."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from workbench.model import Verdict
from workbench.store import Store
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
