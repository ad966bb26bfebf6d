"""The built site's HTML as crawlers and link previews read it, and what it asks the
browser to load (issue 7: findable, private, light). Browser-side checks: test_site_browser.py."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from cvbook.content import load_book
from synthetic import REPO

pytestmark = pytest.mark.build

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# <link rel=...> values that make the browser fetch something when the page loads.
LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
LOADING_ATTRIBUTES = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}


@pytest.fixture(scope="module")
def book():
    return load_book(REPO)


@pytest.fixture(scope="module")
def site_url(book) -> str:
    assert book.site_url, "html.baseurl is not set in _config.yml"
    return book.site_url


def soup_of(html_file: Path) -> BeautifulSoup:
    return BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")


def content_pages(built_book: Path, book) -> list[str]:
    """The pages written from the book's sources (not search, genindex, 404 or blog archives)."""
    pages = ["intro", "self-development", "blog/index", *(page.docname for page in book.positions)]
    pages += [path.relative_to(REPO).with_suffix("").as_posix() for path in REPO.glob("notebooks/*.ipynb")]
    pages += [path.relative_to(REPO).with_suffix("").as_posix() for path in REPO.glob("blog/posts/*.*")]
    return [page for page in pages if (built_book / f"{page}.html").is_file()]


def all_html(built_book: Path) -> list[Path]:
    return [path for path in built_book.rglob("*.html") if "_static" not in path.parts]


def meta(soup: BeautifulSoup, **attributes: str) -> str | None:
    tag = soup.find("meta", attrs=attributes)
    return tag.get("content") if tag else None


def test_every_content_page_has_a_description_and_a_link_preview(
    built_book: Path, book, site_url: str
) -> None:
    for page in content_pages(built_book, book):
        soup = soup_of(built_book / f"{page}.html")
        description = meta(soup, name="description")
        assert description and len(description) >= 40, page
        assert meta(soup, property="og:description") == description, page
        assert meta(soup, property="og:title"), page
        assert meta(soup, property="og:url") == f"{site_url}{page}.html", page
        assert meta(soup, property="og:site_name") == "Without a second thought_", page
        assert meta(soup, name="twitter:card") == "summary", page
        assert len(soup.find_all("meta", attrs={"name": "description"})) == 1, page


def test_descriptions_come_from_front_matter(built_book: Path, book) -> None:
    intro = soup_of(built_book / "intro.html")
    assert meta(intro, name="description") == " ".join(book.profile.description.split())
    for page in book.positions:
        if page.position.description:
            soup = soup_of(built_book / f"{page.docname}.html")
            assert meta(soup, name="description") == page.position.description, page.docname


def test_canonical_urls_use_the_site_address(built_book: Path, book, site_url: str) -> None:
    for page in content_pages(built_book, book):
        canonical = soup_of(built_book / f"{page}.html").find("link", rel="canonical")
        assert canonical and canonical["href"] == f"{site_url}{page}.html", page


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


def test_intro_states_the_owner_as_json_ld(built_book: Path, book, site_url: str) -> None:
    [person] = json_ld(soup_of(built_book / "intro.html"))
    assert person["@context"] == "https://schema.org"
    assert person["@type"] == "Person"
    assert person["name"] == book.profile.name
    assert person["jobTitle"] == book.profile.headline
    assert person["alternateName"] == book.profile.handle
    assert person["url"] == site_url
    assert set(person["knowsAbout"]) == {skill for skills in book.profile.skills.values() for skill in skills}


def test_json_ld_only_on_the_intro(built_book: Path, book) -> None:
    for page in content_pages(built_book, book):
        if page != "intro":
            assert not json_ld(soup_of(built_book / f"{page}.html")), page


def test_sitemap_lists_the_pages_at_the_site_address(built_book: Path, book, site_url: str) -> None:
    root = ElementTree.parse(built_book / "sitemap.xml").getroot()
    locations = {loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)}
    for page in content_pages(built_book, book):
        assert f"{site_url}{page}.html" in locations, page
    assert all(location.startswith(site_url) for location in locations)
    for utility in ("search", "genindex", "404"):
        assert f"{site_url}{utility}.html" not in locations


def test_robots_txt_allows_crawling_and_points_at_the_sitemap(built_book: Path, site_url: str) -> None:
    lines = (built_book / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert not any(line.replace(" ", "") == "Disallow:/" for line in lines)
    assert f"Sitemap: {site_url}sitemap.xml" in lines


def test_404_page_resolves_links_from_the_site_root(built_book: Path, site_url: str) -> None:
    soup = soup_of(built_book / "404.html")
    base = soup.head.find("base")
    assert base and base["href"] == urlsplit(site_url).path
    tags = soup.head.find_all(True)
    first_url = next(tag for tag in tags if tag.get("href") or tag.get("src"))
    assert first_url is base, "<base> must come before every URL it resolves"
    assert "not found" in soup.select_one("article h1").get_text().lower()


def test_favicon_is_a_small_svg(built_book: Path) -> None:
    icon = soup_of(built_book / "intro.html").find("link", rel="icon")
    assert icon and icon["href"].endswith(".svg")
    file = built_book / icon["href"]
    assert file.is_file() and file.stat().st_size < 2048


def loads(soup: BeautifulSoup) -> list[str]:
    """Every URL the page makes the browser fetch as it loads (not links the reader may follow)."""
    urls = [
        tag[attribute]
        for name, attribute in LOADING_ATTRIBUTES.items()
        for tag in soup.find_all(name)
        if tag.get(attribute)
    ]
    urls += [
        tag["href"]
        for tag in soup.find_all("link", href=True)
        if LOADING_RELS & {rel.lower() for rel in tag.get("rel", [])}
    ]
    urls += [tag["srcset"] for tag in soup.find_all(srcset=True)]
    return urls


def test_no_page_loads_anything_from_another_origin(built_book: Path) -> None:
    offenders = {}
    for html_file in all_html(built_book):
        off_origin = [url for url in loads(soup_of(html_file)) if re.match(r"(https?:)?//", url)]
        if off_origin:
            offenders[str(html_file.relative_to(built_book))] = off_origin
    assert not offenders


def test_no_page_loads_fontawesome_bootstrap_or_mathjax(built_book: Path) -> None:
    for html_file in all_html(built_book):
        urls = " ".join(loads(soup_of(html_file))).lower()
        for unwanted in ("fontawesome", "bootstrap", "mathjax", "webfonts"):
            assert unwanted not in urls, (html_file.relative_to(built_book), unwanted)


def test_search_scripts_load_on_the_search_page_only(built_book: Path, book) -> None:
    for page in content_pages(built_book, book):
        scripts = " ".join(loads(soup_of(built_book / f"{page}.html")))
        for script in ("searchtools.js", "searchindex.js", "doctools.js", "sphinx_highlight.js"):
            assert script not in scripts, (page, script)
    search_scripts = " ".join(loads(soup_of(built_book / "search.html")))
    assert "searchtools.js" in search_scripts and "searchindex.js" in search_scripts


def test_scripts_do_not_block_the_first_paint(built_book: Path, book) -> None:
    """Same-origin scripts in <head> are deferred, except Sphinx's few-hundred-byte options script."""
    for page in content_pages(built_book, book):
        head = soup_of(built_book / f"{page}.html").head
        blocking = [
            tag["src"]
            for tag in head.find_all("script", src=True)
            if not tag.has_attr("defer") and not tag.has_attr("async")
        ]
        assert [src for src in blocking if "documentation_options.js" not in src] == [], page


def test_theme_stylesheet_ships_without_fontawesome_glyphs(built_book: Path) -> None:
    css = (built_book / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert ".fa-bars:before" not in css and "\\f0c9" not in css
    assert "--pst-color-primary" in css  # the theme itself is all there
