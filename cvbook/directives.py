"""Directives that put facts from front matter on a page, as docutils nodes.

Facts are text: they become Text nodes, never Markdown or HTML to be parsed, so a
title like ``R&D <Labs>`` shows as written.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .content import SELF_DEVELOPMENT, load_self_development


class ReadingPlan(SphinxDirective):
    """``{reading-plan}``: the books and languages from self-development.md's front matter."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(self.env.srcdir / SELF_DEVELOPMENT))
        plan = load_self_development(self.env.srcdir)
        result: list[nodes.Node] = []
        for label, items in (
            ("Books", [(book.title, " (reading right now)" if book.reading else "") for book in plan.books]),
            ("Languages", [(language, "") for language in plan.languages]),
        ):
            if not items:
                continue
            result.append(nodes.paragraph("", "", nodes.strong(text=label)))
            bullets = nodes.bullet_list(classes=["reading-plan"])
            for title, note in items:
                bullets += nodes.list_item("", nodes.paragraph("", "", nodes.Text(title), nodes.Text(note)))
            result.append(bullets)
        return result


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("reading-plan", ReadingPlan)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
