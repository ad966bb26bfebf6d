"""The system Chromium (cvbook.cli.browser): found the same way by the book PDF, the tests and the audit."""

from __future__ import annotations

import shutil

import pytest

from cvbook.cli.browser import CHROMIUM_ARGS, system_chromium


def test_chromium_env_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHROMIUM", "/opt/other/chromium")
    assert system_chromium() == "/opt/other/chromium"


def test_else_chromium_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHROMIUM", raising=False)
    assert system_chromium() == shutil.which("chromium")


def test_no_chromium_anywhere_is_none(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert system_chromium() is None


def test_the_arguments_keep_it_offline() -> None:
    assert {"--disable-background-networking", "--disable-component-update", "--disable-sync"} <= set(
        CHROMIUM_ARGS
    )


@pytest.mark.browser
def test_the_system_chromium_starts_with_these_arguments_and_renders(browser) -> None:
    """The session's browser (tests/conftest.py) is launched from system_chromium() with CHROMIUM_ARGS."""
    page = browser.new_page()
    try:
        page.set_content("<p id=x>ok</p><script>document.getElementById('x').textContent += '!'</script>")
        assert page.text_content("#x") == "ok!"
    finally:
        page.close()
