"""Shared fixtures: synthetic books (tests/synthetic.py) and the owner's own, each built once
per session as of the pinned date, and a real browser (Debian's Chromium driven by
Playwright) for the browser tests. Helpers live in tests/synthetic.py, not here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Properties draw the same examples on every run (a failure reproduces, CI cannot flake);
# their @example cases pin the known edge cases. No deadline: the machine is shared.
settings.register_profile("repeatable", derandomize=True, deadline=None)
settings.load_profile("repeatable")

from cvbook.cli.browser import CHROMIUM_ARGS, system_chromium
from synthetic import (
    HOSTILE_SITE,
    assert_clean_build,
    build_book,
    copy_book,
    make_book,
    make_hostile_book,
    serve,
)


@pytest.fixture(scope="session")
def book_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the owner's own book, for the few smoke tests that build the real content."""
    return copy_book(tmp_path_factory.mktemp("book") / "src")


@pytest.fixture(scope="session")
def built_book(book_copy: Path) -> Path:
    """The owner's book built once, strictly, as of the pinned date. Returns ``_build/html``."""
    assert_clean_build(build_book(book_copy))
    return book_copy / "_build" / "html"


@pytest.fixture(scope="session")
def synthetic_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default synthetic book (tests/synthetic.py), not yet built."""
    return make_book(tmp_path_factory.mktemp("synthetic") / "src")


@pytest.fixture(scope="session")
def synthetic_site(synthetic_book: Path) -> Path:
    """The default synthetic book built once, strictly, as of the pinned date. Returns ``_build/html``."""
    assert_clean_build(build_book(synthetic_book))
    return synthetic_book / "_build" / "html"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile synthetic book (markup-shaped facts) built once, with a site address."""
    book = make_hostile_book(tmp_path_factory.mktemp("hostile") / "src")
    assert_clean_build(build_book(book, env={"SITE_URL": HOSTILE_SITE}))
    return book / "_build" / "html"


@pytest.fixture(scope="session")
def site_url(built_book: Path) -> Iterator[str]:
    """The owner's built site served over HTTP on loopback."""
    with serve(built_book) as url:
        yield url


@pytest.fixture(scope="session")
def synthetic_site_url(synthetic_site: Path) -> Iterator[str]:
    """The default synthetic site served over HTTP on loopback."""
    with serve(synthetic_site) as url:
        yield url


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
