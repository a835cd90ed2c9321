"""Sources -> ``Document``: files, standard input, URLs and pasted text.

Encoding is detected (UTF-8 first, then charset-normalizer), line endings are
normalised to ``\\n``, and the text is otherwise kept verbatim: markup and
escape sequences stay as characters, the screen shows them literally.  Empty,
binary and over-size input is refused with one line naming the source.
"""

from __future__ import annotations

import functools
import re
import stat
import sys
import unicodedata
from pathlib import Path
from typing import BinaryIO

from workbench.errors import InputError
from workbench.model import Document
from workbench.validate import is_web_url, replaced_note, storable

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def _mb(n: int, digits: int = 1) -> str:
    return f"{n / 1024 / 1024:.{digits}f} MB"


def sizes(size: int, limit: int) -> tuple[str, str]:
    """A size and a limit in MB, with enough decimals to tell them apart."""
    for digits in (1, 2, 3, 6):
        shown = _mb(size, digits), _mb(limit, digits)
        if shown[0] != shown[1]:
            return shown
    return f"{size:,} bytes", f"{limit:,} bytes"


def too_big(name: str, size: int | None, max_bytes: int) -> InputError:
    """One line: ``name`` is over the import limit (``size`` None when only that is known:
    a stream read up to the limit)."""
    if size is None:
        limit = _mb(max_bytes) if max_bytes >= 100 * 1024 else f"{max_bytes:,}-byte"
        return InputError(
            f"{name} is over the {limit} import limit (raise import.max_mb in the settings file)"
        )
    shown, limit = sizes(size, max_bytes)
    return InputError(
        f"{name} is {shown}, over the {limit} import limit "
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
            raise too_big("standard input", None, max_bytes)
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
        raise too_big(name, size, max_bytes)
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise too_big(name, None, max_bytes)  # it grew while being read
    return data


def document_from_text(
    text: str,
    *,
    source: str = "clipboard",
    title: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """An article from text already in hand (the clipboard).  A lone surrogate in it (a byte
    that was not text) becomes U+FFFD, with a warning."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise too_big(source, size, max_bytes)
    text, replaced = storable(text)
    title, in_title = storable(title) if title else (title, 0)
    text = line_endings_fixed(text)
    if not text.strip():
        raise InputError(f"{source} is empty: nothing to review")
    warnings = (replaced_note(source, replaced + in_title),) if replaced + in_title else ()
    return Document(
        title or title_from_text(text) or "Pasted text", text, source, warnings=warnings
    )


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
    its zero bytes fall and by what it reads as (any script); UTF-8 with a few
    broken bytes stays UTF-8 (each one a replacement character, and a warning
    with the count); else the encoding is detected.  Binary data is refused.
    """
    text, _, notes = _decoded(data, name)
    return text, notes


def encoding_of(data: bytes, name: str) -> tuple[str, str]:
    """The codec and error handling that read ``data`` as ``decode`` does (``replace`` for
    UTF-8 with a few broken bytes); binary data refused, naming ``name``."""
    codec = _decoded(data, name)[1]
    return ("utf-8", "replace") if codec == "utf-8" else (codec, "strict")


def _decoded(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """(text, the codec that read it, notes): see ``decode_with_notes``."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError:
            pass
    wide = _utf16_latin(data)
    if wide is not None:
        try:
            return data.decode(wide), wide, []
        except UnicodeDecodeError:
            pass
    utf8: tuple[str, str, list[str]] | None = None
    try:
        utf8 = (data.decode("utf-8-sig"), "utf-8-sig", [])
    except UnicodeDecodeError:
        bad = _broken_utf8(data)
        if bad is not None:
            utf8 = (_replaced(data.decode("utf-8", "surrogateescape")), "utf-8", [
                f"{name}: {bad} {'byte that is' if bad == 1 else 'bytes that are'} not UTF-8"
                " shown as \ufffd (the rest of the text is UTF-8)"
            ])  # fmt: skip
    if utf8 is not None and not _looks_binary(utf8[0]):
        return utf8
    wide = _utf16_any_script(data)
    if wide is not None:
        return data.decode(wide), wide, []
    if utf8 is not None:
        raise InputError(f"{name} is not a text file (binary data)")
    codec = _detect(data, name)
    text = data.decode(codec)
    if _looks_binary(text):
        raise InputError(f"{name} is not a text file (binary data)")
    return text, codec, []


def _replaced(text: str) -> str:
    """Bytes that were not UTF-8 (kept as lone surrogates by ``surrogateescape``) as U+FFFD;
    a UTF-8 byte order mark dropped."""
    if _BROKEN.search(text):
        text = _BROKEN.sub("\ufffd", text)
    return text.removeprefix("\ufeff")


_BROKEN = re.compile("[\udc80-\udcff]")


def _utf16_latin(data: bytes) -> str | None:
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


def _utf16_any_script(data: bytes) -> str | None:
    """UTF-16 without a BOM in any script (Cyrillic, Greek, CJK, …), asked only of bytes that
    are not UTF-8 text: the byte order whose reading is all letters, marks, digits,
    punctuation and spaces, with at least one character from the ASCII range (a space, a
    line break, a digit: a zero byte where a text encoding of 8 bits never has one)."""
    sample = data[: 64 * 1024]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 8:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            try:  # the sample may end between the two halves of a surrogate pair
                text = sample[:-2].decode(codec)
            except UnicodeDecodeError:
                continue
        if not any("\t" <= ch < "\x7f" for ch in text):
            continue
        texty = sum(1 for ch in text if _texty(ch))
        if texty >= 0.98 * len(text):
            try:
                data.decode(codec)
            except UnicodeDecodeError:
                continue
            return codec
    return None


@functools.lru_cache(maxsize=4096)
def _texty(ch: str) -> bool:
    """A letter, mark, digit, punctuation, symbol, space or line break: what prose is made of."""
    category = unicodedata.category(ch)
    return ch in "\t\n\r\f" or category[0] in "LMNPS" or category == "Zs"


def _broken_utf8(data: bytes) -> int | None:
    """How many bytes are not UTF-8 in bytes that are UTF-8 apart from a few, or None when
    they are more likely another encoding.

    UTF-8 when the broken bytes are at most 1% of them (3 in a small file) or, with
    well-formed multi-byte characters around, no more than four to each of those and at
    most a fifth of the bytes (in a legacy CJK encoding, over half are "broken"); never
    when the bytes read as Western text in Windows-1252 (its accented letters are each a
    broken byte in UTF-8), nor when the text is ASCII and its broken bytes touch letters
    or each other (words of a legacy encoding: Greek, Cyrillic, …) or are Western
    punctuation (a dash, a quote).
    """
    text = data.decode("utf-8", "surrogateescape")
    bad = len(_BROKEN.findall(text))
    if not bad:
        return None
    multibyte = sum(1 for ch in text if ord(ch) > 127) - bad
    few = bad <= max(3, len(data) // 100)
    if multibyte:
        if not (few or bad <= min(len(data) // 5, 4 * multibyte)):
            return None
    elif not few or _in_words(data):
        return None
    if _as_western(data) is not None:
        return None
    return bad


def _in_words(data: bytes) -> bool:
    """Whether a byte past ASCII sits beside a letter or another such byte (in a word), or
    reads in Windows-1252 as a Western mark (a dash, a quote, €): text of an 8-bit encoding."""
    for i, byte in enumerate(data):
        if byte > 127:
            if bytes([byte]).decode("cp1252", "ignore") in WESTERN_MARKS:
                return True
            for j in (i - 1, i + 1):
                if 0 <= j < len(data) and (data[j] > 127 or chr(data[j]).isalpha()):
                    return True
    return False


def _detect(data: bytes, name: str) -> str:
    """The codec of text that is neither UTF-8 nor UTF-16: Windows-1252 when it reads as
    Western text, else what charset-normalizer finds."""
    if data.count(b"\x00") > len(data) // 100:
        raise InputError(f"{name} is not a text file (binary data)")
    western = _as_western(data)
    if western is not None:
        return "cp1254" if _reads_turkish(western) else "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * 1024 * 1024]).best()
    if best is None:
        raise InputError(f"{name} is not a text file (binary data, or an unknown encoding)")
    try:
        data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"{name}: cannot tell its text encoding") from None
    return str(best.encoding)


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


# Windows-1254 (Turkish) is Windows-1252 but for six letters: the Icelandic ð þ ý Ð Þ Ý of
# the one are ğ ş ı Ğ Ş İ in the other.  Turkish read as 1252 has those and none of the
# acute vowels, æ, ø or å that Icelandic and Faroese (the languages that use them) write.
_TURKISH_IN_1252 = frozenset("ðþýÐÞÝ")
_NORDIC = frozenset("áéíóúæøåÁÉÍÓÚÆØÅ")


def _reads_turkish(western: str) -> bool:
    """Whether text read as Windows-1252 is Turkish written in Windows-1254 ("Yýl" is "Yıl")."""
    letters = {ch for ch in western if ord(ch) > 127}
    return bool(letters & _TURKISH_IN_1252) and not letters & _NORDIC


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
