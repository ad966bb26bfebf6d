"""robots.txt (cvbook.render.robots): only at a host's root, naming the sitemap."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cvbook.model.book import Book, Settings
from cvbook.model.facts import Profile
from cvbook.render import robots

PROFILE = Profile(name="Alex Example", headline="Engineer", description="A test.", skills={"Backend": ["Go"]})


def book(site_url: str | None) -> Book:
    return Book(Path("/book"), dt.date(2026, 3, 18), PROFILE, (), (), settings=Settings(site_url, None))


@pytest.mark.parametrize(
    ("site_url", "sitemap"),
    [
        ("https://example.org/", "https://example.org/sitemap.xml"),
        ("http://localhost:8000/", "http://localhost:8000/sitemap.xml"),
        ("https://alex.example.dev/", "https://alex.example.dev/sitemap.xml"),
    ],
)
def test_at_a_hosts_root_everything_may_be_crawled_and_the_sitemap_is_named(
    site_url: str, sitemap: str
) -> None:
    assert robots.render(book(site_url)) == f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n".encode()


@pytest.mark.parametrize("site_url", [None, "https://name.github.io/cv/", "https://example.org/a/b/"])
def test_without_an_address_or_under_a_path_there_is_none(site_url: str | None) -> None:
    """Crawlers read /robots.txt only: one under /cv/ would never be read."""
    assert robots.render(book(site_url)) is None
