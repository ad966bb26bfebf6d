"""The one place a build keeps the loaded book: set once when the builder starts, read by every hook."""

from __future__ import annotations

from sphinx.application import Sphinx

from ..model.book import Book

_ATTRIBUTE = "cvbook_book"


def set_book(app: Sphinx, book: Book) -> None:
    setattr(app, _ATTRIBUTE, book)


def book_of(app: Sphinx) -> Book:
    """The book loaded for this build (``builder-inited``, cvbook.site.extension)."""
    return getattr(app, _ATTRIBUTE)
