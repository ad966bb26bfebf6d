"""ABlog, where no setting reaches: the publication date of posts, the posts in the writing
phase, and the Atom feed's final touches.

* Publication date: ABlog publishes a post dated before ``ablog.blog.TOMORROW``, a module
  constant fixed from the real clock when ablog is imported, with no setting. The site
  dates everything by its as-of date (``cvbook.content.clock``), so ``publish_up_to`` sets
  the constant from it: the same SOURCE_DATE_EPOCH gives the same blog and feed.
* The posts: ABlog registers them lazily, on the first use of ``Blog`` while writing;
  ``blog_of`` does what ABlog's own handlers do first.
* The feed (``finish_feeds``): ABlog dates it by the clock (``feedgen`` sets <updated> to
  now) and copies each post's HTML with its relative links, which break in a feed reader.
  It is rewritten after ABlog writes it: dated by its newest entry (by the as-of date
  while it has none), links absolute.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urljoin

import ablog.blog
from ablog.blog import Blog, Collection, Post
from ablog.post import PostList, register_posts
from lxml import etree, html
from sphinx.application import Sphinx

from . import UpstreamChanged, require

TESTED = ">=0.11.13,<0.12"
ATOM = "{http://www.w3.org/2005/Atom}"

__all__ = ["Blog", "Collection", "Post", "PostList", "blog_of", "finish_feeds", "publish_up_to", "setup"]


def setup(app: Sphinx) -> None:
    require("ablog", TESTED, "ablog")


def publish_up_to(as_of: dt.date) -> None:
    """Publish the posts dated up to ``as_of``; those dated later are drafts."""
    if not isinstance(getattr(ablog.blog, "TOMORROW", None), dt.datetime):
        raise UpstreamChanged("ablog.blog.TOMORROW is no longer a datetime: see cvbook.site.upstream.ablog")
    ablog.blog.TOMORROW = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())


def blog_of(app: Sphinx) -> Blog:
    """ABlog's blog for this build, its posts registered."""
    blog = Blog(app)
    if not blog:
        register_posts(app)
    return blog


def absolute_links(fragment: str, base: str, entry_url: str) -> str:
    """``fragment`` (HTML) with every relative link resolved against ``base``; ``#x`` against the entry."""

    def resolve(link: str) -> str:
        return urljoin(entry_url if link.startswith("#") else base, link)

    wrapper = html.fragment_fromstring(fragment, create_parent="div")
    wrapper.rewrite_links(resolve)
    return html.tostring(wrapper, encoding="unicode").removeprefix("<div>").removesuffix("</div>")


def finish_feed(feed: Path, base: str, as_of: dt.date) -> None:
    """Rewrite the Atom file ``feed``: entries' HTML with absolute links, and the feed dated
    by its newest entry (by ``as_of`` while it has none) rather than by the moment of the build."""
    tree = etree.parse(str(feed))
    entries_updated = [entry.findtext(f"{ATOM}updated") for entry in tree.iter(f"{ATOM}entry")]
    feed_updated = tree.getroot().find(f"{ATOM}updated")
    if feed_updated is not None:
        as_of_time = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC).isoformat()
        feed_updated.text = max(filter(None, entries_updated), default=as_of_time)
    for entry in tree.iter(f"{ATOM}entry"):
        content = entry.find(f"{ATOM}content")
        link = entry.find(f"{ATOM}link")
        if content is None or not content.text or link is None:
            continue
        content.text = absolute_links(content.text, base, link.get("href", base))
    tree.write(str(feed), encoding="UTF-8", xml_declaration=True, pretty_print=True)


def finish_feeds(app: Sphinx, as_of: dt.date) -> None:
    """``finish_feed`` on each feed ABlog wrote (build-finished, after ABlog's writer)."""
    config = app.config
    if not config.blog_baseurl:
        return
    # The page ABlog renders entries on: its "All posts" page, named after blog_path.
    base = urljoin(config.blog_baseurl, app.builder.get_target_uri(config.blog_path))
    for feed_root in config.blog_feed_templates:
        feed = Path(app.outdir) / config.blog_path / f"{feed_root}.xml"
        if feed.is_file():
            finish_feed(feed, base, as_of)
