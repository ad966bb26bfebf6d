"""cvbook.site.upstream.myst_nb: the "Show code" control as valid HTML, named by its text."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from docutils import nodes
from myst_nb import sphinx_ as myst_nb_sphinx

from cvbook.site.upstream import myst_nb as upstream
from cvbook.site.upstream import require


def test_the_installed_myst_nb_is_the_tested_one() -> None:
    require("myst-nb", upstream.TESTED, "myst_nb")


def test_myst_nb_still_writes_paragraphs_inside_the_summary() -> None:
    """The reason for the override: when MyST-NB writes valid HTML itself, drop it."""
    assert "<p class=" in inspect.getsource(myst_nb_sphinx.visit_HideCellInput)


class _Translator:
    def __init__(self) -> None:
        self.body: list[str] = []


def test_the_control_is_a_details_whose_summary_holds_two_spans() -> None:
    node = myst_nb_sphinx.HideCodeCellNode(
        prompt_show="Show <code>", prompt_hide="Hide code", classes=["above-input"]
    )
    node += nodes.paragraph("", "print(1)")
    translator = _Translator()
    upstream.visit_hidden_code(translator, node)  # type: ignore[arg-type]
    upstream.depart_hidden_code(translator, node)  # type: ignore[arg-type]
    html = "".join(translator.body)
    assert html.startswith('<details class="cv-code above-input"><summary>')
    summary = re.search(r"<summary>(.*)</summary>", html, re.DOTALL)
    assert summary is not None
    assert "<p" not in summary[1] and "aria-label" not in html
    assert '<span class="cv-code-show">Show &lt;code&gt;</span>\n' in summary[1]
    assert '<span class="cv-code-hide">Hide code</span>' in summary[1]
    assert html.endswith("</details>\n")


def test_the_theme_styles_the_control_it_writes() -> None:
    css = (Path(upstream.__file__).parents[1] / "theme" / "cv.css").read_text(encoding="utf-8")
    assert "details.cv-code[open] > summary > .cv-code-show" in css
