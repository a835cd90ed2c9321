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
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.robustness.conftest import Workbench, refused

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
}

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
}


def fifo(wb: Workbench) -> str:
    path = wb.tmp / f"pipe{random.randrange(10**9)}"
    os.mkfifo(path)
    return str(path)


@pytest.mark.parametrize("case", list(BAD_ARTICLES) + list(BAD_REPORTS) + list(BAD_CHECKS))
def test_a_bad_input_is_refused_in_one_line_and_changes_nothing(wb: Workbench, case: str) -> None:
    if case == "over the size limit":
        wb.config.write_text("[import]\nmax_mb = 0.5\n")
    args = {**BAD_ARTICLES, **BAD_REPORTS, **BAD_CHECKS}[case](wb)
    before = wb.fingerprint()
    line = refused(wb(*args, timeout=30))
    assert wb.fingerprint() == before, line
    assert len(line) < 400


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
    if case == "UTF-8, two bad bytes":
        assert "2 bytes that are not UTF-8" in ran.err and "warning" in ran.err
