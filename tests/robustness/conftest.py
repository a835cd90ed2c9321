"""The real program, as a user runs it: the installed command, its exit status and stderr."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SAMPLE


@dataclass
class Ran:
    code: int
    out: str
    err: str


class Workbench:
    """``workbench`` in a process of its own, on a database of its own."""

    def __init__(self, tmp: Path) -> None:
        found = shutil.which("workbench", path=str(Path(sys.executable).parent))
        if found is None:
            pytest.skip("the workbench console script is not installed")
        self.command = found
        self.tmp = tmp
        self.db = tmp / "robust.db"
        self.config = tmp / "config.toml"
        self.report_json = ""  # the database's JSON report of article 1, when known
        self.env = {
            **os.environ,
            "WORKBENCH_DB": str(self.db),
            "WORKBENCH_CONFIG": str(self.config),
            "WORKBENCH_REVIEWER": "robust",
            "XDG_CACHE_HOME": str(tmp / "cache"),
        }

    def __call__(self, *args: str | bytes, stdin: bytes = b"", timeout: float = 60) -> Ran:
        done = subprocess.run(
            [self.command, *args], input=stdin, env=self.env, capture_output=True,
            timeout=timeout,
        )  # fmt: skip
        return Ran(done.returncode, done.stdout.decode("utf-8", "replace"),
                   done.stderr.decode("utf-8", "replace"))  # fmt: skip

    def fingerprint(self) -> str:
        """The database file's bytes, after every change has reached it (WAL checkpointed)."""
        with sqlite3.connect(self.db) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        return hashlib.sha256(self.db.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def reviewed_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The sample with a verdict and a note, made once by the installed command, and its
    JSON report (``export 1 -f json``)."""
    w = Workbench(tmp_path_factory.mktemp("reviewed"))
    assert w("import", str(SAMPLE)).code == 0
    assert w("tag", "1", "2", "disputed", "--note", "checked").code == 0
    exported = w("export", "1", "-f", "json")
    assert exported.code == 0, exported.err
    w.fingerprint()  # every change in the file itself, none left in the log
    return w.db, exported.out


@pytest.fixture
def wb(tmp_path: Path, reviewed_db: tuple[Path, str]) -> Workbench:
    """A database of its own holding the sample with a verdict and a note (a copy)."""
    w = Workbench(tmp_path)
    shutil.copyfile(reviewed_db[0], w.db)
    w.report_json = reviewed_db[1]
    return w


def refused(ran: Ran, code: int = 1) -> str:
    """The one line a refused input gets; no traceback."""
    assert ran.code == code, (ran.code, ran.out, ran.err)
    lines = ran.err.strip().splitlines()
    assert len(lines) == 1, ran.err
    assert lines[0].startswith("workbench: "), ran.err
    assert "Traceback" not in ran.err and "\x1b" not in ran.err
    return lines[0]
