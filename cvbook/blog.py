"""The blog's glue between ABlog and the book (blog/, issue 6).

Loaded by ``cvbook.sphinxext``; ABlog itself is listed in _config.yml. It

* copies ``html_baseurl`` (``html.baseurl`` in _config.yml) into ABlog's
  ``blog_baseurl``, so the site's URL is written once and the feed's links follow it;
* puts a byline under each post's title: its date (linking to the year's archive),
  category and tags (linking to theirs). It is added to the page only, after ABlog
  has taken the excerpt and the feed's text, so neither repeats it;
* makes the links inside feed entries absolute. ABlog renders every entry as if it sat
  on its ``blog`` page, so a link to another post comes out relative to that page,
  which a feed reader resolves against the feed's own URL and gets wrong;
* dates drafts and the feed by the build's as-of date (``cvbook.clock``), not the real
  clock, so that a build is reproducible: ABlog treats a post dated after "tomorrow",
  fixed from the real date when ablog.blog is imported, as a draft, and stamps the
  feed's ``<updated>`` with the time of the build.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import ablog.blog
from ablog.blog import Blog, Collection, Post
from ablog.post import register_posts
from docutils import nodes
from lxml import etree, html
from sphinx.application import Sphinx
from sphinx.config import Config

BYLINE_CLASS = "blog-byline"
ATOM = "{http://www.w3.org/2005/Atom}"


def _baseurl_from_html(app: Sphinx, config: Config) -> None:
    """``blog_baseurl`` follows ``html_baseurl`` unless a build sets it explicitly."""
    if config.blog_baseurl or not config.html_baseurl:
        return
    # A trailing slash keeps the site's folder when ABlog joins page names onto it.
    config.blog_baseurl = config.html_baseurl.rstrip("/") + "/"


def _drafts_as_of_build_date(app: Sphinx) -> None:
    """A post is published when dated up to the as-of date; later ones are drafts."""
    from .sphinxext import book_of

    ablog.blog.TOMORROW = dt.datetime.combine(book_of(app).as_of + dt.timedelta(days=1), dt.time())


def _blog(app: Sphinx) -> Blog:
    blog = Blog(app)
    if not blog:  # ABlog registers posts lazily, on first use in the writing phase
        register_posts(app)
    return blog


def _link(app: Sphinx, docname: str, collection: Collection, classes: list[str]) -> nodes.reference:
    uri = app.builder.get_relative_uri(docname, collection.docname)
    return nodes.reference("", str(collection), internal=True, refuri=uri, classes=classes)


def _joined(app: Sphinx, docname: str, collections: list[Collection], classes: list[str]) -> list[nodes.Node]:
    parts: list[nodes.Node] = []
    for index, collection in enumerate(collections):
        if index:
            parts.append(nodes.Text(", "))
        parts.append(_link(app, docname, collection, classes))
    return parts


def byline(app: Sphinx, docname: str, post: Post) -> nodes.paragraph:
    """``2026-02-25 · Decisions · go, caching`` with each part linked to its archive page."""
    paragraph = nodes.paragraph(classes=[BYLINE_CLASS])
    date = nodes.reference(
        "",
        post.date.strftime(app.config.post_date_format),
        internal=True,
        refuri=app.builder.get_relative_uri(docname, post.archive.docname),
        classes=["blog-date"],
    )
    paragraph += date
    if post.category:
        paragraph += nodes.Text(" · ")
        paragraph.extend(_joined(app, docname, post.category, ["blog-category"]))
    if post.tags:
        paragraph += nodes.Text(" · ")
        paragraph.extend(_joined(app, docname, post.tags, ["blog-tag"]))
    return paragraph


def _add_byline(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    post = _blog(app).posts[docname]
    if post is None:  # not a post, or a draft
        return
    section = next(doctree.findall(nodes.section), None)
    if section is None or not isinstance(section[0], nodes.title):
        return
    section.insert(1, byline(app, docname, post))


def absolute_links(fragment: str, base: str, entry_url: str) -> str:
    """``fragment`` (HTML) with every relative link resolved against ``base``; ``#x`` against the entry."""

    def resolve(link: str) -> str:
        return urljoin(entry_url if link.startswith("#") else base, link)

    wrapper = html.fragment_fromstring(fragment, create_parent="div")
    wrapper.rewrite_links(resolve)
    return html.tostring(wrapper, encoding="unicode").removeprefix("<div>").removesuffix("</div>")


def absolutize_feed(feed: Path, base: str) -> None:
    """Rewrite each entry's HTML content in the Atom file ``feed`` with absolute links,
    and date the feed by its newest entry rather than by the moment of the build."""
    tree = etree.parse(str(feed))
    entries_updated = [entry.findtext(f"{ATOM}updated") for entry in tree.iter(f"{ATOM}entry")]
    feed_updated = tree.getroot().find(f"{ATOM}updated")
    if feed_updated is not None and any(entries_updated):
        feed_updated.text = max(filter(None, entries_updated))
    for entry in tree.iter(f"{ATOM}entry"):
        content = entry.find(f"{ATOM}content")
        link = entry.find(f"{ATOM}link")
        if content is None or not content.text or link is None:
            continue
        content.text = absolute_links(content.text, base, link.get("href", base))
    tree.write(str(feed), encoding="UTF-8", xml_declaration=True, pretty_print=True)


def _absolutize_feeds(app: Sphinx, exception: Exception | None) -> None:
    config = app.config
    if exception is not None or app.builder.format != "html" or not config.blog_baseurl:
        return
    # The page ABlog renders entries on: its "All posts" page, named after blog_path.
    base = urljoin(config.blog_baseurl, app.builder.get_target_uri(config.blog_path))
    for feed_root in config.blog_feed_templates:
        feed = Path(app.outdir) / config.blog_path / f"{feed_root}.xml"
        if feed.is_file():
            absolutize_feed(feed, base)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _baseurl_from_html)
    app.connect("builder-inited", _drafts_as_of_build_date)  # after cvbook.sphinxext loads the book
    # After ABlog's own doctree-resolved handler (priority 500), on the page's copy only.
    app.connect("doctree-resolved", _add_byline, priority=600)
    app.connect("build-finished", _absolutize_feeds)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
