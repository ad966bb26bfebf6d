"""robots.txt, written only where crawlers look for it: at the root of a host."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from ..model.book import Book


def render(book: Book) -> bytes | None:
    """Everything may be crawled, and the sitemap is named; None unless the site is a host's root.

    Crawlers read /robots.txt only, so a site published under a path (``/cv/``) has no
    use for one, and without an address there is no sitemap to name.
    """
    if not book.site_url or urlsplit(book.site_url).path not in ("", "/"):
        return None
    lines = ["User-agent: *", "Allow: /", "", f"Sitemap: {urljoin(book.site_url, 'sitemap.xml')}"]
    return ("\n".join(lines) + "\n").encode()
