"""The cyclic garbage collector's settings: paused while a large report is made and
written, and while the review screen starts; once it is shown, the objects alive then set
aside.

A report of a hundred thousand sentences makes a hundred thousand tuples, then
as many dicts and strings while it is written: each batch of new objects sets
off a collection that goes through them, and through the report's rows again
and again as they age, though none of them holds a cycle (reference counting
frees every one).  Paused, an export of 100,000 sentences takes 5-10% less
CPU.  The report should be gone (held by nothing) before collection resumes:
else the first collection still goes through every row.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection inside; it resumes as it was (nested: the outermost
    resumes it)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def freeze_startup() -> None:
    """Collect once, then keep every object alive now out of later full collections
    (``gc.freeze``): the modules, Textual's app and screen, the article as opened.
    Python's full collection went through all of them (about 40,000) now and then, in
    the middle of a key: a pause of 15 ms, 33 ms with 100,000 sentences open (3 ms
    after).  Frozen objects are still freed when nothing holds them; a cycle among
    those alive now would never be (the collection just before clears any).
    Collection resumes (``launch`` paused it for the start-up)."""
    gc.collect()
    gc.freeze()
    gc.enable()
