"""The built book as a reader gets it: pages, facts, strictness (issue: the foundation)."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from synthetic import REPO
from cvbook.content import load_book

pytestmark = pytest.mark.build


def text_of(html_file: Path) -> str:
    """The visible text of a page's article, whitespace folded."""
    html = html_file.read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", html, re.DOTALL)
    assert article, f"{html_file} has no <article>"
    plain = re.sub(r"<(script|style)\b.*?</\1>", " ", article.group(0), flags=re.DOTALL)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", plain)))


@pytest.fixture(scope="module")
def book():
    return load_book(REPO)


def test_every_page_of_the_toc_is_built(built_book: Path) -> None:
    for page in ["intro", "experience/index", "notebooks/experience", "self-development", "blog/index"]:
        assert (built_book / f"{page}.html").is_file(), page


def test_experience_pages_show_their_front_matter(built_book: Path, book) -> None:
    assert len(book.positions) == 4
    for page in book.positions:
        text = text_of(built_book / f"{page.docname}.html")
        position = page.position
        assert position.company in text
        assert position.role in text
        assert position.period_label() in text
        assert f"{position.mode}_" in text


def test_intro_shows_every_skill_of_every_group(built_book: Path, book) -> None:
    text = text_of(built_book / "intro.html")
    assert set(book.profile.skills) == {"Backend", "Frontend", "Common"}
    for group, items in book.profile.skills.items():
        assert f"{group}_" in text
        for item in items:
            assert item in text, (group, item)


def test_intro_shows_name_headline_and_summary(built_book: Path, book) -> None:
    text = text_of(built_book / "intro.html")
    assert book.profile.name in text
    assert book.profile.headline in text
    for paragraph in book.summary:
        assert paragraph in text


def test_site_title_and_navigation_labels(built_book: Path) -> None:
    html = (built_book / "intro.html").read_text(encoding="utf-8")
    assert "Without a second thought_" in html
    nav = re.search(r'<nav class="bd-links.*?</nav>', html, re.DOTALL).group(0)
    labels = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", nav)))
    for label in ["About me_", "Experience_", "Blog_"]:
        assert label in labels


def test_newest_position_first(book) -> None:
    starts = [page.position.start for page in book.positions]
    assert starts == sorted(starts, reverse=True)
    assert next(page.position.company for page in book.positions).startswith("NDA")


@pytest.mark.parametrize("notebook", sorted([*REPO.glob("notebooks/*.ipynb"), *REPO.glob("blog/**/*.ipynb")]), ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(notebook: Path) -> None:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code_cells = [cell for cell in cells if cell["cell_type"] == "code"]
    assert code_cells, "a notebook without code cells is suspicious here"
    for cell in code_cells:
        assert cell["outputs"] == [] and cell["execution_count"] is None, f"{notebook.name} has outputs"
