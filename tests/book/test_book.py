"""The built book as a reader gets it, on a synthetic book: every page is there, each
shows its facts, and a new position is one new file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from cvbook.content.loader import load_book
from synthetic import PINNED_DATE, POSITIONS, assert_clean_build, build_book, make_book, position

pytestmark = pytest.mark.build


def text_of(page: Path, also_without: str = "") -> str:
    """The visible text of a page's main content, whitespace folded; ``also_without`` is an
    XPath of more elements to leave out."""
    tree = lxml_html.parse(str(page))
    for hidden in tree.xpath(
        "//script | //style | //template" + (f" | {also_without}" if also_without else "")
    ):
        hidden.drop_tree()
    main = tree.xpath("//main | //article") or [tree.getroot()]
    return re.sub(r"\s+", " ", main[0].text_content())


@pytest.fixture(scope="module")
def book(synthetic_book: Path):
    return load_book(synthetic_book, as_of=PINNED_DATE)


def test_every_page_is_built(synthetic_site: Path, book) -> None:
    pages = ["index", "experience/index", "notebooks/experience", "self-development", "blog/index"]
    for page in [*pages, *(entry.docname for entry in book.positions)]:
        assert (synthetic_site / f"{page}.html").is_file(), page


def test_each_position_page_shows_its_facts(synthetic_site: Path, book) -> None:
    for page in book.positions:
        text = text_of(synthetic_site / f"{page.docname}.html")
        position = page.position
        for fact in (position.company, position.role, position.mode, *position.stack):
            assert fact in text, (page.docname, fact)


def test_the_home_page_shows_the_profile(synthetic_site: Path, book) -> None:
    text = text_of(synthetic_site / "index.html")
    for fact in (book.profile.name, book.profile.headline, *book.summary):
        assert fact in text
    for group, items in book.profile.skills.items():
        assert group in text
        for item in items:
            assert item in text, (group, item)


def test_every_page_carries_the_site_title(synthetic_book: Path, synthetic_site: Path) -> None:
    site_title = yaml.safe_load((synthetic_book / "_config.yml").read_text(encoding="utf-8"))["title"]
    for page in synthetic_site.glob("**/*.html"):
        if "_static" not in page.parts:
            assert site_title in page.read_text(encoding="utf-8"), page


def test_a_new_position_is_one_new_file_listed_newest_first(tmp_path: Path) -> None:
    newest = position("Echo Newest GmbH", "Principal Engineer", "2026-01", "present", stack=["Zig"])
    root = make_book(tmp_path / "book", positions={**POSITIONS, "zzz-newest": newest})
    assert_clean_build(build_book(root))
    site = root / "_build" / "html"
    assert "Echo Newest GmbH" in text_of(site / "experience" / "zzz-newest.html")
    listed = text_of(site / "experience" / "index.html")
    companies = [page.position.company for page in load_book(root, as_of=PINNED_DATE).positions]
    assert companies[0] == "Echo Newest GmbH"
    offsets = [listed.find(company) for company in companies]
    assert -1 not in offsets and offsets == sorted(offsets), "positions are not listed newest first"


# Words about how the site is made, which a reader has no use for.
DEVELOPER_WORDS = re.compile(
    r"cvbook|front[ -]matter|render(ed|s|ing)?\b|dateutil|relativedelta|build's date|as-of date|"
    r"\bglue\b|ipykernel|\bkernel\b|nbclient|docutils|\bsphinx\b|myst",
    re.IGNORECASE,
)


def test_pages_speak_to_readers_not_developers(synthetic_site: Path) -> None:
    found = []
    for page in sorted(synthetic_site.glob("**/*.html")):
        if "_static" in page.parts or page.name in ("genindex.html", "search.html"):
            continue
        # Notebook code is for the engineer who opens it behind "Show code", not for a reader.
        text = text_of(page, also_without="//details[contains(@class, 'cv-code')]")
        found += [
            f"{page.relative_to(synthetic_site)}: {match[0]!r}" for match in DEVELOPER_WORDS.finditer(text)
        ]
    assert found == []
