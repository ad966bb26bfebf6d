"""sitemap.xml (cvbook.site.sitemap) as built: every advertised page and nothing that says noindex,
ABlog's generated pages included, each with a date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from synthetic import HOSTILE_SITE

pytestmark = pytest.mark.build
NAMESPACE = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(site: Path) -> dict[str, str | None]:
    """Page (relative .html path) -> lastmod."""
    root = etree.parse(str(site / "sitemap.xml")).getroot()
    entries = {}
    for url in root.findall("sm:url", NAMESPACE):
        location = url.findtext("sm:loc", namespaces=NAMESPACE).removeprefix(HOSTILE_SITE) or "index.html"
        entries[location] = url.findtext("sm:lastmod", namespaces=NAMESPACE)
    return entries


def noindex(page: Path) -> bool:
    root = lxml_html.parse(str(page)).getroot()
    return bool(root.xpath("//meta[@name='robots' and contains(@content, 'noindex')]"))


def test_every_page_is_in_the_sitemap_or_says_noindex_never_both(hostile_site: Path) -> None:
    listed = sitemap(hostile_site)
    for page in hostile_site.rglob("*.html"):
        relative = page.relative_to(hostile_site).as_posix()
        assert (relative in listed) != noindex(page), relative
    assert all((hostile_site / page).is_file() for page in listed)


def test_the_blogs_generated_pages_are_listed_with_their_newest_posts_date(hostile_site: Path) -> None:
    """The hostile book has one post, of 2026-01-10: its tag, category, year and all-posts pages."""
    listed = sitemap(hostile_site)
    generated = ["blog.html", "blog/tag.html", "blog/category.html", "blog/archive.html", "blog/2026.html"]
    for page in generated:
        assert listed.get(page) == "2026-01-10", page
    assert any(page.startswith("blog/tag/") for page in listed)
    assert not any(page.startswith(("blog/author", "blog/drafts")) for page in listed)
    for modified in listed.values():
        if modified:
            dt.date.fromisoformat(modified)
