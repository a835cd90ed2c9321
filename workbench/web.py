"""Fetching an article from an http(s) URL (standard library; bounded in time and size)."""

from __future__ import annotations

import urllib.error
import urllib.request

from workbench.errors import InputError

TIMEOUT_S = 20


def fetch(url: str, max_bytes: int) -> tuple[bytes, str]:
    """The body (at most ``max_bytes``) and content type of ``url``."""
    from workbench import __version__

    request = urllib.request.Request(url, headers={"User-Agent": f"workbench/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            data = response.read(max_bytes + 1)
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raise InputError(f"could not fetch {url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"could not fetch {url}: {reason}") from None
    if len(data) > max_bytes:
        raise InputError(f"{url} is over the {max_bytes / 1024 / 1024:.1f} MB import limit")
    return data, content_type.lower()
