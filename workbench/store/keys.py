"""How a sentence's key is stored: its digest as 8 bytes, its occurrence as a number.

A key is ``<16 hex digits>:<occurrence>`` (``segment.sentence_key``).  As text it
takes 19 bytes in the table and as many again in its index; as a blob of 8 bytes
(``key``) and a small number (``occurrence``), about 10.  A key of any other form
(made elsewhere, a test's) is stored as it is, with no occurrence.  The store reads
keys back as text (``column`` in SQL, ``unpack`` in Python): the rest of workbench
only ever sees the text.
"""

from __future__ import annotations

from typing import Any

from workbench.model import key_text

HEX = frozenset("0123456789abcdef")


def pack(key: str) -> tuple[str | bytes, int | None]:
    """(``key``, ``occurrence``) as stored: the digest's bytes and the number, when ``key``
    has the standard form exactly (so that ``unpack`` gives it back), else the text."""
    digest, colon, number = key.partition(":")
    if (
        colon
        and len(digest) == 16
        and HEX.issuperset(digest)
        and number.isascii()
        and number.isdigit()
        and str(int(number)) == number
        and int(number) < 2**63
    ):
        return bytes.fromhex(digest), int(number)
    return key, None


unpack = key_text  # the key as text, from what ``pack`` stored


def column(alias: str = "") -> str:
    """SQL for the key as text, of the sentence row ``alias`` (``"s."``) names."""
    return (
        f"CASE WHEN {alias}occurrence IS NULL THEN {alias}key"
        f" ELSE lower(hex({alias}key)) || ':' || {alias}occurrence END"
    )


def stored_row(row: dict[str, Any]) -> dict[str, Any]:
    """A sentence row to write, its key (if it has one) as stored."""
    if "key" not in row:
        return row
    stored, occurrence = pack(row["key"])
    return {**row, "key": stored, "occurrence": occurrence}


def read_row(row: dict[str, Any]) -> dict[str, Any]:
    """A sentence row as read (``SELECT *``), its key as text."""
    row["key"] = unpack(row["key"], row.pop("occurrence", None))
    return row
