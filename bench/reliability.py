"""Kills and concurrent writers: is every change reported done still there, the database sound?

    python bench/reliability.py [--kills 100] [--writers 8] [--changes 200]

1. Kills: a process makes changes through the Store (a verdict and a note, a flag,
   evidence, a split, a join, an undo), printing each one's number once the call
   has returned (committed); it is killed (SIGKILL) at a random moment, then
   restarted on the same database, ``--kills`` times.  After each kill: the
   database passes SQLite's integrity and foreign-key checks, and every change
   reported done is in the audit log.
2. Writers: ``--writers`` processes at once, each making ``--changes`` changes to
   sentences of its own (and reading the others'); afterwards every change of
   every writer is there, none lost, and each process's undo undid only its own.

Figures go to RELIABILITY.md.  Nothing here is a timed assertion.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHANGER = r"""
import sys
from workbench.errors import WorkbenchError
from workbench.model import Document, Verdict
from workbench.store import Store
db, start, who = sys.argv[1], int(sys.argv[2]), sys.argv[3]
store = Store(db, reviewer=who)
aid = store.articles()[0].id
n = start
while True:
    n += 1
    sentences = store.sentences_of(aid)
    s = sentences[n % len(sentences)]
    kind = n % 6
    try:
        if kind == 0:
            store.set_verdict(s.id, list(Verdict)[n % 3], note=f"change {n}")
        elif kind == 1:
            store.toggle_flag(s.id)
        elif kind == 2:
            store.add_evidence(s.id, url=f"https://e.example/{n}", title=f"evidence {n}")
        elif kind == 3 and len(s.text) > 20:
            store.split_sentence(s.id, len(s.text) // 2)
        elif kind == 4:
            store.join_sentences(s.id)
        else:
            store.undo(aid)
    except WorkbenchError:
        pass  # a join at a paragraph's end, an undo refused: refused, nothing changed
    print(n, len(store.history(limit=1_000_000)), flush=True)
"""

WRITER = r"""
import sys
from workbench.model import Verdict
from workbench.store import Store
db, me, writers, changes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
store = Store(db, reviewer=f"writer{me}")
aid = store.articles()[0].id
mine = [s for i, s in enumerate(store.sentences_of(aid)) if i % writers == me]
for n in range(changes):
    s = mine[n % len(mine)]
    store.set_verdict(s.id, list(Verdict)[n % 3], note=f"writer{me} change {n}")
    store.sentences_of(aid)  # reading while the others write
for _ in range(3):
    store.undo(aid)
print("done", flush=True)
"""

ARTICLE = "\n\n".join(
    " ".join(f"Sentence {p}.{i} of the article states something checkable." for i in range(4))
    for p in range(40)
)


def sound(db: Path) -> bool:
    with sqlite3.connect(db) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return ok and not conn.execute("PRAGMA foreign_key_check").fetchall()


def kills(db: Path, count: int) -> tuple[int, int, int]:
    """(kills survived, changes reported done, changes found missing)."""
    survived = reported = missing = 0
    start = 0
    for _ in range(count):
        proc = subprocess.Popen([sys.executable, "-c", CHANGER, str(db), str(start), "k"],
                                stdout=subprocess.PIPE)  # fmt: skip
        deadline = time.monotonic() + random.uniform(0.3, 1.5)
        last: tuple[int, int | None] = (start, None)
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        os.set_blocking(fd, False)
        buffer = ""

        def take(text: str) -> str:
            """Read whole lines ("number logged"); keep a half line for later."""
            nonlocal last
            *lines, rest = text.split("\n")
            for line in lines:
                if line.strip():
                    n, logged = line.split()
                    last = (int(n), int(logged))
            return rest

        def read(fd: int = fd) -> str:
            try:
                return os.read(fd, 65536).decode()
            except BlockingIOError:
                return ""

        while time.monotonic() < deadline:
            chunk = read()
            if chunk:
                buffer = take(buffer + chunk)
            else:
                time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        while chunk := read():  # reported before the kill landed
            buffer += chunk
        take(buffer + "\n")
        reported += last[0] - start
        start = last[0]
        if sound(db):
            survived += 1
        if last[1] is not None:
            with sqlite3.connect(db) as conn:
                in_log = conn.execute("SELECT COUNT(*) FROM batches").fetchone()[0]
            missing += max(0, last[1] - in_log)
    return survived, reported, missing


def writers(db: Path, count: int, changes: int) -> tuple[int, int, bool]:
    """(changes made, changes found, every process's undo took only its own)."""
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(i), str(count),
                               str(changes)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for i in range(count)]  # fmt: skip
    for p in procs:
        _, err = p.communicate(timeout=600)
        if p.returncode:
            raise SystemExit(f"a writer failed: {err}")
    with sqlite3.connect(db) as conn:
        found = conn.execute(
            "SELECT COUNT(*) FROM batches WHERE kind = 'change' AND reviewer LIKE 'writer%'"
        ).fetchone()[0]
        undone = conn.execute(
            "SELECT b.reviewer, u.reviewer FROM batches u JOIN batches b ON b.id = u.target"
            " WHERE u.kind = 'undo'"
        ).fetchall()
    return count * changes, found, all(a == b for a, b in undone) and len(undone) == 3 * count


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--changes", type=int, default=200)
    args = ap.parse_args()
    from workbench.model import Document
    from workbench.segment import segment
    from workbench.store import Store

    random.seed(7)
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("kills.db", "writers.db"):
            with Store(Path(tmp) / name, reviewer="setup") as store:
                store.import_article(Document("A", ARTICLE, "/a.txt"), segment(ARTICLE))
        t0 = time.perf_counter()
        survived, reported, missing = kills(Path(tmp) / "kills.db", args.kills)
        print(f"kills: {survived} of {args.kills} left a sound database; {reported} changes"
              f" reported done, {missing} of them missing ({time.perf_counter() - t0:.0f} s)")  # fmt: skip
        t0 = time.perf_counter()
        made, found, own = writers(Path(tmp) / "writers.db", args.writers, args.changes)
        print(f"writers: {args.writers} at once, {made} changes made, {found} found;"
              f" each undo took only its own: {own} ({time.perf_counter() - t0:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
