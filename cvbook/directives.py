"""Directives that put facts from front matter on a page, as docutils nodes.

Facts are text: they become Text nodes, never Markdown or HTML to be parsed, so a
title like ``R&D <Labs>`` shows as written.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from . import pages


class ReadingPlan(SphinxDirective):
    """``{reading-plan}``: the books and languages from self-development.md's front matter,
    drawn as on the home page (cvbook.pages)."""

    def run(self) -> list[nodes.Node]:
        from .sphinxext import book_of  # the book loaded once per build

        return pages.self_development(book_of(self.env.app))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("reading-plan", ReadingPlan)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
