"""The HTML report in a real headless browser: no network request, hostile text stays text."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.unit.report_fixtures import hostile, reviewed_sample
from workbench.report import render
from workbench.store import Store

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions",
]  # fmt: skip


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    pytest.skip("no headless Chromium (.ci/run installs Debian's chromium)")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 for tmp_path that records every path asked for."""
    requests: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args: object) -> None:
            requests.append(self.path)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def browse(url: str, tmp_path: Path, *extra: str) -> str:
    profile = tmp_path / "profile"
    out = subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=3000", *extra, url],
        capture_output=True, text=True, timeout=90,
    )  # fmt: skip
    return out.stdout


def test_hostile_report_loads_nothing_and_shows_text(
    store: Store, tmp_path: Path, served: tuple[str, list[str]]
) -> None:
    base, requests = served
    report, _ = hostile(store)
    # A resource the page might try to load, were it not forbidden: it must not be asked for.
    (tmp_path / "p.png").write_bytes(b"\x89PNG")
    (tmp_path / "report.html").write_text(render(report, "html"), encoding="utf-8")
    dom = browse(f"{base}/report.html", tmp_path, "--dump-dom")
    assert "<script>alert(1)</script>" not in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "<img" not in dom
    assert "[bold]claim[/bold]" in dom
    asked = [r.split()[1] if " " in r else r for r in requests]
    assert "/report.html" in asked
    assert [p for p in asked if p not in ("/report.html", "/favicon.ico")] == []


def test_screenshot_of_the_sample_report(store: Store, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render(reviewed_sample(store), "html"), encoding="utf-8")
    shot = tmp_path / "report.png"
    browse(page.as_uri(), tmp_path, f"--screenshot={shot}", "--window-size=1000,1300")
    assert shot.exists() and shot.read_bytes()[:4] == b"\x89PNG"
