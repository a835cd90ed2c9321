"""The command line: the contract of PRODUCT.md, exit codes, one-line errors."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SAMPLE
from workbench.cli import cli
from workbench.store import Store


def run(db: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_import_tag_export_list(db_path: Path) -> None:
    code, out, _ = run(db_path, "import", str(SAMPLE))
    assert code == 0 and out.startswith("1\t") and "15 sentences" in out
    code, out, _ = run(db_path, "tag", "1", "3", "disputed", "--note", "contradicted by CENTCOM")
    assert code == 0 and "disputed" in out
    code, out, err = run(db_path, "export", "1", "-f", "json")
    assert code == 0 and err == ""  # to standard output: nothing said of a file
    report = json.loads(out)
    third = report["sentences"][2]
    assert (third["position"], third["verdict"], third["note"]) == (
        3,
        "disputed",
        "contradicted by CENTCOM",
    )
    assert third["reviewer"] == "tester"
    assert report["summary"] == {
        "sentences": 15,
        "verified": 0,
        "disputed": 1,
        "opinion": 0,
        "unreviewed": 14,
        "flagged": 0,
    }
    code, out, _ = run(db_path, "list", "--json")
    assert code == 0
    (row,) = json.loads(out)
    assert (row["id"], row["sentences"], row["disputed"], row["unreviewed"]) == (1, 15, 1, 14)


def test_import_json_and_reimport_is_the_same_article(db_path: Path) -> None:
    _, out, _ = run(db_path, "import", "--json", str(SAMPLE))
    assert json.loads(out)[0]["status"] == "new"
    _, out, _ = run(db_path, "import", "--json", str(SAMPLE))
    (row,) = json.loads(out)
    assert row == {
        "id": 1, "title": "Us troops syria withdrawal", "url": None, "published": None,
        "authors": [], "outlet": None, "imported_at": row["imported_at"], "sentences": 15,
        "status": "same", "crossrefs": 0, "text_changed": [], "reviewed_gone": 0, "cuts_not_kept": 0,
        "warnings": [], "source": str(SAMPLE),
    }  # fmt: skip


def test_import_of_several_sources_names_the_one_that_fails_and_imports_the_others(
    db_path: Path, tmp_path: Path
) -> None:
    """One source that can't be imported among several: it is named on standard error,
    the others are imported and listed (in ``--json`` by the source they came from), and
    the status is 1."""
    first, empty, last = tmp_path / "first.txt", tmp_path / "empty.txt", tmp_path / "last.txt"
    first.write_text("The first article says one thing. It says another.\n")
    empty.write_text("   \n")
    last.write_text("The last article says something else. And more.\n")
    code, out, err = run(db_path, "import", str(first), str(empty), str(last))
    assert code == 1
    assert [line.split("\t")[1] for line in out.splitlines()] == ["First", "Last"]
    assert err.count("workbench: error:") == 1 and "empty.txt" in err
    code, out, err = run(db_path, "import", "--json", str(tmp_path / "none.txt"), str(first))
    assert code == 1 and "none.txt" in err
    (row,) = json.loads(out)
    assert (row["source"], row["status"]) == (str(first), "same")
    assert run(db_path, "import", str(empty))[0] == 1  # one source: its error, as ever


def test_import_json_carries_the_warnings_too(db_path: Path, tmp_path: Path) -> None:
    """What a text import warns about (bytes that were not text) is in ``--json``'s
    "warnings", and on standard error as without it."""
    odd = tmp_path / "odd.txt"
    text = "Troops left the base on Monday, officials said. Café owners in Zürich were glad."
    odd.write_bytes(text.encode() + b" A stray \xff byte.\n")
    code, out, err = run(db_path, "import", "--json", str(odd))
    (row,) = json.loads(out)
    assert code == 0 and row["warnings"] and "warning:" in err
    assert row["warnings"][0] in err


def test_import_from_stdin(db_path: Path) -> None:
    code, out, _ = run(db_path, "import", "-", "--title", "Piped", input="One. Two claims here.\n")
    assert code == 0 and "Piped" in out


def test_tag_none_clears_and_unknown_verdict_is_an_error(db_path: Path) -> None:
    run(db_path, "import", str(SAMPLE))
    run(db_path, "tag", "1", "1", "verified")
    assert run(db_path, "tag", "1", "1", "none")[0] == 0
    code, _, err = run(db_path, "tag", "1", "1", "maybe")
    assert code == 1
    assert (
        err
        == "workbench: error: unknown verdict 'maybe' (choose one of: verified, disputed, opinion, none)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tag", "1", "99", "verified"], "has no sentence 99"),
        (["tag", "7", "1", "verified"], "no article with id 7"),
        (["export", "7"], "no article with id 7"),
        (["import", "/no/such/file.txt"], "/no/such/file.txt"),
    ],
)
def test_user_errors_are_one_line_exit_1(db_path: Path, args: list[str], message: str) -> None:
    run(db_path, "import", str(SAMPLE))
    code, _, err = run(db_path, *args)
    assert code == 1
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_bad_usage_is_exit_2(db_path: Path) -> None:
    code, _, err = run(db_path, "tag", "one")
    assert code == 2 and "Usage" in err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"   \n\n", "is empty: nothing to review"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64, "not a text file"),
        ("big.txt", b"A claim here. " * 100_000, "over the 1.0 MB import limit"),
        ("missing.txt", None, "no such file"),
        ("folder", "dir", "is a directory"),
    ],
)
def test_bad_sources_write_nothing(
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: bytes | str | None,
    message: str,
) -> None:
    monkeypatch.setenv("WORKBENCH_MAX_MB", "1")
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    code, _, err = run(db_path, "import", str(SAMPLE), str(path))
    assert code == 1 and message in err and err.count("\n") == 1
    # The good file before it in the same command was imported; the bad one added nothing.
    listed = json.loads(run(db_path, "list", "--json")[1])
    assert [a["sentences"] for a in listed] == [15]
    import sqlite_utils

    assert sqlite_utils.Database(db_path)["sentences"].count == 15


def test_a_database_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("not a database\n" * 100)
    before = db.read_bytes()
    code, _, err = run(db, "list")
    assert code == 1 and "not a workbench database" in err
    assert db.read_bytes() == before


def test_version() -> None:
    from workbench import __version__

    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_control_characters_in_titles_are_printed_visibly(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "evil.txt"
    src.write_text("Some claim with an escape \x1b[31mred\x1b[0m in it. Another one here.\n")
    run(db_path, "import", str(src), "--title", "T\x1b[2Jitle")
    _, out, _ = run(db_path, "list")
    assert "\x1b" not in out and "T␛[2Jitle" in out  # the same picture as on the screen


# -- the installed console script ------------------------------------------------


def _script() -> str:
    found = shutil.which("workbench", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the workbench console script is not installed in this environment")
    return found


def test_console_script_exit_codes_and_stderr(tmp_path: Path) -> None:
    script = _script()
    env = {**os.environ, "WORKBENCH_DB": str(tmp_path / "s.db")}
    ok = subprocess.run([script, "import", str(SAMPLE)], capture_output=True, text=True, env=env)
    assert ok.returncode == 0 and "15 sentences" in ok.stdout
    bad = subprocess.run(
        [script, "tag", "1", "1", "bogus"], capture_output=True, text=True, env=env
    )
    assert bad.returncode == 1 and bad.stderr.startswith("workbench: error: unknown verdict")
    assert "Traceback" not in bad.stderr
    usage = subprocess.run([script, "frobnicate"], capture_output=True, text=True, env=env)
    assert usage.returncode == 2
    module = subprocess.run(
        [sys.executable, "-m", "workbench", "list", "--json"], capture_output=True, text=True,
        env=env,
    )  # fmt: skip
    assert module.returncode == 0 and json.loads(module.stdout)[0]["sentences"] == 15


def test_json_report_round_trip_into_another_database(db_path: Path, tmp_path: Path) -> None:
    run(db_path, "import", str(SAMPLE))
    run(db_path, "tag", "1", "1", "verified", "--note", "checked")
    run(db_path, "tag", "1", "3", "disputed")
    report = tmp_path / "review.json"
    assert run(db_path, "export", "1", "-o", str(report)) == (0, "", f"wrote {report}\n")
    other = tmp_path / "other.db"
    code, out, _ = run(other, "import", str(report))
    assert code == 0 and "restored" in out
    _, exported, _ = run(other, "export", "1", "-f", "json")
    again = json.loads(exported)
    original = json.loads(report.read_text())
    for a, b in zip(original["sentences"], again["sentences"], strict=True):
        for field in ("position", "text", "start", "end", "key", "verdict", "note", "reviewer",
                      "reviewed_at", "flagged"):  # fmt: skip
            assert a[field] == b[field]


def test_a_broken_json_report_is_refused(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"workbench_version": "0.1", "article": ')
    code, _, err = run(db_path, "import", str(bad))
    assert code == 1 and "not valid JSON" in err
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}')
    code, _, err = run(db_path, "import", str(other))
    assert code == 1 and "not a workbench report" in err
    assert run(db_path, "list", "--json")[1].strip() == "[]"


def test_export_to_an_unwritable_path_leaves_nothing(db_path: Path, tmp_path: Path) -> None:
    run(db_path, "import", str(SAMPLE))
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = run(db_path, "export", "1", "-o", str(locked / "r.json"))
        if os.geteuid() != 0:  # root writes anywhere; the missing-folder case below still holds
            assert code == 1 and "cannot write" in err
        code, _, err = run(db_path, "export", "1", "-o", str(tmp_path / "no" / "such" / "r.json"))
        assert code == 1 and "cannot write" in err and err.count("\n") == 1
        assert not (tmp_path / "no").exists()
        assert gc.isenabled()  # paused for the export, resumed when it failed
    finally:
        locked.chmod(0o700)
    assert [p.name for p in locked.iterdir() if p.name != "r.json"] == []


def test_export_to_a_file_named_for_no_format_asks_for_one(db_path: Path, tmp_path: Path) -> None:
    """``-o x.pdf`` without ``-f``: refused in one line, nothing written; no extension is
    Markdown, and ``-f`` decides whatever the name."""
    run(db_path, "import", str(SAMPLE))
    code, _, err = run(db_path, "export", "1", "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and err.count("\n") == 1 and "no report format is named .pdf" in err
    assert not (tmp_path / "x.pdf").exists()
    assert run(db_path, "export", "1", "-o", str(tmp_path / "plain"))[0] == 0
    assert (tmp_path / "plain").read_text().startswith("# ")
    assert run(db_path, "export", "1", "-f", "json", "-o", str(tmp_path / "x.pdf"))[0] == 0
    assert json.loads((tmp_path / "x.pdf").read_text())["summary"]["sentences"] == 15


def test_history_of_an_unknown_article_is_an_error(db_path: Path) -> None:
    run(db_path, "import", str(SAMPLE))
    code, out, err = run(db_path, "history", "99")
    assert (code, out) == (1, "") and "no article with id 99" in err
    assert run(db_path, "history", "1")[:2] == (0, "no changes yet\n")
    run(db_path, "tag", "1", "3", "verified")
    code, out, _ = run(db_path, "history", "1", "--json")
    assert code == 0 and [(r["action"], r["position"]) for r in json.loads(out)] == [("verdict", 3)]
    assert "\tarticle 1, sentence 3\tverdict" in run(db_path, "history", "1")[1]


def test_open_an_unknown_article_id_is_one_line(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    result = CliRunner().invoke(cli, ["--db", db, "open", "7"])
    assert result.exit_code == 1
    assert result.stderr == "workbench: error: no article with id 7 (see: workbench list)\n"
    for odd in ("²", "99999999999999999999"):  # digits to Python, not an id: a missing file
        result = CliRunner().invoke(cli, ["--db", db, "open", odd])
        assert result.exit_code == 1 and result.stderr == f"workbench: error: no such file: {odd}\n"
    result = CliRunner().invoke(cli, ["--db", db, "open", "7", "--title", "X"])
    assert result.exit_code == 2 and "--title applies to a SOURCE" in result.stderr


def test_a_bulk_checks_import_leaves_the_claim_index_in_one_segment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past COMPACT_AFTER fact-checks in one import, the index's segments are merged (each
    batch of a bulk import writes its own); what it finds stays the same."""
    import workbench.factchecks

    db = tmp_path / "w.db"
    monkeypatch.setattr(workbench.factchecks, "COMPACT_AFTER", 30)
    for part in range(3):
        checks = tmp_path / f"checks{part}.csv"
        rows = [f"Claim {part}-{i} about the bridge toll number {i * 7 + part}" for i in range(20)]
        checks.write_text("claim,rating\n" + "".join(f"{r},False\n" for r in rows))
        code, _, err = run(db, "checks", "import", str(checks))
        assert code == 0, err
    with Store(db, reviewer="t") as store:
        segments = store.conn.execute("SELECT COUNT(DISTINCT segid) FROM claim_index_idx")
        before = segments.fetchone()[0]
    assert before > 1  # three imports of 20: under the threshold each, never merged
    big = tmp_path / "big.csv"
    big.write_text(
        "claim,rating\n" + "".join(f"Another claim {i} on tolls,True\n" for i in range(40))
    )
    code, _, err = run(db, "checks", "import", str(big))
    assert code == 0, err
    with Store(db, reviewer="t") as store:
        assert (
            store.conn.execute("SELECT COUNT(DISTINCT segid) FROM claim_index_idx").fetchone()[0]
            == 1
        )
        found = store.conn.execute(
            "SELECT COUNT(*) FROM claim_index WHERE claim_index MATCH 'bridge'"
        ).fetchone()[0]
    assert found == 60


def test_a_database_named_with_a_tilde_goes_in_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--db '~/w.db'`` (quoted: the shell left the ~) is the home folder's, and the folder
    checked is that one, not a "~" folder made where the command runs."""
    home, here = tmp_path / "home", tmp_path / "here"
    home.mkdir()
    here.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(here)
    result = CliRunner().invoke(cli, ["--db", "~/w.db", "import", str(SAMPLE)])
    assert result.exit_code == 0, result.stderr
    assert (home / "w.db").exists() and not (here / "~").exists()
    result = CliRunner().invoke(cli, ["--db", "~/nope/w.db", "list"])
    assert result.exit_code == 1 and str(home / "nope") in result.stderr


def test_a_command_whose_output_is_closed_ends_quietly(tmp_path: Path) -> None:
    """Started with its standard output closed (``>&-``): no traceback."""
    workbench = shutil.which("workbench", path=str(Path(sys.executable).parent))
    assert workbench is not None
    db = tmp_path / "w.db"
    done = subprocess.run(
        ["sh", "-c", f'"{workbench}" --db "{db}" list >&-'], capture_output=True, text=True
    )
    assert "Traceback" not in done.stderr and done.returncode == 0, done.stderr
