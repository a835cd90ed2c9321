"""Text from articles, files and users, made safe where it is shown or written.

Anything workbench prints (command output, error messages, a report written to
a terminal, the review screen) passes text that came from outside through
``for_terminal``: control characters (an escape sequence, a bell, a C1 control
such as U+009B), bidirectional overrides and invisible characters become
visible and inert.  What is written to a file keeps the text exact, escaped for
its format: ``json_dumps`` writes those same characters as ``\\uXXXX`` escapes.

What becomes of each character (on a terminal):

- C0 controls and DEL: their Unicode pictures (ESC is ␛, NUL ␀); in one-line
  output a line break or a tab is a space;
- C1 controls (U+0080-U+009F), bidirectional embeddings, overrides, isolates
  and marks (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), zero-width
  spaces and joiners that hide text (U+200B, U+2060, U+FEFF), and lone
  surrogates (bytes that were not UTF-8): ``<U+202E>``.

The zero-width joiner and non-joiner (U+200C, U+200D) are left alone: Persian,
Indic scripts and emoji sequences need them, and they drive nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from itertools import compress
from operator import not_
from typing import Any

import orjson

_C0 = {i: 0x2400 + i for i in range(0x20)}
_C0[0x7F] = 0x2421
_SHOWN = [
    *range(0x80, 0xA0),  # C1 controls
    0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A),  # bidi
    0x200B, 0x2060, 0xFEFF,  # zero-width space, word joiner, BOM
]  # fmt: skip
_MARKS = {i: f"<U+{i:04X}>" for i in _SHOWN}

LINES: dict[int, int | str] = {**_C0, **_MARKS}
LINES[0x0A] = 0x0A  # a line break stays one
LINES[0x09] = 0x09
LINES[0x0D] = 0x0D  # CSV ends its lines with CR LF (article text has no CR left)
ONE_LINE: dict[int, int | str] = {**_C0, **_MARKS, 0x0A: 0x20, 0x09: 0x20, 0x0D: 0x20}
_ESCAPED = {i: f"\\u{i:04x}" for i in [0x7F, *_SHOWN]}
_TO_ESCAPE = re.compile("[" + "".join(map(chr, _ESCAPED)) + "\ud800-\udfff]")


def _surrogates(text: str) -> str:
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


def for_terminal(text: str, *, lines: bool = False) -> str:
    """``text`` as it may reach a terminal: every control, override and hidden character
    visible and inert.  ``lines``: keep line breaks and tabs (a report), else one line."""
    if text.isprintable() and text.isascii():  # the common case, at C speed
        return text
    text = text.translate(LINES if lines else ONE_LINE)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = _surrogates(text)
    return text


# Text being edited in a field: each character ``for_terminal`` changes becomes one visible
# character (a field counts its cursor and widths in characters): a C0 control or DEL its
# picture, any other (a C1 control, an override, a hidden character, a lone surrogate) "�".
_INERT = re.compile("[\x00-\x1f\x7f" + "".join(map(chr, _SHOWN)) + "\ud800-\udfff]")
_INERT_AS = {chr(i): chr(p) for i, p in _C0.items()}


def one_for_one(text: str) -> str:
    """``text`` as a field being edited shows it: every control, override and hidden
    character made visible and inert, one character for one (ESC as ␛, U+202E as �)."""
    if text.isprintable():  # the common case, at C speed
        return text
    return _INERT.sub(_inert_one, text)


def _inert_one(match: re.Match[str]) -> str:
    return _INERT_AS.get(match[0], "\ufffd")


def json_dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON with the text exact, the characters ``for_terminal`` shows escaped as ``\\uXXXX``
    (C0 controls json escapes itself): valid JSON that is safe on a terminal too."""
    if indent is None:
        try:  # orjson: ten times json's speed, for the reports' hundred thousand lines
            out = orjson.dumps(data).decode("utf-8")
        except (orjson.JSONEncodeError, TypeError):  # lone surrogates, huge integers:
            # json's, written as compactly as orjson writes (one style in every line)
            out = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    else:
        out = json.dumps(data, ensure_ascii=False, indent=indent)
    return _escaped(out)


def json_join(items: Sequence[Any], sep: str, *, breaks: bool = False) -> bytes:
    """``sep.join(json_dumps(item) for item in items)`` as UTF-8, the same text at a
    fraction of the cost: each item written by orjson in one C loop, only those that are
    not plain ASCII looked at again (``_escaped``), the pieces joined as bytes and never
    decoded (a report writes them as they are).  ``sep`` is plain ASCII.  ``breaks``:
    U+2028 and U+2029 escaped too (JSON Lines: some readers take them for line breaks)."""
    return json_joined(sep.encode("ascii").join(json_parts(items, breaks=breaks)))


_ASCII = bytes(range(0x80))


def json_parts(items: Sequence[Any], *, breaks: bool = False) -> list[bytes]:
    """Each item as ``json_join`` writes it, but for DEL, which ``json_joined`` escapes in
    the bytes they are joined into (one search for all).  An item's JSON beyond ASCII is
    looked at in its characters beyond ASCII alone: its UTF-8 without the ASCII bytes
    (whole characters still) is decoded and checked, five times quicker than the whole
    (the ASCII in orjson's JSON needs no look: it escapes the controls, DEL aside)."""
    try:
        parts = list(map(orjson.dumps, items))
    except (orjson.JSONEncodeError, TypeError):  # lone surrogates, huge integers: as json_dumps
        parts = [json_dumps(item).encode() for item in items]
    for i in compress(range(len(parts)), map(not_, map(bytes.isascii, parts))):
        if parts[i].translate(None, _ASCII).decode().isprintable():
            continue  # (all its characters beyond ASCII are printable: none to escape)
        text = parts[i].decode()
        escaped = _escaped(text)
        if breaks:
            escaped = escaped.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        if escaped is not text:  # (most often there is nothing to escape)
            parts[i] = escaped.encode()
    return parts


def json_joined(joined: bytes) -> bytes:
    """``json_parts`` joined, their DEL escaped: the one ASCII character to escape (JSON
    leaves it)."""
    if b"\x7f" in joined:
        joined = joined.replace(b"\x7f", b"\\u007f")
    return joined


def _escaped(out: str) -> str:
    # the common cases, at C speed (no character to escape is printable; DEL is the one
    # ASCII character to escape that JSON leaves as it is)
    if (out.isascii() and "\x7f" not in out) or out.isprintable() or not _TO_ESCAPE.search(out):
        return out
    return _TO_ESCAPE.sub(_escape_one, out)


def _escape_one(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"
