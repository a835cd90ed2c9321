"""A function wrapped to add up the CPU time spent in it (the part of a larger call a
benchmark reports apart, timed around the same call the app makes)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def cpu_timed(fn: Callable[..., Any]) -> tuple[Callable[..., Any], list[float]]:
    """``fn`` wrapped, and the one-item list its CPU seconds are added to."""
    spent = [0.0]

    def timed(*args: Any, **kwargs: Any) -> Any:
        c0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - c0

    return timed, spent
