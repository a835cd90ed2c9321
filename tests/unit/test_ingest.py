"""Reading sources: files, stdin, URLs on 127.0.0.1, encodings, and every bad input."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from workbench.errors import InputError
from workbench.ingest import document_from_text, read_source


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(p)


def one_line_error(source: str, match: str, **kw: object) -> str:
    with pytest.raises(InputError, match=match) as info:
        read_source(source, **kw)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_the_sample() -> None:
    doc = read_source(str(SAMPLE))
    assert doc.title == "Us troops syria withdrawal"
    assert doc.text == SAMPLE.read_text(encoding="utf-8").rstrip()
    assert doc.source == str(SAMPLE.resolve())


def test_missing_path_and_directory(tmp_path: Path) -> None:
    assert "no such file: /nope/x.txt" in one_line_error("/nope/x.txt", "no such file")
    assert str(tmp_path) in one_line_error(str(tmp_path), "is a directory")


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n"])
def test_empty_files(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, "empty.txt", content)
    assert path in one_line_error(path, "is empty: nothing to review")


def test_binary_files(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    path = write(tmp_path, "image.txt", png)
    one_line_error(path, "not a text file")


def test_over_size_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: 51 MB that were never written
    message = one_line_error(str(path), "over the 50.0 MB import limit")
    assert "51.0 MB" in message
    small = write(tmp_path, "small.txt", "x" * 2000)
    one_line_error(small, "over the", max_bytes=1000)


def test_encodings_are_detected(tmp_path: Path) -> None:
    latin = "Le café était fermé. Le résumé est naïf, déjà vu à Noël.\n" * 5
    assert read_source(write(tmp_path, "l.txt", latin.encode("cp1252"))).text == latin.rstrip()
    turkish = "Bu yıl işsizlik yüksek. İstanbul'da dağlara kış erken geldi. Şubat soğuktu.\n"
    assert read_source(write(tmp_path, "t.txt", turkish.encode("cp1254"))).text == turkish.strip()
    icelandic = "Þjóðin talar íslensku. Ýmsir ferðamenn koma á hverju ári.\n"
    assert (
        read_source(write(tmp_path, "i.txt", icelandic.encode("cp1252"))).text == icelandic.strip()
    )
    utf16 = "Ein Satz über Bücher. Noch einer.\n"
    assert read_source(write(tmp_path, "u.txt", utf16.encode("utf-16"))).text == utf16.rstrip()
    bom = "\ufeffWith a BOM. Yes.\n"
    assert read_source(write(tmp_path, "b.txt", bom.encode("utf-8"))).text == "With a BOM. Yes."


def test_line_endings_and_nul_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "crlf.txt", b"One line.\r\nTwo line.\rThree\x00 line.\r\n")
    assert read_source(path).text == "One line.\nTwo line.\nThree line."


def test_markup_and_escapes_are_kept_as_text(tmp_path: Path) -> None:
    text = "A [bold]claim[/bold] and [link=https://x.org]x[/link]. Red \x1b[31mtext\x1b[0m here."
    assert read_source(write(tmp_path, "m.txt", text)).text == text


def test_a_very_long_sentence(tmp_path: Path) -> None:
    text = " ".join(["word"] * 25_000)  # 100,000+ characters, no punctuation
    assert read_source(write(tmp_path, "long.txt", text)).text == text


def test_stdin() -> None:
    doc = read_source("-", stdin=io.BytesIO(b"Piped text. Two.\n"), title="Piped")
    assert (doc.title, doc.text, doc.source) == ("Piped", "Piped text. Two.", "stdin")
    with pytest.raises(InputError, match="standard input is over the 10-byte import limit"):
        read_source("-", stdin=io.BytesIO(b"x" * 50), max_bytes=10)


def test_markdown_title(tmp_path: Path) -> None:
    doc = read_source(write(tmp_path, "a.md", "# The headline\n\nA claim. Another.\n"))
    assert doc.title == "The headline"
    assert doc.text.startswith("# The headline")


HTML = """<!doctype html><html><head><title>Troops leave Syria</title>
<style>p { color: red }</style><script>alert("x")</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Troops leave Syria</h1>
<p>The US is withdrawing nearly 1,000 troops from Syria, officials said on Friday.</p>
<p>The move begins at the al-Tanf base near the Iraqi and Jordanian borders.</p>
<p>A larger withdrawal is expected within two months, according to the report.</p>
</article><footer>Copyright 2026</footer></body></html>"""


def test_html_file(tmp_path: Path) -> None:
    doc = read_source(write(tmp_path, "page.html", HTML))
    assert doc.title == "Troops leave Syria"
    assert "withdrawing nearly 1,000 troops" in doc.text
    assert "alert" not in doc.text and "color: red" not in doc.text
    assert "Copyright" not in doc.text
    assert "\n\n" in doc.text  # paragraphs kept apart


def test_html_without_trafilatura(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if the web extra were absent
    doc = read_source(write(tmp_path, "page.htm", HTML))
    assert "withdrawing nearly 1,000 troops" in doc.text
    assert "alert" not in doc.text and "Home" not in doc.text
    assert doc.text.split("\n\n")[:2] == [
        "Troops leave Syria",
        "The US is withdrawing nearly 1,000 troops from Syria, officials said on Friday.",
    ]


def test_pasted_text() -> None:
    doc = document_from_text("Short headline\nA claim here. Another one.\r\n")
    assert (doc.title, doc.source) == ("Short headline", "clipboard")
    with pytest.raises(InputError, match="clipboard is empty"):
        document_from_text("  \n ")


# -- URLs, served on 127.0.0.1 ---------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    pages = {
        "/article": ("text/html; charset=utf-8", HTML.encode()),
        "/plain": ("text/plain; charset=utf-8", b"A plain claim. Another one.\n"),
    }

    def do_GET(self) -> None:
        if self.path not in self.pages:
            self.send_error(404, "Not Found")
            return
        kind, body = self.pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_article(server: str) -> None:
    doc = read_source(f"{server}/article")
    assert doc.url == doc.source == f"{server}/article"
    assert doc.title == "Troops leave Syria"
    assert "withdrawing nearly 1,000 troops" in doc.text and "alert" not in doc.text


def test_url_plain_text(server: str) -> None:
    assert read_source(f"{server}/plain").text == "A plain claim. Another one."


def test_url_errors(server: str) -> None:
    one_line_error(f"{server}/missing", "HTTP 404")
    port = server.rsplit(":", 1)[1]
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    assert port != str(closed)
    one_line_error(f"http://127.0.0.1:{closed}/x", "could not fetch")


def test_east_asian_legacy_encodings(tmp_path: Path) -> None:
    text = "日本の首相は本日、新しい政策を発表しました。経済は回復している。" * 4
    assert read_source(write(tmp_path, "sjis.txt", text.encode("shift_jis"))).text == text
    zh = "美国政府正在从叙利亚撤出近一千名士兵。这是一个重要的决定。" * 4
    assert read_source(write(tmp_path, "gb.txt", zh.encode("gb18030"))).text == zh


@pytest.mark.parametrize(
    ("data", "text", "broken"),
    [
        (b"Hello world. \xff", "Hello world. \ufffd", 1),  # a stray byte: not a guess at cp1252
        ("Ein Satz über Köln. ".encode() + b"\xfe\xfd\xfc\xfb Noch einer.", None, 4),
        ("2010 \u2013 2020, 5 \u20ac.".encode("cp1252"), "2010 \u2013 2020, 5 \u20ac.", 0),
        ("The café is open.".encode("cp1252"), "The café is open.", 0),
        ("Президент сказал да. И нет.\n".encode("utf-16-be"), None, 0),
        ("대통령은 오늘 새로운 정책을 발표했습니다.\n".encode("utf-16-le"), None, 0),
        ("日本の首相は本日、新しい政策を発表しました。\n".encode("utf-16-be"), None, 0),
    ],
)
def test_decoding_keeps_utf8_with_a_few_broken_bytes_and_finds_utf16(
    data: bytes, text: str | None, broken: int
) -> None:
    from workbench.ingest import decode_with_notes

    found, notes = decode_with_notes(data, "x.txt")
    if text is None:  # a text in UTF-16 (or UTF-8 with bytes replaced)
        assert found.count("\ufffd") == broken and "\x00" not in found
        assert found.replace("\ufffd", "").isprintable() or "\n" in found
    else:
        assert found == text
    assert len(notes) == (1 if broken else 0)
    if broken:
        assert f"{broken} byte{' that is' if broken == 1 else 's that are'} not UTF-8" in notes[0]
