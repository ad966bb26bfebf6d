"""The site's search: Sphinx's own (searchindex.js, searchtools.js), fed the pages' prose.

A reader who searches for "golang" wants the pages that talk about it, not the notebook
cell that loads a data frame. So notebook code cells stay out of both halves of search:

* the index: the HTML builder indexes each page without its code cells, and its notebook
  outputs by their words (:class:`HTMLBuilder`); the page itself still shows them;
* the excerpts: Sphinx's searchtools.js would cut them from all of a result page's text,
  code included (its ``htmlToText`` keeps everything but scripts and styles), so its
  excerpts are turned off and the theme's search.js writes them from the page's prose.

Both are extension points (a builder registered in Sphinx's place, a documented option), so
no library code is patched; the search page, its form and searchtools.js stay Sphinx's.
"""

from __future__ import annotations

from docutils import nodes
from lxml import html as lxml_html
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config

CODE_CELL = "cell_code_source"  # MyST-NB's mark on a notebook cell's source


def _is_code_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and node.get("nb_element") == CODE_CELL


def _words(markup: str) -> str:
    """The text of an HTML fragment, element by element: Sphinx's indexer drops tags without a
    space, so a table's cells "golang" and "4 years" would index as one word "golang4"."""
    fragment = lxml_html.fragment_fromstring(markup, create_parent="div")
    for unread in fragment.xpath("//script | //style | //*[local-name()='svg']"):
        unread.drop_tree()  # a chart's labels repeat the table beside it
    return " ".join(" ".join(fragment.itertext()).split())


def searchable(doctree: nodes.document) -> nodes.document:
    """``doctree`` as the index reads it: no notebook code cells, and notebook outputs (raw
    HTML: tables, charts) as their words. A copy when anything changes, else itself."""
    if not any(doctree.findall(lambda node: _is_code_cell(node) or _is_html(node))):
        return doctree
    copy = doctree.deepcopy()
    for node in list(copy.findall(_is_code_cell)):
        node.parent.remove(node)
    for node in list(copy.findall(_is_html)):
        node.parent.replace(node, nodes.Text(_words(node.astext())))
    return copy


def _is_html(node: nodes.Node) -> bool:
    return isinstance(node, nodes.raw) and "html" in node.get("format", "").split()


class HTMLBuilder(StandaloneHTMLBuilder):
    """Sphinx's HTML builder, indexing each page for search without its notebook code cells."""

    def index_page(self, pagename: str, doctree: nodes.document, title: str) -> None:
        super().index_page(pagename, searchable(doctree), title)


def _theme_writes_excerpts(app: Sphinx, config: Config) -> None:
    config.html_show_search_summary = False  # the theme's search.js writes them


def setup(app: Sphinx) -> None:
    app.add_builder(HTMLBuilder, override=True)
    app.connect("config-inited", _theme_writes_excerpts)
