"""Sources -> ``Document``: files, standard input, URLs and pasted text.

Encoding is detected (UTF-8 first, then charset-normalizer), line endings are
normalised to ``\\n``, and the text is otherwise kept verbatim: markup and
escape sequences stay as characters, the screen shows them literally.  Empty,
binary and over-size input is refused with one line naming the source.
"""

from __future__ import annotations

import re
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from workbench.errors import InputError
from workbench.model import Document
from workbench.validate import is_web_url

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _too_big(name: str, size: int, max_bytes: int) -> InputError:
    return InputError(
        f"{name} is {_mb(size)}, over the {_mb(max_bytes)} import limit "
        "(raise import.max_mb in the settings file)"
    )


def read_source(
    source: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    title: str | None = None,
    url: str | None = None,
    stdin: BinaryIO | None = None,
) -> Document:
    """Read a path, ``-`` (standard input) or an http(s) URL as an article."""
    if source == "-":
        stream = stdin or sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _too_big("standard input", len(data), max_bytes)
        return _document(data, "stdin", "standard input", title=title, url=url)
    if source.lower().startswith(("http://", "https://")):
        from workbench.web import fetch

        data, content_type = fetch(source, max_bytes)
        is_html = "html" in content_type or data.lstrip()[:1] == b"<"
        return _document(data, source, source, title=title, url=url or source, html=is_html)
    path = Path(source).expanduser()
    data = read_file(path, source, max_bytes)
    return _document(
        data,
        str(path.resolve()),
        source,
        title=title,
        url=url,
        html=path.suffix.lower() in HTML_SUFFIXES,
        markdown=path.suffix.lower() in {".md", ".markdown"},
        fallback_title=path.stem,
    )


def regular_file(path: Path, name: str) -> int:
    """The size of ``path``, which must be a regular file (not a pipe, device or socket,
    which could be read forever); one line naming it otherwise."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"no such file: {name}") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name} is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{name} is not a regular file (a pipe, device or socket): not read")
    return info.st_size


def read_file(path: Path, name: str, max_bytes: int) -> bytes:
    """A regular file's bytes, never more than ``max_bytes`` (even if it grows meanwhile)."""
    size = regular_file(path, name)
    if size > max_bytes:
        raise _too_big(name, size, max_bytes)
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise _too_big(name, len(data), max_bytes)
    return data


def document_from_text(
    text: str,
    *,
    source: str = "clipboard",
    title: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """An article from text already in hand (the clipboard)."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise _too_big(source, size, max_bytes)
    text = line_endings_fixed(text)
    if not text.strip():
        raise InputError(f"{source} is empty: nothing to review")
    return Document(title or title_from_text(text) or "Pasted text", text, source)


def _document(
    data: bytes,
    source: str,
    name: str,
    *,
    title: str | None,
    url: str | None,
    html: bool = False,
    markdown: bool = False,
    fallback_title: str | None = None,
) -> Document:
    text, warnings = decode_with_notes(data, name)
    found_title = None
    page = None
    if html:
        from workbench.webpage import html_to_text

        page, text = html_to_text(text)
        found_title = page.title
    text = line_endings_fixed(text)
    if not text.strip():
        raise InputError(f"{name} is empty: nothing to review")
    if markdown:
        found_title = found_title or markdown_title(text)
    title = title or found_title or title_from_text(text) or _title_from_name(fallback_title)
    if page is not None and url is None and page.url and is_web_url(page.url):
        url = page.url  # the page's canonical address
    return Document(
        title or "Untitled", text, source, url, tuple(warnings),
        published=page.published if page else None,
        authors=page.authors if page else (),
        outlet=page.outlet if page else None,
    )  # fmt: skip


def decode(data: bytes, name: str) -> str:
    """Bytes -> text (see ``decode_with_notes``)."""
    return decode_with_notes(data, name)[0]


def decode_with_notes(data: bytes, name: str) -> tuple[str, list[str]]:
    """Bytes -> text, and what the reader should know about it.

    UTF-8 (with or without BOM); UTF-16 with a BOM or, without one, by where
    its zero bytes fall; UTF-8 with a few broken bytes stays UTF-8 (each one a
    replacement character, and a warning with the count); else the encoding is
    detected.
    """
    notes: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), notes
        except UnicodeDecodeError:
            pass
    wide = _utf16_without_bom(data)
    if wide is not None:
        try:
            return data.decode(wide), notes
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        mended = _mostly_utf8(data)
        if mended is not None:
            text, bad = mended
            notes.append(
                f"{name}: {bad} byte{'s' if bad > 1 else ''} that are not UTF-8 shown as �"
                " (the rest of the text is UTF-8)"
            )
        else:
            text = _detect(data, name)
    if _looks_binary(text):
        raise InputError(f"{name} is not a text file (binary data)")
    return text, notes


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of a Latin script has a zero in every other byte: which ones says the order."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few broken bytes: the text, and how many bytes were replaced.

    Only when the rest really is UTF-8 (it holds multi-byte characters) and the
    broken bytes are few: an 8-bit encoding (every accented letter "broken")
    is left to detection.
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if 0 < bad <= max(3, len(data) // 1000) and multibyte:
        return text.lstrip("\ufeff"), bad
    return None


def _detect(data: bytes, name: str) -> str:
    if data.count(b"\x00") > len(data) // 100:
        raise InputError(f"{name} is not a text file (binary data)")
    western = _as_western(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * 1024 * 1024]).best()
    if best is None:
        raise InputError(f"{name} is not a text file (binary data, or an unknown encoding)")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"{name}: cannot tell its text encoding") from None


WESTERN_MARKS = set("‘’‚“”„–—…€«»°·×")
_WORD = re.compile(r"[^\W\d_]+")


def _as_western(data: bytes) -> str | None:
    """cp1252 when every non-ASCII character it yields is a Latin letter or common mark.

    Detectors guess among a dozen 8-bit code pages on short text (a French
    paragraph comes out as Baltic); Windows-1252 is by far the most common of
    them, and a wrong guess of it shows up as symbols, which this rejects.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    extra = [ch for ch in text if ord(ch) > 127]
    if not extra:
        return text
    good = sum(1 for ch in extra if (ch.isalpha() and ord(ch) < 0x250) or ch in WESTERN_MARKS)
    if good < 0.95 * len(extra):
        return None
    # Western words carry an accent here and there; Greek or Cyrillic bytes read as cp1252
    # make words of accented letters only ("ðñüåäñïò").
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    accented = [sum(ord(c) > 127 for c in w) / len(w) for w in words]
    if accented and sum(accented) / len(accented) > 0.5:
        return None
    return text


def _looks_binary(text: str) -> bool:
    """Many control characters (not tabs, line breaks or escapes) mean it isn't prose."""
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\x1b")
    return controls > max(8, len(sample) // 50)


def line_endings_fixed(text: str) -> str:
    """CRLF and lone CR -> LF; NUL bytes dropped (they end C strings in other tools)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").rstrip()


def markdown_title(text: str) -> str | None:
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
            if heading:
                return heading
    return None


def title_from_text(text: str) -> str | None:
    """A short first line reads as a headline; a long one is the first sentence, not a title."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    more = text.strip().count("\n") > 0
    if first and more and len(first) <= 120 and not first.endswith((".", "?", "!")):
        return first.lstrip("#").strip() or None
    return None


def _title_from_name(stem: str | None) -> str | None:
    if not stem:
        return None
    words = stem.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else None
