"""A process killed at any moment leaves a consistent database and loses nothing shown as done."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlite_utils

from bench.articles import article_of_size
from workbench.model import Verdict
from workbench.store import Store

SCRIPT = """
import sys
from workbench.config import Settings
from workbench.importer import import_source
from workbench.store import Store
store = Store(sys.argv[1], reviewer="killed")
print("ready", flush=True)
for i in range(1000):
    print("importing", i, flush=True)
    import_source(store, sys.argv[2], Settings(reviewer="killed"), title=f"copy {i}")
    with open(sys.argv[2], "a") as f:
        f.write(f"Another sentence number {i} is added here.\\n")
"""


def test_killed_in_the_middle_of_imports(tmp_path: Path) -> None:
    db, src = tmp_path / "k.db", tmp_path / "big.txt"
    src.write_text(article_of_size(300_000), encoding="utf-8")
    with Store(db, reviewer="me") as store:
        pass
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(db), str(src)],
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for i in range(2):  # the first import done (the article stored), the second begun
        assert proc.stdout.readline().strip() == f"importing {i}"
    # A second into the second import (a changed text, imported again: several seconds),
    # whatever the machine's speed before it: segmenting, storing or cross-referencing.
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    conn = sqlite_utils.Database(db).conn
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Store(db, reviewer="me") as store:
        for a in store.articles():  # every stored article is whole: no half import
            ss = store.sentences_of(a.id)
            text = store.article_text(a.id)
            assert ss and [s.position for s in ss] == list(range(1, len(ss) + 1))
            assert all(text[s.start : s.end] == s.text for s in ss)
        # and the database goes on working
        assert store.articles()  # the first import had finished: the article is there
        s = store.sentence_at(store.articles()[0].id, 1)
        assert store.set_verdict(s.id, Verdict.VERIFIED).verdict is Verdict.VERIFIED


def test_a_change_is_on_disk_before_the_call_returns(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    src = tmp_path / "a.txt"
    src.write_text("One claim is here. Another claim is there.\n")
    code = (
        "import os, sys\n"
        "from workbench.config import Settings\n"
        "from workbench.importer import import_source\n"
        "from workbench.model import Verdict\n"
        "from workbench.store import Store\n"
        f"s = Store({str(db)!r}, reviewer='k')\n"
        f"a = import_source(s, {str(src)!r}, Settings(reviewer='k')).article\n"
        "s.set_verdict(s.sentence_at(a.id, 2).id, Verdict.DISPUTED)\n"
        "os.kill(os.getpid(), 9)\n"  # no close, no clean exit
    )
    subprocess.run([sys.executable, "-c", code], check=False)
    with Store(db) as store:
        assert store.sentence_at(1, 2).verdict is Verdict.DISPUTED
