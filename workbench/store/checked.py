"""Which database files passed the damage check, so an unchanged file is not read twice.

A file is known by its path and a signature: the size and modification time
of the file and of its write-ahead log.  The signatures live in a small JSON
file in the user cache directory; losing it only costs one check.  After a
workbench process closes a database it has written, it remembers the new
signature (its own writes did not damage the file).  A file found damaged
later (a failing disk changes pages, not the size or time) is forgotten, so
the next open checks it again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

Signature = list[int]
LIMIT = 200  # files remembered; the oldest are forgotten first


def cache_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("workbench")) / "checked-databases.json"


def signature(path: str) -> Signature | None:
    """Size and mtime of the file and its WAL; None when the file is missing."""
    try:
        main = os.stat(path)
    except OSError:
        return None
    try:
        wal = os.stat(path + "-wal")
        # An empty log holds nothing: a reader creates one just by opening the file.
        extra = [wal.st_size, wal.st_mtime_ns] if wal.st_size else [-1, -1]
    except OSError:
        extra = [-1, -1]
    return [main.st_size, main.st_mtime_ns, *extra]


def _load() -> dict[str, Signature]:
    try:
        data = json.loads(cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def is_known_good(path: str) -> bool:
    sig = signature(path)
    return sig is not None and sig[0] > 0 and _load().get(os.path.abspath(path)) == sig


def forget(path: str) -> None:
    """Take ``path`` for unchecked again: it was found damaged (best effort: never fails)."""
    known = _load()
    if known.pop(os.path.abspath(path), None) is not None:
        _save(known)


def remember_good(path: str) -> None:
    """Note that ``path``, as it is now, passed the check (best effort: never fails)."""
    sig = signature(path)
    if sig is None:
        return
    known = _load()
    key = os.path.abspath(path)
    known.pop(key, None)
    known[key] = sig
    while len(known) > LIMIT:
        known.pop(next(iter(known)))
    _save(known)


def _save(known: dict[str, Signature]) -> None:
    target = cache_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(known), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass
