"""Shared fixtures: a pinned "today", a copy of the book, one strict build per session,
and a real browser (Debian's Chromium driven by Playwright) for the browser tests."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cvbook.browser import CHROMIUM_ARGS, system_chromium
from tools.sources import copy_sources

REPO = Path(__file__).resolve().parents[1]
# The date the acceptance criteria are written against: 2026-03-18 00:00 UTC.
PINNED_EPOCH = 1773792000
PINNED_DATE = dt.date(2026, 3, 18)


def copy_book(destination: Path) -> Path:
    """A copy of the book's sources (no build output, no venv) at ``destination``."""
    return copy_sources(REPO, destination)


def build_env(epoch: int = PINNED_EPOCH) -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONUNBUFFERED": "1"}


def jupyter_book(book: Path, *args: str, epoch: int = PINNED_EPOCH) -> subprocess.CompletedProcess[str]:
    """Run ``jupyter-book build BOOK ARGS`` strictly, as `make book` does."""
    executable = Path(sys.executable).parent / "jupyter-book"
    command = [str(executable), "build", str(book), "-W", "-n", "--keep-going", *args]
    return subprocess.run(command, check=False, capture_output=True, text=True, env=build_env(epoch), timeout=900)


@pytest.fixture(scope="session")
def book_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_book(tmp_path_factory.mktemp("book") / "src")


@pytest.fixture(scope="session")
def built_book(book_copy: Path) -> Path:
    """The book built once, strictly, as of the pinned date. Returns ``_build/html``."""
    result = jupyter_book(book_copy)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    warnings = [line for line in output.splitlines() if "WARNING" in line and "IPKernelApp" not in line]
    assert not warnings, "\n".join(warnings)
    return book_copy / "_build" / "html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_book: Path) -> Iterator[str]:
    """The built site served over HTTP on loopback."""
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def chromium_path() -> str:
    path = system_chromium()
    if not path:
        pytest.fail("Debian's chromium is not installed: run .ci/run or `apt-get install chromium`")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium through Playwright (its own browser download can't work offline)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
        yield browser
        browser.close()
