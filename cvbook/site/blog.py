"""The blog's glue between ABlog and the book (blog/).

Loaded by ``cvbook.site.extension``; ABlog itself is listed in _config.yml. ABlog finds the
posts (``blog_post_pattern``; they are pages outside _toc.yml, orphans by ABlog's
``post_auto_orphan``), lists them, writes the tag, category and year pages, the prev/next
links on posts and the Atom feed. This module

* copies the site's address (``html_baseurl``, see ``cvbook.site.extension._site_address``)
  into ABlog's ``blog_baseurl``: with an address the feed is written, without one ABlog
  leaves it out and no page links to it;
* gives each post one header under its title: date, category, tags and reading time,
  as docutils nodes added to the page only (after ABlog took the excerpt and the feed's
  text), and a meta description (its ``description``, else its first paragraph);
* on the Blog_ page, says "No posts yet." while there are none, and links the archive
  pages and the feed only when they exist (``{blog-links}``);
* advertises only what lists a published post. ABlog writes all its pages; those that
  list none (an empty tag, the drafts, the author pages, which repeat the archive on a
  one-author site) say noindex and stay out of the sitemap, and so do drafts, which are
  also left out of search. While the blog has no post, the Blog_ page itself is built but
  advertised nowhere: not in the top bar, no prev/next link to it, noindex, not in the
  sitemap or search; the feed is valid with no entry, linked from nowhere. The first post
  brings it all back;
* escapes what a post's author writes (titles, tags, categories) in ABlog's pages: its
  templates, overridden in blog_templates/ablog/, and the titles it gives them;
* dates drafts by the build's as-of date and finishes the feed (``cvbook.site.upstream.ablog``).
"""

from __future__ import annotations

import datetime as dt
import html as html_text
import math
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from .head import first_paragraph
from .state import book_of
from .upstream import ablog as upstream
from .upstream.ablog import Blog, Collection, Post, PostList, blog_of

HEADER_CLASS = "blog-byline"
WORDS_PER_MINUTE = 200  # a common figure for reading prose on a screen
NO_POSTS = "No posts yet."
OWNER = "owner"  # the one key of blog_authors: the site's author
TEMPLATES = Path(__file__).parent / "blog_templates"  # ablog/*.html: escaped, with headings


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


def _publish_as_of(app: Sphinx) -> None:
    """A post dated up to the as-of date is published; a later one is a draft."""
    upstream.publish_up_to(book_of(app).as_of)


# --- what is advertised ----------------------------------------------------------------------


def index_page(app: Sphinx) -> str:
    """The Blog_ page: ``blog/index``."""
    return f"{app.config.blog_path}/index"


def drafts(app: Sphinx) -> set[str]:
    """The posts dated after the as-of date: built, but listed nowhere (index, feed, sitemap, search)."""
    return {post.docname for post in blog_of(app).drafts}


def has_posts(app: Sphinx) -> bool:
    """Whether the blog has a published post: until then no page links to it."""
    return len(blog_of(app).posts) > 0


def published_pages(app: Sphinx) -> dict[str, dt.date]:
    """ABlog's generated pages that list a published post, each with its newest post's date:
    "All posts", the tag, category and year catalogs and their non-empty collections."""
    blog = blog_of(app)
    pages: dict[str, dt.date] = {}

    def add(docname: str, collections: list[Collection]) -> None:
        dates = [post.date.date() for collection in collections for post in collection if post.date]
        if dates:
            pages[docname] = max(dates)

    add(blog.posts.docname, [blog.posts])
    for catalog in (blog.tags, blog.category, blog.archive):
        collections = [collection for collection in catalog if len(collection)]
        add(catalog.docname, collections)
        for collection in collections:
            add(collection.docname, [collection])
    return pages


def unlisted(app: Sphinx) -> set[str]:
    """The pages Sphinx reads that are built but not advertised: drafts, and the Blog_ page while empty."""
    return drafts(app) | (set() if has_posts(app) else {index_page(app)})


def _is_generated(app: Sphinx, pagename: str, templatename: str) -> bool:
    return templatename.startswith("ablog/") and pagename not in app.env.all_docs


def _before_head(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """html-page-context, before the theme's head (cvbook.site.head, priority 500) reads the context.

    ABlog's page titles ("Posts tagged <tag>") are text where Sphinx's templates expect
    HTML: escaped, so "c++ & <x>" keeps its "<x>". While the blog is empty, the top bar
    (the theme's ``nav``) and prev/next leave its page out.
    """
    if _is_generated(app, pagename, templatename) and isinstance(context.get("title"), str):
        context["title"] = html_text.escape(context["title"])
    if has_posts(app):
        return
    hidden = index_page(app)
    if "theme_nav" in context:
        context["theme_nav"] = [docname for docname in context["theme_nav"] if docname != hidden]
    relations = getattr(app.builder, "relations", {}).get(pagename)
    if relations:
        _, previous, following = relations
        if previous == hidden:
            context["prev"] = None
        if following == hidden:
            context["next"] = None


def _after_head(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """html-page-context, after the theme's head and ABlog's: noindex on what is not
    advertised, and the feed's <link> (ABlog's page.html) only where there is a feed with posts."""
    if not (app.config.blog_baseurl and has_posts(app)):
        context.pop("feed_path", None)
    if _is_generated(app, pagename, templatename):
        advertised = pagename in published_pages(app)
    else:
        advertised = pagename not in unlisted(app)
    if not advertised:
        context["cv_noindex"] = True
        context["cv_url"] = None  # no canonical address for a page kept out of search


def _keep_out_of_search(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved, before the page is indexed: drafts and an empty Blog_ page are not
    search results (Sphinx's ``nosearch``; set on each write, as the posts decide it)."""
    if docname in unlisted(app):
        app.env.metadata[docname]["nosearch"] = True


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
    """The pages that list posts when a post or the as-of date changed; the posts too when the date did.

    Sphinx rewrites a page when its own source changes; a post list also depends on the
    posts' sources and, through drafts, on the as-of date, which also decides whether a
    post is a draft (noindex, not in search).
    """
    as_of = book_of(app).as_of
    posts_changed = any(_is_post_source(app, docname) for docname in added | changed | removed)
    date_changed = getattr(env, "cvbook_blog_as_of", None) != as_of
    env.cvbook_blog_as_of = as_of  # type: ignore[attr-defined]
    if not (posts_changed or date_changed):
        return []
    posts = (
        {docname for docname in env.found_docs if _is_post_source(app, docname)} if date_changed else set()
    )
    return sorted((_postlist_pages(env) | posts) - removed)


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
    post = blog_of(app).posts[docname]
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
    """After ABlog's post lists (priority 500): the links (an empty list of posts is the theme's to hide)."""
    placeholders = list(doctree.findall(BlogLinksNode))
    if not placeholders:
        return
    blog = blog_of(app)
    for placeholder in placeholders:
        placeholder.replace_self(_links_paragraph(app, docname, blog))


# --- the feed ----------------------------------------------------------------------------------


def _finish_feeds(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        upstream.finish_feeds(app, book_of(app).as_of)


def setup(app: Sphinx) -> dict[str, Any]:
    upstream.setup(app)
    app.connect("config-inited", _configure)  # after cvbook.site.extension's html_baseurl (priority 100)
    app.connect("builder-inited", _publish_as_of)  # after cvbook.site.extension loads the book
    app.connect("env-get-outdated", _outdated_post_lists)
    app.connect("env-purge-doc", _forget)
    app.connect("env-merge-info", _merge)
    app.connect("doctree-read", _read_post, priority=600)  # after ABlog's process_posts
    # After ABlog's own doctree-resolved handler (priority 500), on the page's copy only.
    app.connect("doctree-resolved", _add_header, priority=600)
    app.connect("doctree-resolved", _fill_blog_links, priority=600)
    app.connect("doctree-resolved", _keep_out_of_search)
    app.connect("html-page-context", _before_head, priority=400)  # cvbook.site.head reads it at 500
    app.connect("html-page-context", _after_head, priority=600)
    app.connect("build-finished", _finish_feeds)
    app.add_node(BlogLinksNode)
    app.add_directive("blog-links", BlogLinks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
