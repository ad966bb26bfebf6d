"""sitemap.xml: every page at the site's address, written only when the site has one.

A sitemap lists absolute URLs, so a build without an address (a preview, a test) has
none; see ``cvbook.site.extension._site_address``. ``lastmod`` is the build's as-of date for
the pages that show durations counted up to it, and the date of the page source's last
commit for the others when the book is a git checkout.
"""

from __future__ import annotations

import subprocess
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from lxml import etree
from sphinx.application import Sphinx

from .blog import drafts  # a post dated after the as-of date is not published yet
from .head import UNLISTED  # pages kept out of search are kept out of the sitemap too

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _committed(source: Path) -> str | None:
    """The ISO date of ``source``'s last commit, or None outside git."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", source.name],
            cwd=source.parent, capture_output=True, text=True, check=False, timeout=10,
        )  # fmt: skip
    except OSError:
        return None
    return result.stdout.strip() or None


def render(app: Sphinx, docnames: list[str], live_pages: tuple[str, ...], as_of: str) -> bytes:
    root = etree.Element(f"{{{NAMESPACE}}}urlset", nsmap={None: NAMESPACE})
    for docname in sorted(docnames):
        if docname in UNLISTED:
            continue
        entry = etree.SubElement(root, f"{{{NAMESPACE}}}url")
        location = app.builder.get_target_uri(docname)
        if docname == app.config.root_doc:
            location = ""  # the home page is the site's root
        etree.SubElement(entry, f"{{{NAMESPACE}}}loc").text = urljoin(app.config.html_baseurl, location)
        live = any(fnmatch(docname, pattern) for pattern in live_pages)
        modified = as_of if live else _committed(Path(app.env.doc2path(docname)))
        if modified:
            etree.SubElement(entry, f"{{{NAMESPACE}}}lastmod").text = modified
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write(app: Sphinx, live_pages: tuple[str, ...], as_of: str) -> Any:
    if not app.config.html_baseurl:
        return None
    data = render(app, sorted(app.env.found_docs - drafts(app)), live_pages, as_of)
    (Path(app.outdir) / "sitemap.xml").write_bytes(data)
    return data
