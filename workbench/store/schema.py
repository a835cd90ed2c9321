"""The database schema, created and upgraded by sqlite-utils migrations.

``SCHEMA_VERSION`` is also written to ``PRAGMA user_version`` so that an older
workbench can recognise a database written by a newer one and refuse it before
touching anything.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("workbench")


@migrations()
def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            url TEXT,
            imported_at TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            text TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE INDEX articles_sha256 ON articles(sha256);
        CREATE INDEX articles_source ON articles(source);

        CREATE TABLE sentences (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            paragraph INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            key TEXT NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (article_id, key)
        );
        CREATE INDEX sentences_article_position ON sentences(article_id, position);

        CREATE TABLE reviews (
            sentence_id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
            verdict TEXT CHECK (verdict IN ('verified', 'disputed', 'opinion')),
            note TEXT NOT NULL DEFAULT '',
            flagged INTEGER NOT NULL DEFAULT 0,
            reviewer TEXT,
            reviewed_at TEXT
        );

        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            quote TEXT NOT NULL DEFAULT '',
            stance TEXT NOT NULL DEFAULT 'supports'
                CHECK (stance IN ('supports', 'refutes', 'context')),
            note TEXT NOT NULL DEFAULT '',
            reviewer TEXT,
            created_at TEXT NOT NULL
        );

        CREATE TABLE evidence_links (
            evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
            sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
            reviewer TEXT,
            linked_at TEXT NOT NULL,
            PRIMARY KEY (evidence_id, sentence_id)
        );
        CREATE INDEX evidence_links_sentence ON evidence_links(sentence_id);

        CREATE TABLE fact_checks (
            id INTEGER PRIMARY KEY,
            claim TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            rating TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            publisher TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL DEFAULT '',
            digest TEXT NOT NULL UNIQUE,
            imported_at TEXT NOT NULL
        );

        CREATE TABLE crossrefs (
            id INTEGER PRIMARY KEY,
            sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('sentence', 'factcheck')),
            target_id INTEGER NOT NULL,
            score REAL NOT NULL,
            method TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'suggested'
                CHECK (status IN ('suggested', 'confirmed', 'rejected')),
            strong INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            UNIQUE (sentence_id, kind, target_id)
        );
        CREATE INDEX crossrefs_target ON crossrefs(kind, target_id);

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            batch INTEGER NOT NULL,
            at TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            action TEXT NOT NULL,
            article_id INTEGER,
            sentence_id INTEGER,
            tbl TEXT NOT NULL,
            pk TEXT NOT NULL,
            before TEXT,
            after TEXT,
            state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'dropped'))
        );
        CREATE INDEX events_batch ON events(batch);
        CREATE INDEX events_article_state ON events(article_id, state, batch);

        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        """
    )
    db["sentences"].enable_fts(
        ["text"], fts_version="FTS5", create_triggers=True, tokenize="porter"
    )
    db["evidence"].enable_fts(
        ["url", "title", "quote", "note"], fts_version="FTS5", create_triggers=True
    )
    db.execute("PRAGMA user_version = 1")


@migrations()
def m002_claim_index(db: Database) -> None:
    """The cross-reference index: every sentence and fact-check, normalised, in FTS5.

    rowid = 2 * sentence id for a sentence, 2 * fact-check id + 1 for a fact-check,
    so either can be found, or removed, by its rowid.
    """
    db.executescript(
        """
        CREATE VIRTUAL TABLE claim_index USING fts5(
            body, tokenize = 'porter unicode61 remove_diacritics 2'
        );
        CREATE VIRTUAL TABLE claim_vocab USING fts5vocab(claim_index, 'row');
        CREATE TRIGGER sentences_unindex AFTER DELETE ON sentences BEGIN
            DELETE FROM claim_index WHERE rowid = 2 * old.id;
        END;
        CREATE TRIGGER fact_checks_unindex AFTER DELETE ON fact_checks BEGIN
            DELETE FROM claim_index WHERE rowid = 2 * old.id + 1;
        END;
        """
    )
    db.execute("PRAGMA user_version = 2")
