"""MyST-NB's "Show code" control (a ``hide-input`` cell), written as valid HTML.

MyST-NB hides a cell's code inside ``<details>`` and prints the summary's two prompts as
``<p>`` elements, which HTML does not allow inside ``<summary>`` (the Nu Html Checker
rejects every notebook page), and names the control "Toggle hidden content", which is not
the text a reader sees. Sphinx lets an extension give a node type its own HTML visitor
(``add_node(..., override=True)``), so the same node is written here with the prompts as
spans: the summary reads "Show code" or "Hide code", and no script is needed.
"""

from __future__ import annotations

from html import escape

from myst_nb.sphinx_ import HideCodeCellNode
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxTranslator

from . import require

TESTED = ">=1.1,<1.5"


def visit_hidden_code(translator: SphinxTranslator, node: HideCodeCellNode) -> None:
    classes = " ".join(["cv-code", *node["classes"]])
    translator.body.append(
        f'<details class="{escape(classes)}"><summary>'
        f'<span class="cv-code-show">{escape(node["prompt_show"])}</span>\n'
        f'<span class="cv-code-hide">{escape(node["prompt_hide"])}</span></summary>\n'
    )


def depart_hidden_code(translator: SphinxTranslator, node: HideCodeCellNode) -> None:
    translator.body.append("</details>\n")


def setup(app: Sphinx) -> None:
    require("myst-nb", TESTED, "myst_nb")
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_code, depart_hidden_code))
