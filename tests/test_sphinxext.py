"""The Sphinx extension (cvbook.sphinxext) inside real builds: bad content stops the
build cleanly, and pages that show facts follow the facts and the as-of date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from synthetic import PINNED_EPOCH, copy_book, build_book

pytestmark = pytest.mark.build
DAY = 86400


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return copy_book(tmp_path / "book")


def intro_total(book: Path) -> str:
    html = (book / "_build" / "html" / "intro.html").read_text(encoding="utf-8")
    return re.search(r'id="experience-total"><span class="pasted-text">([^<]+)<', html).group(1)


def test_a_typo_stops_the_build_with_one_line_and_writes_no_site(book: Path) -> None:
    page = book / "experience" / "nda.md"
    page.write_text(page.read_text().replace("start:", "strat:", 1))
    result = build_book(book)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"error: {page}: strat: unknown key (did you mean 'start'?" in result.stderr
    assert "Traceback" not in output
    assert not list((book / "_build" / "html").glob("**/*.html"))


def test_fact_pages_follow_the_as_of_date_and_the_facts(book: Path) -> None:
    assert build_book(book).returncode == 0
    assert intro_total(book) == "4 years, 7 months, 17 days"

    unchanged = build_book(book)
    assert "0 changed" in unchanged.stdout or "no targets are out of date" in unchanged.stdout

    assert build_book(book, epoch=PINNED_EPOCH + DAY).returncode == 0
    assert intro_total(book) == "4 years, 7 months, 18 days"

    page = book / "experience" / "primegate.md"
    page.write_text(page.read_text().replace("start: 2021-08", "start: 2021-07"))
    assert build_book(book, epoch=PINNED_EPOCH + DAY).returncode == 0
    assert intro_total(book) == "4 years, 8 months, 18 days"


def test_a_failing_notebook_cell_fails_the_build(book: Path) -> None:
    import nbformat

    path = book / "notebooks" / "experience.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('broken on purpose')"))
    nbformat.write(notebook, path)
    result = build_book(book)
    assert result.returncode != 0
    assert "broken on purpose" in result.stdout + result.stderr
