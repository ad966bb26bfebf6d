"""sitemap.xml: every page at the site's address, written only when the site has one.

A sitemap lists absolute URLs, so a build without an address (a preview, a test) has
none; see ``cvbook.site.extension._site_address``. It lists the pages Sphinx reads and the
blog's generated pages that list a post (tags, categories, years, all posts); not what
says noindex: the search and 404 pages, drafts, an empty blog (``cvbook.site.blog``).
``lastmod`` is the build's as-of date for the pages that show durations counted up to it,
a generated blog page's newest post's date, and for the others the date of the page
source's last commit when the book is a git checkout.

Written here rather than by sphinx-sitemap, which writes a partial sitemap on an
incremental build and knows nothing of noindex.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from lxml import etree
from sphinx.application import Sphinx

from ..content.history import last_commit
from . import blog
from .head import UNLISTED  # pages kept out of search are kept out of the sitemap too

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _committed(source: Path) -> str | None:
    """The ISO date of ``source``'s last commit, or None outside git."""
    committed = last_commit(source.parent, (source.name,))
    return committed and committed.date().isoformat()


def render(
    app: Sphinx, docnames: list[str], live_pages: tuple[str, ...], as_of: str, generated: dict[str, str]
) -> bytes:
    """The sitemap of ``docnames`` (pages Sphinx read) and ``generated`` (page -> lastmod)."""
    root = etree.Element(f"{{{NAMESPACE}}}urlset", nsmap={None: NAMESPACE})
    for docname in sorted({*docnames, *generated}):
        if docname in UNLISTED:
            continue
        entry = etree.SubElement(root, f"{{{NAMESPACE}}}url")
        location = app.builder.get_target_uri(docname)
        if docname == app.config.root_doc:
            location = ""  # the home page is the site's root
        etree.SubElement(entry, f"{{{NAMESPACE}}}loc").text = urljoin(app.config.html_baseurl, location)
        live = any(fnmatch(docname, pattern) for pattern in live_pages)
        if docname in generated:
            modified = generated[docname]
        else:
            modified = as_of if live else _committed(Path(app.env.doc2path(docname)))
        if modified:
            etree.SubElement(entry, f"{{{NAMESPACE}}}lastmod").text = modified
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write(app: Sphinx, live_pages: tuple[str, ...], as_of: str) -> Any:
    if not app.config.html_baseurl:
        return None
    generated = {docname: day.isoformat() for docname, day in blog.published_pages(app).items()}
    data = render(app, sorted(app.env.found_docs - blog.unlisted(app)), live_pages, as_of, generated)
    (Path(app.outdir) / "sitemap.xml").write_bytes(data)
    return data
