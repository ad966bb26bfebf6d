"""The Sphinx extension (cvbook.site.extension) inside real builds: pages that show facts
follow the facts and the as-of date, rebuilds re-read only what changed, and the
site's address decides what needs one."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from lxml import html as lxml_html

from cvbook.cli.build import STRICT_FLAGS
from synthetic import PINNED_EPOCH, assert_clean_build, build_book, build_env, make_book

pytestmark = pytest.mark.build
DAY = 86400


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return make_book(tmp_path / "book")


def intro_total(book: Path) -> str:
    """The experience total on the home page as built (what a reader without JavaScript sees)."""
    tree = lxml_html.parse(str(book / "_build" / "html" / "index.html"))
    total = tree.xpath('//p[contains(@class, "cv-total")]')[0]
    return " ".join(total.text_content().split())


def test_fact_pages_follow_the_as_of_date_and_the_facts(book: Path) -> None:
    assert_clean_build(build_book(book))
    assert "4 years, 7 months, 17 days" in intro_total(book)

    unchanged = build_book(book)
    assert "0 changed" in unchanged.stdout or "no targets are out of date" in unchanged.stdout

    assert_clean_build(build_book(book, epoch=PINNED_EPOCH + DAY))
    assert "4 years, 7 months, 18 days" in intro_total(book)

    page = book / "experience" / "delta.md"
    page.write_text(page.read_text().replace("start: 2021-08", "start: 2021-07"))
    assert_clean_build(build_book(book, epoch=PINNED_EPOCH + DAY))
    assert "4 years, 8 months, 18 days" in intro_total(book)


def test_without_an_address_one_notice_and_nothing_that_needs_one(book: Path) -> None:
    result = build_book(book)
    assert_clean_build(result)
    notices = [line for line in (result.stdout + result.stderr).splitlines() if "no site address" in line]
    assert len(notices) == 1
    site = book / "_build" / "html"
    assert not (site / "sitemap.xml").exists()
    assert not (site / "robots.txt").exists()
    for page in site.glob("**/*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in text and 'property="og:url"' not in text, page


@pytest.mark.parametrize(
    ("address", "robots"),
    [
        pytest.param("https://example.org/cv/", False, id="under-a-path"),
        pytest.param("https://cv.example.org/", True, id="at-a-host-root"),
    ],
)
def test_with_an_address_links_are_absolute(book: Path, address: str, robots: bool) -> None:
    result = build_book(book, env={"SITE_URL": address})
    assert_clean_build(result)
    assert "no site address" not in result.stdout + result.stderr
    site = book / "_build" / "html"
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = ElementTree.parse(site / "sitemap.xml").getroot()
    locations = [element.text for element in sitemap.findall("sm:url/sm:loc", namespace)]
    assert address in locations, "the home page is the site's root"
    assert all(location.startswith(address) for location in locations)
    for modified in sitemap.findall("sm:url/sm:lastmod", namespace):
        dt.date.fromisoformat(modified.text)
    assert not any(location.endswith(("search.html", "genindex.html", "404.html")) for location in locations)
    home = lxml_html.parse(str(site / "index.html"))
    assert home.xpath('//link[@rel="canonical"]/@href') == [address]
    assert (site / "robots.txt").exists() == robots
    if robots:
        assert f"Sitemap: {address}sitemap.xml" in (site / "robots.txt").read_text()


def pages_read(result) -> list[str]:
    """The docnames Sphinx re-read in a build, from its "reading sources..." lines."""
    return re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", result.stdout + result.stderr)


def notebooks_run(result) -> int:
    return len(re.findall(r"executed notebook", result.stdout + result.stderr))


def test_a_story_edit_re_reads_its_page_and_no_notebook(book: Path) -> None:
    assert_clean_build(build_book(book))
    page = book / "experience" / "delta.md"
    page.write_text(page.read_text().replace("Some detail about the first thing.", "Other detail."))
    result = build_book(book)
    assert_clean_build(result)
    assert pages_read(result) == ["experience/delta"]
    assert notebooks_run(result) == 0

    # A highlight (a bullet's bold lead) is on the home page too; still no notebook.
    page.write_text(page.read_text().replace("**Built the first thing.**", "**Built another thing.**"))
    result = build_book(book)
    assert_clean_build(result)
    assert sorted(pages_read(result)) == ["experience/delta", "index"]
    assert notebooks_run(result) == 0
    assert "Built another thing" in (book / "_build" / "html" / "index.html").read_text(encoding="utf-8")


def test_a_fact_edit_re_reads_every_page_that_shows_facts(book: Path) -> None:
    assert_clean_build(build_book(book))
    page = book / "experience" / "delta.md"
    page.write_text(page.read_text().replace("Front End Engineer", "Front End Lead"))
    result = build_book(book)
    assert_clean_build(result)
    read = set(pages_read(result))
    assert {"index", "experience/delta", "experience/alpha", "notebooks/experience"} <= read
    assert notebooks_run(result) == 2, "both notebooks show facts"
    assert "self-development" not in read
    site = book / "_build" / "html"
    for shown in ("index.html", "experience/delta.html"):
        assert "Front End Lead" in (site / shown).read_text(encoding="utf-8"), shown


def test_environments_and_hidden_folders_are_not_pages(book: Path) -> None:
    """An environment in the book's folder, under any name, is not read as pages, nor is
    `make mutate`'s copy of the book (mutants/); plain `jupyter-book build` (README's
    own-environment path) builds the same book strictly."""
    notebook = (book / "notebooks" / "experience.ipynb").read_text(encoding="utf-8")
    folders = (
        ".tox/py311/lib/site-packages/pkg",
        ".venv311/share/doc",
        "env/lib/site-packages/pkg",
        "mutants",
    )
    for folder in folders:
        (book / folder).mkdir(parents=True)
        (book / folder / "README.md").write_text("# Not a page\n\n[broken](nowhere.md)\n", encoding="utf-8")
        (book / folder / "template.ipynb").write_text(notebook, encoding="utf-8")
    (book / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    result = build_book(book)
    assert_clean_build(result)
    assert "Not a page" not in result.stdout
    site = book / "_build" / "html"
    assert not list(site.glob("env/**/*.html")) and not list(site.glob(".*/**/*.html"))
    assert not list(site.glob("mutants/**/*.html"))

    shutil.rmtree(book / "_build")
    plain = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(book), *STRICT_FLAGS],
        capture_output=True, text=True, env=build_env(), check=False, timeout=900,
    )  # fmt: skip
    assert_clean_build(plain)
    assert (site / "index.html").is_file() and not list(site.glob("env/**/*.html"))
