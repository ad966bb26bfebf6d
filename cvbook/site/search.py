"""The site's search: Sphinx's own (searchindex.js, searchtools.js), fed the pages' prose.

A reader who searches for "golang" wants the pages that talk about it, not the notebook
cell that loads a data frame. So notebook code cells stay out of both halves of search:

* the index: the HTML builder indexes each page without its code cells (:class:`HTMLBuilder`);
  the page itself still shows them;
* the excerpts: Sphinx's searchtools.js would cut them from all of a result page's text,
  code included (its ``htmlToText`` keeps everything but scripts and styles), so its
  excerpts are turned off and the theme's search.js writes them from the page's prose.

Both are extension points (a builder registered in Sphinx's place, a documented option), so
no library code is patched; the search page, its form and searchtools.js stay Sphinx's.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config

CODE_CELL = "cell_code_source"  # MyST-NB's mark on a notebook cell's source


def without_code_cells(doctree: nodes.document) -> nodes.document:
    """``doctree`` without notebook code cells: a copy when it has any, else itself."""
    cells = [node for node in doctree.findall(nodes.container) if node.get("nb_element") == CODE_CELL]
    if not cells:
        return doctree
    copy = doctree.deepcopy()
    for node in list(copy.findall(nodes.container)):
        if node.get("nb_element") == CODE_CELL:
            node.parent.remove(node)
    return copy


class HTMLBuilder(StandaloneHTMLBuilder):
    """Sphinx's HTML builder, indexing each page for search without its notebook code cells."""

    def index_page(self, pagename: str, doctree: nodes.document, title: str) -> None:
        super().index_page(pagename, without_code_cells(doctree), title)


def _theme_writes_excerpts(app: Sphinx, config: Config) -> None:
    config.html_show_search_summary = False  # the theme's search.js writes them


def setup(app: Sphinx) -> None:
    app.add_builder(HTMLBuilder, override=True)
    app.connect("config-inited", _theme_writes_excerpts)
