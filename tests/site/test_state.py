"""The loaded book's one place in a build (cvbook.site.state): set once, read by every hook."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sphinx.application import Sphinx

from cvbook.content.loader import load_book
from cvbook.site.state import book_of, set_book
from synthetic import PINNED_DATE, make_book


@pytest.fixture
def app(tmp_path: Path) -> Sphinx:
    """A real Sphinx application on an empty project (no cvbook extension: the state alone)."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "index.rst").write_text("Index\n=====\n", encoding="utf-8")
    quiet = io.StringIO()
    return Sphinx(
        str(source),
        None,
        str(tmp_path / "out"),
        str(tmp_path / "doctrees"),
        "html",
        status=quiet,
        warning=quiet,
    )


def test_the_book_set_is_the_book_read(app: Sphinx, tmp_path: Path) -> None:
    book = load_book(make_book(tmp_path / "book"), as_of=PINNED_DATE, environ={})
    set_book(app, book)
    assert book_of(app) is book


def test_reading_before_the_book_is_loaded_is_a_bug_not_a_none(app: Sphinx) -> None:
    with pytest.raises(AttributeError):
        book_of(app)
