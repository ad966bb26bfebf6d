"""`make book` (python -m cvbook build, cvbook.cli.build): jupyter-book build, strict, and quiet on failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from cvbook.cli.build import STRICT_FLAGS
from synthetic import build_book, make_book, warnings_in


def test_the_flags_make_warnings_fail_and_every_reference_resolve() -> None:
    """-W: a warning fails the build; -n: a reference that resolves nowhere warns; --keep-going: all at once."""
    assert STRICT_FLAGS == ("-W", "-n", "--keep-going")


@pytest.mark.build
def test_a_warning_fails_the_build_with_its_message_and_no_traceback(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book")
    intro = book / "intro.md"
    intro.write_text(
        intro.read_text(encoding="utf-8") + "\nSee [a page](no-such-page.md).\n", encoding="utf-8"
    )
    result = build_book(book)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert any("no-such-page" in line for line in warnings_in(result)), output[-3000:]
    assert "Traceback" not in output
