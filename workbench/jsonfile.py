"""Reading JSON from outside (reports, ClaimReview files): parsed within bounds, one line if not.

A document nested deeper than ``MAX_DEPTH`` is refused before Python's own
recursion limit is met (that would be a traceback, not a message).
"""

from __future__ import annotations

import json
from typing import Any

from workbench.errors import InputError

MAX_DEPTH = 64  # a report is 4 levels deep, ClaimReview 5 or 6


def _depth(text: str) -> int:
    """How deep the brackets of a JSON text nest (strings skipped), without parsing it."""
    deepest = depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def load(data: bytes | str, name: str) -> Any:
    """The parsed JSON of ``data``; an ``InputError`` naming ``name`` when it is not JSON."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{name} is not valid JSON (not UTF-8 text)") from None
    if _depth(data) > MAX_DEPTH:
        raise InputError(f"{name} is nested more than {MAX_DEPTH} levels deep: not read")
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name} is not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise InputError(f"{name} is nested too deeply: not read") from None
    except ValueError as exc:  # a number of thousands of digits, say
        raise InputError(f"{name} is not JSON workbench can read ({exc})") from None
