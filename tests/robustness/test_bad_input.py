"""Every kind of bad input, through the installed command: one clear line, nothing changed.

Each refused input must give exit status 1 (2 for bad usage), one line on stderr
starting ``workbench:``, no traceback, and leave the database byte for byte as it
was.  Inputs that are odd but fine (another encoding, NUL bytes, markup) must be
taken, and shown without driving the terminal.
"""

from __future__ import annotations

import json
import os
import random
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.robustness.conftest import Ran, Workbench, refused

Case = Callable[[Workbench], list]


def write(wb: Workbench, name: str, data: bytes | str) -> str:
    path = wb.tmp / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def report(wb: Workbench, name: str, change: Callable[[dict], None]) -> str:
    """A real JSON report of article 1 (exported once, by the installed command), changed
    by ``change``."""
    doc = json.loads(wb.report_json)
    change(doc)
    return write(wb, name, json.dumps(doc))


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def sentence(field: str, value: object) -> Callable[[dict], None]:
    def change(doc: dict) -> None:
        doc["sentences"][0][field] = value

    return change


def reviewed(at: str) -> Callable[[dict], None]:
    """The first sentence given a verdict, reviewed ``at`` (which decides a merge)."""

    def change(doc: dict) -> None:
        doc["sentences"][0].update(verdict="verified", reviewer="someone", reviewed_at=at)

    return change


BAD_ARTICLES: dict[str, Case] = {
    "an empty file": lambda wb: ["import", write(wb, "empty.txt", b"")],
    "whitespace only": lambda wb: ["import", write(wb, "blank.txt", b"  \n\t\n   \r\n")],
    "binary data": lambda wb: ["import", write(wb, "bin.txt", bytes(range(256)) * 64)],
    "a PNG named .txt": lambda wb: [
        "import",
        write(wb, "img.txt", b"\x89PNG\r\n\x1a\n" + bytes(512)),
    ],
    "a path that does not exist": lambda wb: ["import", str(wb.tmp / "nowhere.txt")],
    "a directory": lambda wb: ["import", str(wb.tmp)],
    "a FIFO": lambda wb: ["import", fifo(wb)],
    "/dev/zero": lambda wb: ["import", "/dev/zero"],
    "/dev/urandom": lambda wb: ["open", "/dev/urandom"],
    "over the size limit": lambda wb: ["import", write(wb, "big.txt", "A claim here. " * 80_000)],
    "a javascript: URL for --url": lambda wb: [
        "import",
        write(wb, "ok.txt", "A fine claim.\n"),
        "--url",
        "javascript:alert(1)",
    ],
    "a URL with a line break": lambda wb: [
        "import",
        write(wb, "ok2.txt", "A fine claim too.\n"),
        "--url",
        "https://x.example/a\nInjected: yes",
    ],
    "a URL with an escape": lambda wb: [
        "import",
        write(wb, "ok3.txt", "Yet another claim.\n"),
        "--url",
        "https://x.example/\x1b[2J",
    ],
}

BAD_REPORTS: dict[str, Case] = {
    "a report that is not JSON": lambda wb: [
        "import",
        write(wb, "r.json", '{"workbench_version": '),
    ],
    "JSON nested 100,000 deep": lambda wb: ["import", write(wb, "deep.json", nested(100_000))],
    "JSON, but not a report": lambda wb: ["import", write(wb, "other.json", '{"a": 1}')],
    "a number as verdict": lambda wb: ["import", report(wb, "v.json", sentence("verdict", 3))],
    "an unknown verdict": lambda wb: ["import", report(wb, "u.json", sentence("verdict", "maybe"))],
    "a list as key": lambda wb: ["import", report(wb, "k.json", sentence("key", ["a"]))],
    "a list as text": lambda wb: ["import", report(wb, "t.json", sentence("text", [1, 2]))],
    "evidence not a list": lambda wb: ["import", report(wb, "e.json", sentence("evidence", "x"))],
    "a 5,000-digit position": lambda wb: [
        "import",
        write(
            wb,
            "p.json",
            Path(report(wb, "p0.json", sentence("position", 123456789)))
            .read_text()
            .replace("123456789", "9" * 5000),
        ),
    ],
    "a position of true": lambda wb: ["import", report(wb, "b.json", sentence("position", True))],
    "a javascript: evidence URL": lambda wb: [
        "import",
        report(wb, "j.json", sentence("evidence", [{"url": "javascript:alert(1)", "title": "x"}])),
    ],
    "a javascript: article URL": lambda wb: [
        "import",
        report(wb, "a.json", lambda d: d["article"].__setitem__("url", "javascript:alert(1)")),
    ],
    'flagged "true"': lambda wb: ["import", report(wb, "f1.json", sentence("flagged", "true"))],
    "flagged 2": lambda wb: ["import", report(wb, "f2.json", sentence("flagged", 2))],
    "a negative start": lambda wb: ["import", report(wb, "s1.json", sentence("start", -5))],
    "an end as text": lambda wb: ["import", report(wb, "s2.json", sentence("end", "12"))],
    "paragraph 0": lambda wb: ["import", report(wb, "s3.json", sentence("paragraph", 0))],
    "reviewed_at not a time": lambda wb: [
        "import",
        report(wb, "w1.json", reviewed("yesterday")),
    ],
    "reviewed_at a date without a time": lambda wb: [
        "import",
        report(wb, "w2.json", reviewed("2026-03-01")),
    ],
    "reviewed_at without its UTC offset": lambda wb: [
        "import",
        report(wb, "w3.json", reviewed("2026-03-01T09:30:00")),
    ],
    "a number as article text": lambda wb: [
        "import",
        report(wb, "x.json", lambda d: d["article"].__setitem__("text", 5)),
    ],
}

BAD_CHECKS: dict[str, Case] = {
    "ClaimReview that is not JSON": lambda wb: ["checks", "import", write(wb, "c.json", "{nope")],
    "@graph not a list": lambda wb: [
        "checks",
        "import",
        write(wb, "g.json", '{"@graph": {"@type": "ClaimReview"}}'),
    ],
    "ClaimReview nested 100,000 deep": lambda wb: [
        "checks",
        "import",
        write(wb, "d.json", nested(100_000)),
    ],
    "no ClaimReview in it": lambda wb: ["checks", "import", write(wb, "n.json", '[{"a": 1}]')],
    "a CSV without a claim column": lambda wb: [
        "checks",
        "import",
        write(wb, "h.csv", "a,b\n1,2\n"),
    ],
    "a CSV cell of 2,000,000 characters": lambda wb: [
        "checks",
        "import",
        write(wb, "cell.csv", 'claim,rating\n"' + "x" * 2_000_000 + '",False\n'),
    ],
    "a fact-check FIFO": lambda wb: ["checks", "import", fifo(wb)],
    "a CSV cell too long on line 4": lambda wb: [
        "checks",
        "import",
        write(wb, "cell4.csv", 'claim,rating\nOne,False\nTwo,True\n"' + "x" * 1_100_000 + '",x\n'),
    ],
    "a CSV over the size limit": lambda wb: [
        "checks",
        "import",
        write(wb, "big.csv", "claim,rating\n" + "A claim here,False\n" * 28_700),
    ],
    "a ClaimReview file over the size limit": lambda wb: [
        "checks",
        "import",
        write(
            wb,
            "big.json",
            json.dumps([{"@type": "ClaimReview", "claimReviewed": "x" * 99}] * 7_000),
        ),
    ],
}

# What the one line must say, beyond being one: the field, the line, the numbers.
SAYS = {
    'flagged "true"': "sentence 1: flagged is not true or false",
    "flagged 2": "sentence 1: flagged is not true or false",
    "a negative start": "sentence 1: start must be a whole number from 0 on",
    "an end as text": "sentence 1: end must be a whole number from 0 on",
    "paragraph 0": "sentence 1: paragraph must be a whole number from 1 on",
    "a position of true": "sentence 1 of the list: position is not a whole number",
    "reviewed_at not a time": "sentence 1: reviewed_at is not a date and time",
    "reviewed_at a date without a time": "sentence 1: reviewed_at is not a date and time",
    "reviewed_at without its UTC offset": "sentence 1: reviewed_at is not a date and time",
    "a number as article text": "article.text is not text",
    "a CSV cell of 2,000,000 characters": "line 2:",
    "a CSV cell too long on line 4": "line 4:",
    "over the size limit": "is 1.1 MB, over the 0.5 MB import limit",
    "a CSV over the size limit": "is 0.52 MB, over the 0.50 MB import limit",  # told apart
    "a ClaimReview file over the size limit": "is 1.0 MB, over the 0.5 MB import limit",
}
SMALL_LIMIT = {"over the size limit", "a CSV over the size limit",
               "a ClaimReview file over the size limit"}  # fmt: skip

BAD_USAGE: dict[str, Case] = {
    "an id too large for SQLite": lambda wb: ["tag", "99999999999999999999", "1", "verified"],
    "a negative position": lambda wb: ["tag", "1", "-3", "verified"],
    "an export id too large": lambda wb: ["export", "18446744073709551616"],
    "an xref id of zero": lambda wb: ["xref", "0"],
    "a note that is not UTF-8": lambda wb: ["tag", "1", "1", "verified", "--note", b"bad \xff\xfe"],
    "a title that is not UTF-8": lambda wb: [
        "import",
        write(wb, "t.txt", "A claim.\n"),
        "--title",
        b"\xc3\x28",
    ],
    "an unknown command with an escape": lambda wb: ["\x1b[2Jhello"],
    "xref --min-score nan": lambda wb: ["xref", "--min-score", "nan"],
    "an export format that is none": lambda wb: ["export", "1", "-f", "pdf"],
}


def fifo(wb: Workbench) -> str:
    path = wb.tmp / f"pipe{random.randrange(10**9)}"
    os.mkfifo(path)
    return str(path)


@pytest.mark.parametrize("case", list(BAD_ARTICLES) + list(BAD_REPORTS) + list(BAD_CHECKS))
def test_a_bad_input_is_refused_in_one_line_and_changes_nothing(wb: Workbench, case: str) -> None:
    if case in SMALL_LIMIT:
        wb.config.write_text("[import]\nmax_mb = 0.5\n")
    args = {**BAD_ARTICLES, **BAD_REPORTS, **BAD_CHECKS}[case](wb)
    before = wb.fingerprint()
    line = refused(wb(*args, timeout=30))
    assert wb.fingerprint() == before, line
    assert len(line) < 400
    assert SAYS.get(case, "") in line


@pytest.mark.parametrize("case", list(BAD_USAGE))
def test_bad_usage_is_status_2_in_one_line(wb: Workbench, case: str) -> None:
    args = BAD_USAGE[case](wb)
    before = wb.fingerprint()
    line = refused(wb(*args), code=2)
    assert wb.fingerprint() == before, line


@pytest.mark.parametrize(
    "settings",
    [
        "[import]\nmax_mb = inf\n",
        "[import]\nmax_mb = nan\n",
        "[import]\nmax_mb = 1e308\n",
        "[import]\nmax_mb = -1\n",
        "[matching]\nsuggest = 200\n",
        "reviewer = 3\n",
        "[report.ratings]\nverified = [1e400, 'x']\n",
        "not toml at all [[[\n",
    ],
)
def test_a_broken_settings_file_is_one_line(wb: Workbench, settings: str) -> None:
    wb.config.write_text(settings)
    line = refused(wb("list"))
    assert str(wb.config) in line


def test_databases_that_are_not_ours_are_refused_untouched(wb: Workbench) -> None:
    cases = {
        "text.db": b"just some text, not a database at all\n" * 10,
        "zero.db": bytes(4096),
        "half.db": wb.db.read_bytes()[:5000],
    }
    for name, data in cases.items():
        path = wb.tmp / name
        path.write_bytes(data)
        ran = wb("--db", str(path), "list")
        refused(ran)
        assert path.read_bytes() == data, name


ODD_BUT_FINE = {
    "cp1252": ("Le président a dit «oui». Même l’été.\n".encode("cp1252"), "président"),
    "latin-1 Greek": ("Ο πρόεδρος είπε ναι. Και όχι.\n".encode("iso-8859-7"), "πρόεδρος"),
    "UTF-16 without BOM": ("The minister said yes. Then no.\n".encode("utf-16-le"), "minister"),
    "UTF-16 with BOM": ("The mayor said no. Then yes.\n".encode("utf-16"), "mayor"),
    "UTF-8, two bad bytes": (
        "Der Bürgermeister sagte ja. ".encode() + b"\xff\xfe" + b"Und nein.\n",
        "Bürgermeister",
    ),
    "UTF-8, four bad bytes in a small German file": (
        "Der Bürgermeister sagte ja. ".encode() + b"\xff\xfe\xfd\xfc" + b" Und nein.\n",
        "Bürgermeister sagte ja. \ufffd\ufffd\ufffd\ufffd Und",
    ),
    "ASCII with one stray byte": (b"Hello world. \xff", "Hello world. \ufffd"),
    "UTF-16 without BOM, Cyrillic": (
        "Президент сказал «да». И нет.\n".encode("utf-16-le"),
        "Президент сказал «да»",
    ),
    "UTF-16 without BOM, Greek": (
        "Ο πρόεδρος είπε ναι. Και όχι.\n".encode("utf-16-be"),
        "Ο πρόεδρος είπε ναι",
    ),
    "UTF-16 without BOM, Chinese": (
        "美国政府正在从叙利亚撤出近一千名士兵。这是一个重要的决定。\n".encode("utf-16-le"),
        "美国政府正在从叙利亚撤出",
    ),
    "NUL bytes": (b"A claim\x00 with NULs.\x00 And another one.\n", "with NULs"),
    "CRLF and lone CR": (
        b"First line claim.\r\nSecond line claim.\rThird line claim.\n",
        "Third line",
    ),
    "Rich markup and ANSI": (
        b"A [bold]claim[/bold] and \x1b]52;c;aGk=\x07 OSC. \x1b[2J Clear.\n",
        "[bold]claim[/bold]",
    ),
    "bidi and zero-width": (
        "Pay \u202eevil\u202c now. Hidden\u200b word here.\n".encode(),
        "<U+202E>evil",
    ),
    "100,000 characters with no punctuation": (("word " * 20_000).encode(), "word word"),
}


@pytest.mark.parametrize("case", list(ODD_BUT_FINE))
def test_odd_but_fine_input_is_taken_and_shown_inert(wb: Workbench, case: str) -> None:
    data, shown = ODD_BUT_FINE[case]
    path = write(wb, f"odd-{abs(hash(case))}.txt", data)
    ran = wb("import", path)
    assert ran.code == 0, ran.err
    article = ran.out.split("\t", 1)[0]
    listing = wb("list").out
    listed = wb("export", article, "-f", "md").out + listing
    text = json.loads(wb("export", article, "-f", "json").out)["article"]["text"]
    assert shown in text or shown in listed or shown.replace("<U+202E>", "\u202e") in text
    for out in (ran.out, ran.err, listing, wb("xref", article).out):
        assert "\x1b" not in out and not any("\x80" <= c <= "\x9f" for c in out), case
        assert "\u202e" not in out
    warned = WARNED.get(case)
    if warned:
        assert f"workbench: warning: {path}: {warned} shown as \ufffd" in ran.err, ran.err
    else:
        assert not ran.err, ran.err


WARNED = {
    "UTF-8, two bad bytes": "2 bytes that are not UTF-8",
    "UTF-8, four bad bytes in a small German file": "4 bytes that are not UTF-8",
    "ASCII with one stray byte": "1 byte that is not UTF-8",
}


def test_the_size_of_standard_input_is_not_claimed_equal_to_the_limit(wb: Workbench) -> None:
    wb.config.write_text("[import]\nmax_mb = 1\n")
    before = wb.fingerprint()
    line = refused(wb("import", "-", stdin=b"A claim. " * 120_000))  # 1.03 MB
    assert "standard input is over the 1.0 MB import limit" in line
    assert wb.fingerprint() == before


SURROGATES = {
    "note": sentence("note", "Checked \udc80 twice"),
    "claimant": sentence("claimant", "The \ud800 minister"),
    "evidence title": sentence(
        "evidence", [{"url": "https://e.example/a", "title": "Report \udc80", "stance": "supports"}]
    ),
    "article title": lambda d: d["article"].__setitem__("title", "Title \udcff here"),
}


@pytest.mark.parametrize("field", list(SURROGATES))
def test_a_lone_surrogate_in_a_report_becomes_a_replacement_character_with_a_warning(
    tmp_path: Path, wb: Workbench, field: str
) -> None:
    """A lone surrogate escape can't be stored as UTF-8: it becomes U+FFFD, as a byte that is
    not UTF-8 does in an article, and a warning says so (into a database of its own, so that
    the article, title and all, is new)."""
    path = report(wb, "s.json", SURROGATES[field])
    fresh = Workbench(tmp_path / "fresh")
    (tmp_path / "fresh").mkdir()
    ran = fresh("import", path)
    assert ran.code == 0, ran.err
    assert ran.err == (
        f"workbench: warning: {path}: 1 character that is not text (a lone surrogate, such as"
        " the escape \\udc80) shown as \ufffd\n"
    )
    exported = json.loads(fresh("export", "1", "-f", "json").out)
    first = exported["sentences"][0]
    found = {"note": first["note"], "claimant": first["claimant"],
             "evidence title": (first["evidence"] or [{}])[0].get("title"),
             "article title": exported["article"]["title"]}[field]  # fmt: skip
    assert found is not None and "\ufffd" in found, exported


def test_a_lone_surrogate_in_a_fact_check_becomes_a_replacement_character(wb: Workbench) -> None:
    review = {"@type": "ClaimReview", "url": "https://c.example/1",
              "claimReviewed": "Troops \udc80 leave Syria"}  # fmt: skip
    path = write(wb, "s.json", json.dumps(review))
    ran = wb("checks", "import", path)
    assert ran.code == 0 and "Traceback" not in ran.err, ran.err
    assert ran.err.startswith(f"workbench: warning: {path}: 1 character that is not text")
    (check,) = json.loads(wb("checks", "list", "--json").out)
    assert check["claim"] == "Troops \ufffd leave Syria"


def test_nul_characters_are_dropped_from_fact_checks_and_notes(wb: Workbench) -> None:
    """As from an article's text: a NUL ends a string in C tools, and shows as nothing."""
    review = {"@type": "ClaimReview", "url": "https://c.example/2",
              "claimReviewed": "The\x00 budget grew"}  # fmt: skip
    checks = [
        write(wb, "n.csv", 'claim,rating\n"The\x00 mayor resigned",False\n'),
        write(wb, "n.json", json.dumps(review)),
    ]
    for path in checks:
        ran = wb("checks", "import", path)
        assert ran.code == 0 and not ran.err, ran.err
    claims = sorted(c["claim"] for c in json.loads(wb("checks", "list", "--json").out))
    assert claims == ["The budget grew", "The mayor resigned"]
    ran = wb("import", report(wb, "note.json", sentence("note", "Seen\x00 twice")))
    assert ran.code == 0, ran.err
    exported = json.loads(wb("export", "1", "-f", "json").out)
    assert exported["sentences"][0]["note"] == "Seen twice"


def test_a_claim_that_is_not_text_is_skipped_with_the_reason(wb: Workbench) -> None:
    records = ['{"@type": "ClaimReview", "claimReviewed": NaN}',
               '{"@type": "ClaimReview", "claimReviewed": 12}',
               '{"@type": "ClaimReview", "claimReviewed": "A real claim"}']  # fmt: skip
    path = write(wb, "nan.json", "[" + ", ".join(records) + "]")
    ran = wb("checks", "import", path)
    assert ran.code == 0, ran.err
    assert "1 fact-checks added, 0 already known, 2 left out (claimReviewed is not text: 2)" in (
        ran.out
    )
    assert [c["claim"] for c in json.loads(wb("checks", "list", "--json").out)] == ["A real claim"]
    only_nan = write(wb, "nan2.json", '{"@type": "ClaimReview", "claimReviewed": NaN}')
    before = wb.fingerprint()
    line = refused(wb("checks", "import", only_nan))
    assert "no fact-check with a claim (claimReviewed is not text: 1)" in line
    assert wb.fingerprint() == before


FULL_OUTPUT = [["export", "1"], ["export", "1", "-f", "html"], ["list"], ["list", "--json"]]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", FULL_OUTPUT, ids=" ".join)
def test_output_to_a_full_disk_is_one_line(wb: Workbench, args: list[str]) -> None:
    """Standard output on a full disk (/dev/full): one line, status 1, no traceback."""
    before = wb.fingerprint()
    with open("/dev/full", "wb") as full:
        done = subprocess.run([wb.command, *args], env=wb.env, stdout=full,
                              stderr=subprocess.PIPE, timeout=60)  # fmt: skip
    line = refused(Ran(done.returncode, "", done.stderr.decode("utf-8", "replace")))
    assert line == "workbench: error: the output could not be written: No space left on device"
    assert wb.fingerprint() == before


def test_export_onto_a_fifo_is_refused_and_leaves_it_a_fifo(wb: Workbench) -> None:
    """``-o`` names an existing pipe: refused at once (never opened, never replaced)."""
    path = fifo(wb)
    before = wb.fingerprint()
    line = refused(wb("export", "1", "-f", "md", "-o", path, timeout=30))
    assert "not a regular file" in line
    assert stat.S_ISFIFO(os.stat(path).st_mode)
    assert wb.fingerprint() == before


def test_a_database_in_a_folder_that_does_not_exist_is_refused(wb: Workbench) -> None:
    """A slip in --db (or WORKBENCH_DB) makes no folders and no empty database."""
    typo = wb.tmp / "typo" / "dir" / "x.db"
    line = refused(wb("--db", str(typo), "list"))
    assert "typo/dir does not exist" in line
    wb.env["WORKBENCH_DB"] = str(typo)
    refused(wb("import", write(wb, "ok.txt", "A fine claim.\n")))
    assert not (wb.tmp / "typo").exists()
    wb.env["WORKBENCH_DB"] = str(wb.tmp / "ok.txt" / "x.db")
    assert "is not a folder" in refused(wb("list"))
