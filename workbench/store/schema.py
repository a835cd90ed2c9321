"""The database schema, created and upgraded by sqlite-utils migrations.

``SCHEMA_VERSION`` is also written to ``PRAGMA user_version`` so that an older
workbench can recognise a database written by a newer one and refuse it before
touching anything.  Migrations run with foreign keys off (``database.migrate``),
so a table can be rebuilt without cascading to the rows that reference it.
"""

from __future__ import annotations

import json
import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from workbench.errors import DatabaseError

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
    db.table("sentences").enable_fts(
        ["text"], fts_version="FTS5", create_triggers=True, tokenize="porter"
    )
    db.table("evidence").enable_fts(
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


@migrations()
def m003_review_record(db: Database) -> None:
    """Identities that never move, versions on every reviewed row, an append-only log.

    - ids are AUTOINCREMENT, so a deleted row's id is never given to another;
    - a sentence's position is derived from its offset (``start``), not stored:
      joining or splitting no longer renumbers every later sentence;
    - every row the log writes carries ``version``: the batch that wrote it last;
    - ``batches`` hold one user action each (who, when, what, undo state), and
      ``events`` the row changes of each batch; undo and redo append batches;
    - ``reviews.reviewed_text``: the text a review was made on, when the
      sentence's text has changed since (a re-import of an edited file);
    - the two full-text tables nobody queried are gone.
    """
    db.executescript(
        """
        DROP TRIGGER IF EXISTS sentences_ai;
        DROP TRIGGER IF EXISTS sentences_ad;
        DROP TRIGGER IF EXISTS sentences_au;
        DROP TRIGGER IF EXISTS evidence_ai;
        DROP TRIGGER IF EXISTS evidence_ad;
        DROP TRIGGER IF EXISTS evidence_au;
        DROP TRIGGER IF EXISTS sentences_unindex;
        DROP TABLE IF EXISTS sentences_fts;
        DROP TABLE IF EXISTS evidence_fts;

        CREATE TABLE articles_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            url TEXT,
            imported_at TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            text TEXT NOT NULL,
            deleted_at TEXT,
            version INTEGER
        );
        INSERT INTO articles_new (id, title, source, url, imported_at, sha256, text, deleted_at)
            SELECT id, title, source, url, imported_at, sha256, text, deleted_at FROM articles;
        DROP TABLE articles;
        ALTER TABLE articles_new RENAME TO articles;
        CREATE INDEX articles_sha256 ON articles(sha256);
        CREATE INDEX articles_source ON articles(source);

        CREATE TABLE sentences_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            paragraph INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            key TEXT NOT NULL,
            text TEXT NOT NULL,
            version INTEGER
        );
        INSERT INTO sentences_new (id, article_id, paragraph, start, "end", key, text)
            SELECT id, article_id, paragraph, start, "end", key, text FROM sentences;
        DROP TABLE sentences;
        ALTER TABLE sentences_new RENAME TO sentences;
        CREATE INDEX sentences_article_start ON sentences(article_id, start);
        CREATE INDEX sentences_article_key ON sentences(article_id, key);

        ALTER TABLE reviews ADD COLUMN version INTEGER;
        ALTER TABLE reviews ADD COLUMN reviewed_text TEXT;

        CREATE TABLE evidence_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            url TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            quote TEXT NOT NULL DEFAULT '',
            stance TEXT NOT NULL DEFAULT 'supports'
                CHECK (stance IN ('supports', 'refutes', 'context')),
            note TEXT NOT NULL DEFAULT '',
            reviewer TEXT,
            created_at TEXT NOT NULL,
            version INTEGER
        );
        INSERT INTO evidence_new (id, url, title, quote, stance, note, reviewer, created_at)
            SELECT id, url, title, quote, stance, note, reviewer, created_at FROM evidence;
        DROP TABLE evidence;
        ALTER TABLE evidence_new RENAME TO evidence;
        CREATE INDEX evidence_identity ON evidence(url, title, quote, stance);

        ALTER TABLE evidence_links ADD COLUMN version INTEGER;

        CREATE TABLE crossrefs_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('sentence', 'factcheck')),
            target_id INTEGER NOT NULL,
            score REAL NOT NULL,
            method TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'suggested'
                CHECK (status IN ('suggested', 'confirmed', 'rejected')),
            strong INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            version INTEGER,
            UNIQUE (sentence_id, kind, target_id)
        );
        INSERT INTO crossrefs_new (id, sentence_id, kind, target_id, score, method, status,
                                   strong, created_at)
            SELECT id, sentence_id, kind, target_id, score, method, status, strong, created_at
            FROM crossrefs;
        DROP TABLE crossrefs;
        ALTER TABLE crossrefs_new RENAME TO crossrefs;
        CREATE INDEX crossrefs_target ON crossrefs(kind, target_id);

        CREATE TABLE batches (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            action TEXT NOT NULL,
            article_id INTEGER,
            sentence_id INTEGER,
            kind TEXT NOT NULL DEFAULT 'change' CHECK (kind IN ('change', 'undo', 'redo')),
            target INTEGER REFERENCES batches(id),
            state TEXT CHECK (state IN ('done', 'undone', 'dropped'))
        );
        CREATE INDEX batches_stack ON batches(reviewer, article_id, kind, state, id);
        CREATE INDEX batches_target ON batches(target);

        INSERT INTO batches (id, at, reviewer, action, article_id, sentence_id, kind, state)
            SELECT e.batch, e.at, e.reviewer, e.action, e.article_id, e.sentence_id, 'change',
                   e.state
            FROM events e
            WHERE e.id = (SELECT MIN(id) FROM events f WHERE f.batch = e.batch);

        CREATE TABLE events_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            batch INTEGER NOT NULL REFERENCES batches(id),
            tbl TEXT NOT NULL,
            pk TEXT NOT NULL,
            before TEXT,
            after TEXT
        );
        INSERT INTO events_new (id, batch, tbl, pk, before, after)
            SELECT id, batch, tbl, pk,
                CASE WHEN tbl = 'sentences' AND before IS NOT NULL
                     THEN json_remove(before, '$.position') ELSE before END,
                CASE WHEN tbl = 'sentences' AND after IS NOT NULL
                     THEN json_remove(after, '$.position') ELSE after END
            FROM events;
        DROP TABLE events;
        ALTER TABLE events_new RENAME TO events;
        CREATE INDEX events_batch ON events(batch);

        CREATE TRIGGER sentences_unindex AFTER DELETE ON sentences BEGIN
            DELETE FROM claim_index WHERE rowid = 2 * old.id;
            DELETE FROM crossrefs WHERE kind = 'sentence' AND target_id = old.id;
        END;
        """
    )
    db.execute("PRAGMA user_version = 3")


@migrations()
def m004_matched(db: Database) -> None:
    """When an article was last cross-referenced: an import cut short before matching is
    matched when the same file is imported again."""
    db.execute("ALTER TABLE articles ADD COLUMN matched_at TEXT")
    db.execute("UPDATE articles SET matched_at = imported_at")
    db.execute("PRAGMA user_version = 4")


@migrations()
def m005_published(db: Database) -> None:
    """What a published fact-check needs: the article's publication date, authors and
    outlet, and who made each claim (the claimant)."""
    db.executescript(
        """
        ALTER TABLE articles ADD COLUMN published TEXT;
        ALTER TABLE articles ADD COLUMN authors TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE articles ADD COLUMN outlet TEXT;
        ALTER TABLE reviews ADD COLUMN claimant TEXT;
        """
    )
    db.execute("PRAGMA user_version = 5")


@migrations()
def m006_compact(db: Database) -> None:
    """The database in less than half the space, nothing lost.

    - the article's text is kept once, in its sentences: each holds the text
      between the previous sentence and itself (``gap``), the article what
      follows the last (``tail``); ``articles.text`` goes;
    - a sentence's key is kept as 8 bytes and a number (``keys``), not 19
      characters, in the table and in its index;
    - the claim index is contentless (it kept a second copy of every text);
    - the log keeps one row per user action: ``batches`` take their row
      changes (``changes``, see ``log.encode``) and the ``events`` table
      becomes a view of them; a batch's time is seconds since 1970; what a
      batch is and where it stands is one column (``step``: done, undone or
      dropped for a change, else undo or redo), ``kind`` and ``state`` are
      computed from it;
    - the log's indexes hold what undo and redo look up, not every batch
      four times over.
    """
    conn = db.conn
    _run(
        conn,
        "ALTER TABLE sentences ADD COLUMN gap TEXT NOT NULL DEFAULT ' '",
        "ALTER TABLE articles ADD COLUMN tail TEXT NOT NULL DEFAULT ''",
    )
    _spaces_from_texts(conn)
    _compact_keys(conn)
    _log_in_batches(conn)
    _articles_without_text(conn)
    _run(
        conn,
        "CREATE INDEX batches_article ON batches(article_id)",
        "CREATE INDEX batches_undone ON batches(reviewer, article_id) WHERE step = 'undone'",
        "CREATE INDEX batches_target ON batches(target) WHERE target IS NOT NULL",
        """CREATE VIEW events AS
            SELECT b.id AS batch, c.key AS seq, json_extract(c.value, '$[0]') AS tbl,
                json_extract(c.value, '$[1]') AS pk, json_extract(c.value, '$[2]') AS before,
                CASE WHEN json_array_length(c.value) < 4 THEN b.id
                     ELSE json_extract(c.value, '$[3]') END AS version
            FROM batches b, json_each(b.changes) c""",
        "DROP TRIGGER sentences_unindex",
        "DROP TRIGGER fact_checks_unindex",
        """CREATE TRIGGER sentences_unmatch AFTER DELETE ON sentences BEGIN
            DELETE FROM crossrefs WHERE kind = 'sentence' AND target_id = old.id;
        END""",
    )
    _contentless_index(conn)
    conn.execute("PRAGMA user_version = 6")


@migrations()
def m007_possible(db: Database) -> None:
    """Matches below the suggest threshold but still likely enough to list (``possible``):
    shown in a sentence's matches and ``workbench xref``, never marked on the list."""
    db.execute("ALTER TABLE crossrefs ADD COLUMN possible INTEGER NOT NULL DEFAULT 0")
    db.execute("PRAGMA user_version = 7")


def _run(conn: sqlite3.Connection, *statements: str) -> None:
    """Statements one by one, inside the migration's transaction (``executescript`` would
    commit it first)."""
    for statement in statements:
        conn.execute(statement)


def _spaces_from_texts(conn: sqlite3.Connection) -> None:
    """Each sentence's gap and each article's tail, read off the article's text.

    Refused (nothing changed) for an article whose sentences are not its own text at their
    offsets: its text could not be put back together.
    """
    for article_id, title in conn.execute("SELECT id, title FROM articles").fetchall():
        (text,) = conn.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        end = 0
        gaps = []
        for sid, start, stop, sentence in conn.execute(
            'SELECT id, start, "end", text FROM sentences WHERE article_id = ? ORDER BY start',
            [article_id],
        ):
            if start < end or text[start:stop] != sentence:
                raise DatabaseError(
                    f"upgrading the database: the sentences of article {article_id} “{title}”"
                    " are not its text; nothing was changed"
                )
            if text[end:start] != " ":
                gaps.append((text[end:start], sid))
            end = stop
        conn.executemany("UPDATE sentences SET gap = ? WHERE id = ?", gaps)
        conn.execute("UPDATE articles SET tail = ? WHERE id = ?", [text[end:], article_id])


def _articles_without_text(conn: sqlite3.Connection) -> None:
    """The articles table rebuilt without its text (a rebuild, not ``DROP COLUMN``: that
    needs SQLite 3.35), its ids' sequence carried over."""
    seq = _sequence(conn, "articles")
    columns = (
        "id, title, source, url, imported_at, sha256, deleted_at, version, matched_at,"
        " published, authors, outlet, tail"
    )
    _run(
        conn,
        """CREATE TABLE articles_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            url TEXT,
            imported_at TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            deleted_at TEXT,
            version INTEGER,
            matched_at TEXT,
            published TEXT,
            authors TEXT NOT NULL DEFAULT '[]',
            outlet TEXT,
            tail TEXT NOT NULL DEFAULT ''
        )""",
        f"INSERT INTO articles_new ({columns}) SELECT {columns} FROM articles",
        "DROP TABLE articles",
        "ALTER TABLE articles_new RENAME TO articles",
        "CREATE INDEX articles_sha256 ON articles(sha256)",
        "CREATE INDEX articles_source ON articles(source)",
    )
    _carry_sequence(conn, "articles", seq)


def _sequence(conn: sqlite3.Connection, table: str) -> int:
    """The last id an AUTOINCREMENT table gave (a rebuilt table must not give it again)."""
    row = conn.execute("SELECT MAX(seq) FROM sqlite_sequence WHERE name = ?", [table]).fetchone()
    return row[0] or 0


def _carry_sequence(conn: sqlite3.Connection, table: str, seq: int) -> None:
    conn.execute("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?", [seq, table])


def _compact_keys(conn: sqlite3.Connection) -> None:
    """Each sentence's key as 8 bytes and a number (``keys.pack``); its index built anew."""
    from workbench.store import keys

    conn.execute("ALTER TABLE sentences ADD COLUMN occurrence INTEGER")
    conn.execute("DROP INDEX sentences_article_key")
    rows = conn.execute("SELECT id, key FROM sentences")
    while chunk := rows.fetchmany(5000):
        conn.executemany(
            "UPDATE sentences SET key = ?, occurrence = ? WHERE id = ?",
            [(*keys.pack(key), sid) for sid, key in chunk],
        )
    conn.execute("CREATE INDEX sentences_article_key ON sentences(article_id, key)")


def _log_in_batches(conn: sqlite3.Connection) -> None:
    """The events, one row per change, written into their batches (``log.encode``).

    A sentence deleted by a change is logged whole: its gap, not logged then, is read
    off its article's text as it was then (the whitespace just before it).  That text is
    the one the next change of the article's text found (a re-import, or the undoing or
    redoing of one: the text is in its log), or the text as it is now.  An article's text
    logged by such a change stays in the log as it was: replaying it spaces the sentences
    again (``log._replay``).
    """
    from workbench.store.log import encode, seconds

    retexts: dict[int, list[tuple[int, int]]] = {}  # article -> [(batch, event)] in order
    for event_id, batch, pk, before in conn.execute(
        "SELECT id, batch, pk, before FROM events WHERE tbl = 'articles' AND before IS NOT NULL"
        " ORDER BY batch, id"
    ):
        if "text" in json.loads(before):
            retexts.setdefault(json.loads(pk)["id"], []).append((batch, event_id))
    texts: dict[tuple[int, int], str] = {}

    def gap_before(article_id: int, batch: int, start: int) -> str:
        later = [e for b, e in retexts.get(article_id, []) if b >= batch]
        source = later[0] if later else 0
        if (article_id, source) not in texts:
            texts.clear()  # one text in memory at a time
            if source:
                row = conn.execute("SELECT before FROM events WHERE id = ?", [source]).fetchone()
                texts[article_id, source] = json.loads(row[0])["text"]
            else:
                row = conn.execute("SELECT text FROM articles WHERE id = ?", [article_id])
                texts[article_id, source] = (row.fetchone() or [""])[0]
        text = texts[article_id, source]
        begin = min(start, len(text))
        while begin > 0 and text[begin - 1].isspace():
            begin -= 1
        return text[begin:start] or " "

    _run(
        conn,
        """CREATE TABLE batches_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            reviewer TEXT NOT NULL,
            action TEXT NOT NULL,
            article_id INTEGER,
            sentence_id INTEGER,
            target INTEGER REFERENCES batches(id),
            step TEXT NOT NULL CHECK (step IN ('done', 'undone', 'dropped', 'undo', 'redo')),
            changes TEXT NOT NULL DEFAULT '[]',
            kind TEXT GENERATED ALWAYS AS
                (CASE WHEN step IN ('undo', 'redo') THEN step ELSE 'change' END) VIRTUAL,
            state TEXT GENERATED ALWAYS AS
                (CASE WHEN step IN ('undo', 'redo') THEN NULL ELSE step END) VIRTUAL
        )""",
    )
    batches = conn.execute(
        "SELECT id, at, reviewer, action, article_id, sentence_id, target,"
        " CASE WHEN kind = 'change' THEN COALESCE(state, 'done') ELSE kind END"
        " FROM batches ORDER BY id"
    )
    events = conn.execute("SELECT batch, tbl, pk, before, after FROM events ORDER BY batch, id")
    event = events.fetchone()
    rows = []
    for batch, at, *rest in batches:
        changes = []
        while event is not None and event[0] < batch:  # a change whose batch was lost
            event = events.fetchone()
        while event is not None and event[0] == batch:
            _, tbl, pk, before, after = event
            pk, before, after = json.loads(pk), _json(before), _json(after)
            if tbl == "sentences" and before is not None and after is None and "gap" not in before:
                before["gap"] = gap_before(before["article_id"], batch, before["start"])
            changes.append(encode(tbl, pk, before, after, batch))
            event = events.fetchone()
        rows.append([batch, seconds(at), *rest, json.dumps(changes, ensure_ascii=False,
                                                           separators=(",", ":"))])  # fmt: skip
        if len(rows) >= 1000:
            _write_batches(conn, rows)
    _write_batches(conn, rows)
    seq = _sequence(conn, "batches")
    _run(
        conn,
        "DROP TABLE events",
        "DROP TABLE batches",
        "ALTER TABLE batches_new RENAME TO batches",
    )
    _carry_sequence(conn, "batches", seq)


def _json(text: str | None) -> dict | None:
    return None if text is None else json.loads(text)


def _write_batches(conn: sqlite3.Connection, rows: list[list]) -> None:
    conn.executemany(
        "INSERT INTO batches_new (id, at, reviewer, action, article_id, sentence_id, target,"
        " step, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    rows.clear()


def _contentless_index(conn: sqlite3.Connection) -> None:
    """The claim index again, contentless, holding what it held (``claims``)."""
    from workbench.store import claims

    held = [r for (r,) in conn.execute("SELECT id FROM claim_index_docsize")]
    _run(
        conn,
        "DROP TABLE claim_vocab",
        "DROP TABLE claim_index",
        """CREATE VIRTUAL TABLE claim_index USING fts5(
            body, content = '', tokenize = 'porter unicode61 remove_diacritics 2'
        )""",
        "CREATE VIRTUAL TABLE claim_vocab USING fts5vocab(claim_index, 'row')",
    )
    claims.index_sentences(conn, [r // 2 for r in held if r % 2 == 0])
    claims.index_fact_checks(conn, [r // 2 for r in held if r % 2 == 1])
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('claim_index', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [claims.FORM],
    )
