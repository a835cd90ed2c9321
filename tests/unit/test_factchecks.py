"""Known fact-checks from files: ClaimReview JSON-LD and CSV/TSV; broken files write nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SAMPLE
from workbench.cli import cli
from workbench.errors import InputError
from workbench.factchecks import read_fact_checks

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "claimReviewed": "The US is withdrawing 1,000 troops from Syria",
    "headline": "Are US troops leaving Syria?",
    "reviewRating": {"@type": "Rating", "ratingValue": 2, "alternateName": "Mostly false"},
    "url": "https://checks.example/syria",
    "author": {"@type": "Organization", "name": "Check Desk"},
    "datePublished": "2026-01-05",
}


def write(tmp_path: Path, name: str, content: str) -> Path:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "content",
    [
        json.dumps(REVIEW),
        json.dumps([REVIEW]),
        json.dumps({"@context": "https://schema.org", "@graph": [REVIEW, {"@type": "WebPage"}]}),
    ],
)
def test_claimreview_shapes(tmp_path: Path, content: str) -> None:
    (row,) = read_fact_checks(write(tmp_path, "c.json", content))
    assert row == {
        "claim": "The US is withdrawing 1,000 troops from Syria",
        "title": "Are US troops leaving Syria?",
        "rating": "Mostly false",
        "url": "https://checks.example/syria",
        "publisher": "Check Desk",
        "date": "2026-01-05",
    }


def test_csv_and_tsv(tmp_path: Path) -> None:
    csv_rows = read_fact_checks(write(tmp_path, "c.csv",
        "Claim,Title,Rating,URL,Publisher,Date\n\"A claim, with a comma\",T,False,https://x.example,P,2026\n"))  # fmt: skip
    assert csv_rows[0]["claim"] == "A claim, with a comma" and csv_rows[0]["rating"] == "False"
    tsv_rows = read_fact_checks(write(tmp_path, "c.tsv", "claim\trating\nOne\tTrue\nTwo\tFalse\n"))
    assert [r["claim"] for r in tsv_rows] == ["One", "Two"] and tsv_rows[0]["url"] == ""
    semi = read_fact_checks(write(tmp_path, "s.csv",
        "claim;rating;url\n\"A claim; with a semicolon, and a comma\";False;https://x.example\n"))  # fmt: skip
    assert (semi[0]["claim"], semi[0]["rating"]) == (
        "A claim; with a semicolon, and a comma",
        "False",
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.json", '{"@type": "ClaimReview", ', "not valid JSON"),
        ("other.json", '{"@type": "WebPage"}', "no schema.org ClaimReview"),
        ("nocol.csv", "title,rating\nx,y\n", "names no claim column"),
        ("empty.csv", "", "is empty"),
    ],
)
def test_broken_files_are_refused_and_nothing_is_written(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(InputError, match=message):
        read_fact_checks(path)
    db = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "checks", "import", str(path)])
    assert result.exit_code == 1 and message in result.stderr
    import sqlite_utils

    assert not db.exists() or "fact_checks" not in sqlite_utils.Database(db).table_names()


def test_import_dedupes_and_matches_stored_sentences(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    runner = CliRunner()
    runner.invoke(cli, ["--db", str(db), "import", str(SAMPLE)])
    path = write(tmp_path, "c.json", json.dumps([REVIEW, REVIEW]))
    first = runner.invoke(cli, ["--db", str(db), "checks", "import", str(path), "--json"])
    assert json.loads(first.stdout) == {"read": 2, "added": 1, "skipped": 1, "crossrefs": 1,
                                        "left_out": {}, "warnings": []}  # fmt: skip
    again = runner.invoke(cli, ["--db", str(db), "checks", "import", str(path), "--json"])
    assert json.loads(again.stdout)["added"] == 0
    out = runner.invoke(cli, ["--db", str(db), "xref", "1", "--json"])
    listed = [r for r in json.loads(out.stdout) if r["kind"] == "factcheck"]
    (ref,) = [r for r in listed if not r["possible"]]  # the others are listed as possible
    assert all(
        r["score"] < ref["score"] and r["status"] == "suggested" for r in listed if r is not ref
    )
    assert (ref["position"], ref["verdict"], ref["source"]) == (
        1,
        "Mostly false",
        "Check Desk: Are US troops leaving Syria?",
    )
    text = runner.invoke(cli, ["--db", str(db), "xref", "--min-score", "99"])
    assert text.stdout.strip() == "no cross-references"


def test_a_large_csv_streams_in_chunks_and_a_late_fault_writes_nothing(tmp_path: Path) -> None:
    from workbench.factchecks import CHUNK, FactCheckFile
    from workbench.store import Store

    rows = [f"Claim number {i} about the budget of town {i}.,False,https://c.example/{i}"
            for i in range(CHUNK * 2 + 500)]  # fmt: skip
    good = write(tmp_path, "many.csv", "claim,rating,url\n" + "\n".join(rows) + "\n")
    source = FactCheckFile(good)
    sizes = [len(c) for c in source.chunks()]
    assert source.count == len(rows) and sizes == [CHUNK, CHUNK, 500]
    db = tmp_path / "checks.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "checks", "import", "--json", str(good)])
    assert json.loads(result.output)["added"] == len(rows)
    with Store(db) as store:
        assert len(store.fact_checks()) == len(rows)
        indexed = store.claim_pool("budget of town 20400").candidates
        assert indexed and indexed[0].kind == "factcheck"  # indexed as stored

    broken = tmp_path / "broken.csv"  # fine for 20,500 rows, then a cell past any sense
    broken.write_bytes(good.read_bytes() + b'"' + b"x" * 1_100_000 + b'",False,x\n')
    empty_db = tmp_path / "empty.db"
    result = CliRunner().invoke(cli, ["--db", str(empty_db), "checks", "import", str(broken)])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    with Store(empty_db) as store:
        assert store.fact_checks() == []  # refused before a row was stored


def test_a_csv_cell_over_131072_characters_is_read(tmp_path: Path) -> None:
    long_claim = "word " * 40_000  # 200,000 characters
    path = write(tmp_path, "long.csv", f'claim,rating\n"{long_claim.strip()}",False\n')
    (row,) = read_fact_checks(path)
    assert len(row["claim"]) == len(long_claim.strip())


def test_a_utf8_character_cut_by_the_sample_s_end_is_not_a_bad_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The encoding is judged on the file's first bytes: a character they cut in two (in
    a word, after plain ASCII) is whole in the file, which stays UTF-8 (was read as
    cp1252: "cafÃ©")."""
    import workbench.factchecks as factchecks

    head = "claim,rating\n" + "".join(f"A plain claim number {i},False\n" for i in range(200))
    start = (head + "The claim about caf").encode()
    path = tmp_path / "checks.csv"
    path.write_bytes(start + "é is true,True\n".encode())
    monkeypatch.setattr(factchecks, "SAMPLE_BYTES", len(start) + 1)  # cuts the é
    assert read_fact_checks(path)[-1]["claim"] == "The claim about café is true"


@pytest.mark.parametrize(
    ("data", "kept"),
    [(b"abc", b"abc"), (b"ab\xc3", b"ab"), (b"ab\xc3\xa9", b"ab\xc3\xa9"),
     (b"a\xe2\x80", b"a"), (b"a\xe2\x80\x94", b"a\xe2\x80\x94"), (b"\xf0\x9f\x98", b""),
     (b"\xf0\x9f\x98\x80", b"\xf0\x9f\x98\x80"), (b"", b"")],
)  # fmt: skip
def test_whole_characters(data: bytes, kept: bytes) -> None:
    from workbench.factchecks import _whole_characters

    assert _whole_characters(data) == kept
