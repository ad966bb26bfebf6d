"""The blog's glue between ABlog and the book (blog/).

Loaded by ``cvbook.site.extension``; ABlog itself is listed in _config.yml. ABlog finds the
posts (``blog_post_pattern``), lists them, writes the tag, category and year pages, the
prev/next links on posts and the Atom feed. This module

* builds the posts although _toc.yml does not list them: they are ABlog's pages, not the
  book's chapters, so an empty blog/posts/ leaves no empty glob in the table of contents
  and a post has one prev/next, ABlog's (the book's prev/next follows the toctree only);
* copies the site's address (``html_baseurl``, see ``cvbook.site.extension._site_address``)
  into ABlog's ``blog_baseurl``: with an address the feed is written, without one ABlog
  leaves it out and no page links to it;
* gives each post one header under its title: date, category, tags and reading time,
  as docutils nodes added to the page only (after ABlog took the excerpt and the feed's
  text), and a meta description (its ``description``, else its first paragraph);
* on the Blog_ page, says "No posts yet." while there are none, and links the archive
  pages and the feed only when they exist (``{blog-links}``);
* publishes ABlog's generated pages only when they list posts: no empty tag, category,
  year or "all posts" page, no list of drafts, no author pages (the site has one author);
* escapes what a post's author writes (titles, tags, categories) in ABlog's templates;
* makes the links inside feed entries absolute and dates the feed by its newest entry,
  or by the build's as-of date while it has none, never by the clock;
* dates drafts by the build's as-of date (``cvbook.content.clock``): a post dated after it waits.
"""

from __future__ import annotations

import datetime as dt
import html as html_text
import math
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import ablog.blog
from ablog.blog import Blog, Collection, Post
from ablog.post import PostList, generate_archive_pages, register_posts
from docutils import nodes
from lxml import etree, html
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from .head import first_paragraph
from .state import book_of

HEADER_CLASS = "blog-byline"
ATOM = "{http://www.w3.org/2005/Atom}"
WORDS_PER_MINUTE = 200  # a common figure for reading prose on a screen
NO_POSTS = "No posts yet."
OWNER = "owner"  # the one key of blog_authors: the site's author
TEMPLATES = Path(__file__).parent / "blog_templates"  # ablog/catalog.html: with its heading


# --- configuration ---------------------------------------------------------------------------


def _configure(app: Sphinx, config: Config) -> None:
    """ABlog's settings that follow the book's own, so that each is written once."""
    if config.html_baseurl and not config.blog_baseurl:
        # A trailing slash keeps the site's folder when ABlog joins page names onto it.
        config.blog_baseurl = config.html_baseurl.rstrip("/") + "/"
    if config.author and not config.blog_authors:
        config.blog_authors = {OWNER: (config.author, None)}  # the feed's <author>
        config.blog_default_author = OWNER
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
    # Posts are ABlog's pages, not in _toc.yml, and only_build_toc_files has just excluded
    # every file the toc does not name (sphinx-external-toc, priority 900): build the posts.
    patterns = config.blog_post_pattern
    patterns = [patterns] if isinstance(patterns, str) else patterns
    config.exclude_patterns = [
        excluded for excluded in config.exclude_patterns if not any(fnmatch(excluded, p) for p in patterns)
    ]


def _drafts_as_of_build_date(app: Sphinx) -> None:
    """A post is published when dated up to the as-of date; later ones are drafts.

    ABlog has no setting for this: it compares each post's date with the module constant
    ``ablog.blog.TOMORROW``, fixed from the real clock when ablog is imported, so it is set
    here from ``cvbook.content.clock`` (the same SOURCE_DATE_EPOCH gives the same blog and feed).
    """
    ablog.blog.TOMORROW = dt.datetime.combine(book_of(app).as_of + dt.timedelta(days=1), dt.time())


def _escape_ablog_templates(app: Sphinx) -> None:
    """Escape ``{{ post.title }}`` and the like in ABlog's templates (ablog/*.html).

    They print titles, tags and categories as they are, and Sphinx's template environment
    does not escape: a title like "Generics <T> & you" would become markup. Autoescaping
    by template name leaves the theme's templates, which print HTML bodies, as they are.
    ``blog_archive_titles`` must stay true: its other branch prints HTML excerpts.
    """
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is not None:
        # "!ablog/…" is ABlog's own template where one of ours extends it.
        environment.autoescape = lambda name: bool(name) and name.lstrip("!").startswith("ablog/")


def _publish_only_pages_with_posts(app: Sphinx) -> None:
    """Put ``published_archive_pages`` in place of ABlog's own page generator."""
    for listener in list(app.events.listeners["html-collect-pages"]):
        if listener.handler is generate_archive_pages:
            app.disconnect(listener.id)
            app.connect("html-collect-pages", published_archive_pages, priority=listener.priority)


def _blog(app: Sphinx) -> Blog:
    blog = Blog(app)
    if not blog:  # ABlog registers posts lazily, on first use in the writing phase
        register_posts(app)
    return blog


def _lists_posts(pagename: str, context: dict[str, Any], blog: Blog) -> bool:
    if pagename == blog.drafts.docname:
        return False  # a draft is not published until its date, nor is the list of them
    if pagename == blog.author.docname or pagename.startswith(f"{blog.author.docname}/"):
        return False  # one author: his pages would repeat the archive
    listed = context.get("collection", context.get("catalog"))
    return listed is None or len(listed) > 0


def published_archive_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """ABlog's generated pages (html-collect-pages), without those that list no post."""
    blog = _blog(app)
    for pagename, context, template in generate_archive_pages(app) or ():
        if _lists_posts(pagename, context, blog):
            yield pagename, _as_html_titles(context, blog), template


def _as_html_titles(context: dict[str, Any], blog: Blog) -> dict[str, Any]:
    """ABlog's page titles ("Posts tagged <tag>") as the HTML that Sphinx's templates expect
    of ``title``: the tag is text, so "c++ & <x>" keeps its "<x>" in <title>."""
    titles = {key: html_text.escape(context[key]) for key in ("title", "feed_title") if key in context}
    if "feed_path" in context and "feed_title" not in titles:  # ABlog's "All posts" page names none
        titles["feed_title"] = html_text.escape(blog.blog_title)
    return {**context, **titles}


def drafts(app: Sphinx) -> set[str]:
    """The posts dated after the as-of date: built, but listed nowhere (index, feed, sitemap)."""
    return {post.docname for post in _blog(app).drafts}


# --- reading: the description, the pages that list posts --------------------------------------


def _inside(node: nodes.Node, kinds: tuple[type[nodes.Node], ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


def _read_post(app: Sphinx, doctree: nodes.document) -> None:
    """Note the pages that list posts, and describe each post in its page metadata."""
    env = app.env
    docname = env.docname
    if any(True for _ in doctree.findall(PostList)):
        _postlist_pages(env).add(docname)
    if docname not in getattr(env, "ablog_posts", {}):
        return
    metadata = env.metadata[docname]
    description = metadata.get("description")
    if not (isinstance(description, str) and description.strip()):
        # The theme's head and the link previews read the description from here.
        metadata["description"] = first_paragraph(doctree)


def _postlist_pages(env: BuildEnvironment) -> set[str]:
    if not hasattr(env, "cvbook_postlist_pages"):
        env.cvbook_postlist_pages = set()  # type: ignore[attr-defined]
    return env.cvbook_postlist_pages  # type: ignore[attr-defined]


def _forget(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _postlist_pages(env).discard(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    _postlist_pages(env).update(_postlist_pages(other) & docnames)


def _is_post_source(app: Sphinx, docname: str) -> bool:
    patterns = app.config.blog_post_pattern
    patterns = [patterns] if isinstance(patterns, str) else patterns
    source = str(Path(app.env.doc2path(docname, base=False)).as_posix())
    return any(fnmatch(source, pattern) for pattern in patterns)


def _outdated_post_lists(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The pages that list posts, when a post or the as-of date changed.

    Sphinx rewrites a page when its own source changes; a post list also depends on the
    posts' sources and, through drafts, on the as-of date.
    """
    as_of = book_of(app).as_of
    posts_changed = any(_is_post_source(app, docname) for docname in added | changed | removed)
    date_changed = getattr(env, "cvbook_blog_as_of", None) != as_of
    env.cvbook_blog_as_of = as_of  # type: ignore[attr-defined]
    if not (posts_changed or date_changed):
        return []
    return sorted(_postlist_pages(env) - removed)


# --- writing: the post's header, the Blog_ page's links ---------------------------------------


def reading_minutes(doctree: nodes.Node) -> int:
    """Minutes to read the page's text at WORDS_PER_MINUTE, at least one."""
    words = sum(
        len(text.astext().split())
        for text in doctree.findall(nodes.Text)
        if not _inside(text, (nodes.raw, nodes.comment, nodes.system_message))
    )
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def _link(app: Sphinx, docname: str, target: str, text: str, classes: list[str]) -> nodes.reference:
    uri = app.builder.get_relative_uri(docname, target)
    return nodes.reference("", text, internal=True, refuri=uri, classes=classes)


def _linked(app: Sphinx, docname: str, collections: list[Collection], classes: list[str]) -> list[nodes.Node]:
    parts: list[nodes.Node] = []
    for index, collection in enumerate(collections):
        if index:
            parts.append(nodes.Text(", "))
        parts.append(_link(app, docname, collection.docname, str(collection), classes))
    return parts


def header(app: Sphinx, docname: str, post: Post, minutes: int) -> nodes.paragraph:
    """``2026-02-25 · Notes · go, caching · 3 min read``, each label linked to its archive page."""
    paragraph = nodes.paragraph(classes=[HEADER_CLASS])
    date = post.date.strftime(app.config.post_date_format)
    paragraph += _link(app, docname, post.archive.docname, date, ["blog-date"])
    if post.category:
        paragraph += nodes.Text(" · ")
        paragraph.extend(_linked(app, docname, post.category, ["blog-category"]))
    if post.tags:
        paragraph += nodes.Text(" · ")
        paragraph.extend(_linked(app, docname, post.tags, ["blog-tag"]))
    paragraph += nodes.Text(" · ")
    paragraph += nodes.inline("", f"{minutes} min read", classes=["blog-reading-time"])
    return paragraph


def _add_header(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    post = _blog(app).posts[docname]
    if post is None:  # not a post, or a draft
        return
    section = next(doctree.findall(nodes.section), None)
    if section is None or not isinstance(section[0], nodes.title):
        return
    section.insert(1, header(app, docname, post, reading_minutes(section)))


class BlogLinks(SphinxDirective):
    """``{blog-links}``: "No posts yet." or links to the archive pages and the feed that exist."""

    def run(self) -> list[nodes.Node]:
        return [BlogLinksNode()]


class BlogLinksNode(nodes.General, nodes.Element):
    """Placeholder for ``{blog-links}``, filled in when the posts are known (doctree-resolved)."""


def _links_paragraph(app: Sphinx, docname: str, blog: Blog) -> nodes.paragraph:
    if not len(blog.posts):
        return nodes.paragraph("", NO_POSTS, classes=["blog-empty"])
    targets = [
        (blog.tags, "tag"),
        (blog.category, "category"),
        (blog.archive, "year"),
    ]
    links: list[nodes.Node] = [
        _link(app, docname, catalog.docname, label, []) for catalog, label in targets if len(catalog)
    ]
    paragraph = nodes.paragraph(classes=["blog-links"])
    if links:
        paragraph += nodes.Text("Browse by ")
        for index, link in enumerate(links):
            if index:
                paragraph += nodes.Text(" or " if index == len(links) - 1 else ", ")
            paragraph += link
    if app.config.blog_baseurl:
        feed = relative_uri(app.builder.get_target_uri(docname), blog.feed_path)
        paragraph += nodes.Text(", or follow the " if links else "Follow the ")
        paragraph += nodes.reference("", "Atom feed", refuri=feed, internal=True)
    paragraph += nodes.Text(".")
    return paragraph


def _fill_blog_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """After ABlog's post lists (priority 500): the links, and no empty list of posts."""
    placeholders = list(doctree.findall(BlogLinksNode))
    if not placeholders:
        return
    blog = _blog(app)
    for placeholder in placeholders:
        placeholder.replace_self(_links_paragraph(app, docname, blog))
    if not len(blog.posts):
        for postlist in list(doctree.findall(nodes.bullet_list)):
            if "postlist" in postlist["classes"] and not postlist.children:
                postlist.parent.remove(postlist)


# --- the feed ----------------------------------------------------------------------------------


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


def _finish_feeds(app: Sphinx, exception: Exception | None) -> None:
    config = app.config
    if exception is not None or app.builder.format != "html" or not config.blog_baseurl:
        return
    # The page ABlog renders entries on: its "All posts" page, named after blog_path.
    base = urljoin(config.blog_baseurl, app.builder.get_target_uri(config.blog_path))
    for feed_root in config.blog_feed_templates:
        feed = Path(app.outdir) / config.blog_path / f"{feed_root}.xml"
        if feed.is_file():
            finish_feed(feed, base, book_of(app).as_of)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _configure, priority=950)  # after sphinx-external-toc's exclusions
    app.connect("builder-inited", _drafts_as_of_build_date)  # after cvbook.site.extension loads the book
    app.connect("builder-inited", _escape_ablog_templates)
    app.connect("builder-inited", _publish_only_pages_with_posts)
    app.connect("env-get-outdated", _outdated_post_lists)
    app.connect("env-purge-doc", _forget)
    app.connect("env-merge-info", _merge)
    app.connect("doctree-read", _read_post, priority=600)  # after ABlog's process_posts
    # After ABlog's own doctree-resolved handler (priority 500), on the page's copy only.
    app.connect("doctree-resolved", _add_header, priority=600)
    app.connect("doctree-resolved", _fill_blog_links, priority=600)
    app.connect("build-finished", _finish_feeds)
    app.add_node(BlogLinksNode)
    app.add_directive("blog-links", BlogLinks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
