"""Nothing from an article reaches a terminal raw: on a real terminal (a pty) and for any text."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.conftest import Workbench
from workbench.cli import cli
from workbench.ingest import document_from_text
from workbench.model import Verdict
from workbench.report import FORMATS, render
from workbench.safe_text import for_terminal
from workbench.segment import segment
from workbench.store import Store
from workbench.validate import storable

HOSTILE = (
    "Copy this \x1b]52;c;ZXZpbA==\x07 to the clipboard. Clear \x1b[2J the screen now.\n"
    "A C1 \x9b31m control here. Reversed \u202etxt.exe\u202c name there.\n"
    "Hidden\u200bspace and \ufeffmark in the middle of this claim.\n"
)
DANGEROUS = {chr(c) for c in range(0x20) if c not in (0x0A, 0x09, 0x0D)} | {"\x7f"}
DANGEROUS |= {chr(c) for c in range(0x80, 0xA0)} | set("\u202a\u202b\u202c\u202d\u202e")
DANGEROUS |= set("\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u2060\ufeff")


def on_a_terminal(wb: Workbench, *args: str) -> str:
    """What the command writes when its output is a real terminal (a pseudo-terminal)."""
    main, child = pty.openpty()
    proc = subprocess.Popen([wb.command, *args], env=wb.env, stdout=child, stderr=child,
                            stdin=subprocess.DEVNULL)  # fmt: skip
    os.close(child)
    out = b""
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=30)
    os.close(main)
    return out.decode("utf-8", "replace")


def test_every_export_on_a_real_terminal_is_inert_and_exact_into_a_pipe(tmp_path: Path) -> None:
    wb = Workbench(tmp_path)
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    assert wb("import", str(path), "--title", "Title \x1b[31mred").code == 0
    for fmt in FORMATS:
        shown = on_a_terminal(wb, "export", "1", "-f", fmt)
        assert not DANGEROUS & set(shown), (fmt, sorted(DANGEROUS & set(shown)))
        if fmt != "claimreview":  # (no verdict yet: an empty list)
            assert "␛" in shown or "\\u001b" in shown, fmt  # visible, not obeyed
    piped = json.loads(wb("export", "1", "-f", "json").out)
    assert piped["article"]["text"] == HOSTILE.rstrip()  # a file or a pipe: the exact text
    assert "\\u202e" in wb("export", "1", "-f", "json").out  # escaped in the JSON itself
    for args in (["list"], ["xref", "1"], ["history", "1"], ["list", "--json"]):
        assert not DANGEROUS & set(on_a_terminal(wb, *args)), args


TEXT = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N", "P", "Z", "S", "M", "Cc", "Cf", "Cs")),
    min_size=1,
    max_size=200,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, title=TEXT)
def test_no_text_reaches_a_terminal_raw(text: str, title: str) -> None:
    """Any text, any title (lone surrogates too, as bytes that were not text leave them):
    the CLI's output and every report as shown on a terminal hold no escape, C1 control or
    bidirectional override; JSON reports escape them."""
    body = f"A first claim is here. {text} And a last one.\n"
    doc = document_from_text(body, source="/p.txt", title=title)  # how text in hand comes in
    assert not any("\ud800" <= ch <= "\udfff" for ch in doc.text + doc.title)
    assert bool(doc.warnings) == any("\ud800" <= ch <= "\udfff" for ch in text + title)
    note = storable(text)[0]  # a note is text too: none holds a surrogate
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "p.db"
        with Store(db, reviewer="p") as store:
            aid = store.import_article(doc, segment(doc.text)).article.id
            for s in store.sentences_of(aid):
                store.set_verdict(s.id, Verdict.DISPUTED, note=note)
            report = store.report(aid)
        runner = CliRunner()
        for args in (["list"], ["list", "--json"], ["xref", "1", "--json"], ["history"]):
            result = runner.invoke(cli, ["--db", str(db), *args])
            assert result.exit_code == 0, result.output
            assert not DANGEROUS & set(result.output), (
                args,
                sorted(DANGEROUS & set(result.output)),
            )
        for fmt in FORMATS:
            out = render(report, fmt)
            assert not DANGEROUS & set(for_terminal(out, lines=True)), fmt
            if fmt in ("json", "jsonl", "claimreview"):
                assert not (DANGEROUS - {"\x0d"}) & set(out), fmt  # escaped in the file too


@given(text=TEXT)
def test_a_field_shows_any_text_inert_a_character_for_each(text: str) -> None:
    """``one_for_one`` (what a text field draws): no escape, control or override left, a
    character for each (the field's cursor counts characters), the rest as it was."""
    from workbench.safe_text import one_for_one

    shown = one_for_one(text)
    assert len(shown) == len(text)
    assert not (DANGEROUS | {"\n", "\t", "\r"}) & set(shown)
    assert not any("\ud800" <= ch <= "\udfff" for ch in shown)
    assert all(a == b for a, b in zip(text, shown, strict=True) if b not in "\ufffd" and
               not "\u2400" <= b <= "\u2421")  # fmt: skip
