"""The blog (issue 6): posts, archives, the Atom feed and the navigation, as built."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
import yaml

from synthetic import REPO, copy_book, build_book
from cvbook.blog import absolute_links
from cvbook.content import split_front_matter

pytestmark = pytest.mark.build

ATOM = "{http://www.w3.org/2005/Atom}"
POSTS_DIR = REPO / "blog" / "posts"


@dataclass(frozen=True)
class PostSource:
    docname: str  # e.g. blog/posts/2026-02-11-bson-inline
    date: dt.date
    tags: tuple[str, ...]
    category: str


def _front_matter(path: Path) -> dict:
    if path.suffix == ".ipynb":
        return json.loads(path.read_text(encoding="utf-8"))["metadata"]
    return split_front_matter(path)[0]


def _post_sources() -> list[PostSource]:
    posts = []
    for path in sorted([*POSTS_DIR.glob("*.md"), *POSTS_DIR.glob("*.ipynb")]):
        meta = _front_matter(path)
        date = meta["date"] if isinstance(meta["date"], dt.date) else dt.date.fromisoformat(meta["date"])
        posts.append(PostSource(f"blog/posts/{path.stem}", date, tuple(meta["tags"]), meta["category"]))
    return sorted(posts, key=lambda post: post.date, reverse=True)


POSTS = _post_sources()
CONFIG = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
BASEURL = CONFIG["html"]["baseurl"]
BLOG_CONFIG = CONFIG["sphinx"]["config"]


def slug(label: str) -> str:
    """ABlog's slugify for the plain labels used here."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", label).strip().lower())


def linked_docnames(html_file: Path, root: Path, html: str | None = None) -> list[str]:
    """Docnames of the site's pages that ``html`` (default: the file's text) links to, in order."""
    html = html_file.read_text(encoding="utf-8") if html is None else html
    folder = posixpath.dirname(html_file.relative_to(root).as_posix())
    docnames = []
    for href in re.findall(r'href="([^"#?]+\.html)[^"]*"', html):
        if "://" not in href:
            docnames.append(posixpath.normpath(posixpath.join(folder, href)).removesuffix(".html"))
    return docnames


def region(html: str, pattern: str) -> str:
    found = re.search(pattern, html, re.DOTALL)
    assert found, pattern
    return found.group(0)


@pytest.fixture(scope="module")
def feed(built_book: Path) -> ET.Element:
    return ET.parse(built_book / "blog" / "atom.xml").getroot()


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{ATOM}entry")


def entry_text(entry: ET.Element) -> str:
    return "".join(entry.itertext())


# --- sources ---------------------------------------------------------------------------------


def test_there_are_at_least_three_posts_one_of_them_a_notebook() -> None:
    assert len(POSTS) >= 3
    assert list(POSTS_DIR.glob("*.ipynb")), "one post is an executed notebook"


@pytest.mark.parametrize("post", POSTS, ids=lambda post: post.docname)
def test_post_names_start_with_their_date(post: PostSource) -> None:
    # The navigation lists posts by file name, newest first; the name must agree with the date.
    assert posixpath.basename(post.docname).startswith(post.date.isoformat())


def test_the_site_url_is_set_once() -> None:
    assert BASEURL.startswith("https://") and BASEURL.endswith("/")
    assert "blog_baseurl" not in BLOG_CONFIG, "blog_baseurl follows html.baseurl (cvbook.blog)"


# --- the feed --------------------------------------------------------------------------------


def test_feed_has_the_newest_posts_with_absolute_links(feed: ET.Element) -> None:
    expected = POSTS[: BLOG_CONFIG.get("blog_feed_length") or len(POSTS)]
    assert len(entries(feed)) == len(expected) >= 3
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries(feed)]
    assert links == [f"{BASEURL}{post.docname}.html" for post in expected]
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == f"{BASEURL}blog/atom.xml"


def test_feed_entries_are_full_text_with_absolute_links_and_no_residue(feed: ET.Element) -> None:
    for entry in entries(feed):
        content = entry.find(f"{ATOM}content")
        assert content is not None and content.get("type") == "html"
        html = content.text or ""
        assert len(re.findall(r"<h2\b", html)) >= 2, "full text, not only the excerpt"
        for url in re.findall(r'(?:href|src)="([^"]*)"', html):
            assert url.startswith(BASEURL) or re.match(r"https?://", url), url
        text = entry_text(entry)
        assert "thebe" not in text.lower()
        assert "<script" not in text.lower()
        assert "blog-byline" not in text, "the byline is for pages, the feed has its own metadata"


def test_feed_entries_carry_dates_and_tags(feed: ET.Element) -> None:
    for entry, post in zip(entries(feed), POSTS):
        assert entry.findtext(f"{ATOM}published", "").startswith(post.date.isoformat())
        terms = {category.get("term") for category in entry.findall(f"{ATOM}category")}
        assert terms == set(post.tags)


def test_absolute_links_resolves_against_the_page_entries_are_rendered_on() -> None:
    html = '<p>See <a href="blog/posts/b.html">b</a>, <a href="#note">note</a>, <a href="https://x.org/">x</a>.</p>'
    result = absolute_links(html, f"{BASEURL}blog.html", f"{BASEURL}blog/posts/a.html")
    assert f'href="{BASEURL}blog/posts/b.html"' in result
    assert f'href="{BASEURL}blog/posts/a.html#note"' in result
    assert 'href="https://x.org/"' in result
    assert result.startswith("<p>See ") and result.endswith(".</p>")


# --- pages -----------------------------------------------------------------------------------


def test_blog_index_lists_posts_newest_first_with_excerpts(built_book: Path) -> None:
    page = built_book / "blog" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "Blog_" in region(html, r"<h1.*?</h1>")
    postlist = region(html, r'<ul class="[^"]*postlist.*?</ul>')
    titles = re.findall(r'<p class="ablog-post-title">(.*?)</p>', postlist, re.DOTALL)
    listed = [linked_docnames(page, built_book, title)[0] for title in titles]
    assert listed == [post.docname for post in POSTS]
    assert len(re.findall(r'class="[^"]*ablog-post-excerpt', postlist)) >= len(POSTS)
    assert "<script" not in postlist and "thebe" not in postlist


@pytest.mark.parametrize("post", POSTS, ids=lambda post: post.docname)
def test_post_page_shows_date_category_and_tags(built_book: Path, post: PostSource) -> None:
    page = built_book / f"{post.docname}.html"
    byline = region(page.read_text(encoding="utf-8"), r'<p class="blog-byline">.*?</p>')
    text = unescape(re.sub(r"<[^>]+>", "", byline))
    assert post.date.isoformat() in text
    assert post.category in text
    for tag in post.tags:
        assert tag in text
    linked = set(linked_docnames(page, built_book, byline))
    assert {f"blog/tag/{slug(tag)}" for tag in post.tags} <= linked
    assert f"blog/category/{slug(post.category)}" in linked
    assert f"blog/{post.date.year}" in linked


def test_archive_pages_link_every_post(built_book: Path) -> None:
    every_post = {post.docname for post in POSTS}
    for page in ["blog/archive", "blog/tag", "blog/category", "blog"]:
        assert every_post <= set(linked_docnames(built_book / f"{page}.html", built_book)), page
    for year in {post.date.year for post in POSTS}:
        of_year = {post.docname for post in POSTS if post.date.year == year}
        assert of_year <= set(linked_docnames(built_book / f"blog/{year}.html", built_book)), year


def test_each_tag_and_category_page_links_its_posts(built_book: Path) -> None:
    pages: dict[str, set[str]] = {}
    for post in POSTS:
        for label in (*(f"tag/{slug(tag)}" for tag in post.tags), f"category/{slug(post.category)}"):
            pages.setdefault(f"blog/{label}", set()).add(post.docname)
    for page, posts in pages.items():
        assert posts <= set(linked_docnames(built_book / f"{page}.html", built_book)), page


# Pages of the blog's own branch: a collapsed navigation (cheaper with hundreds of posts)
# still lists the posts there.
@pytest.mark.parametrize("page", ["blog/index", POSTS[-1].docname])
def test_posts_appear_in_the_navigation_newest_first(built_book: Path, page: str) -> None:
    html_file = built_book / f"{page}.html"
    nav = region(html_file.read_text(encoding="utf-8"), r'<nav class="bd-links.*?</nav>')
    nav = nav.replace('href="#"', f'href="{html_file.name}"')  # the current page links to itself as "#"
    posts_in_nav = [
        doc for doc in linked_docnames(html_file, built_book, nav) if doc.startswith("blog/posts/")
    ]
    assert posts_in_nav == [post.docname for post in POSTS]


def test_feed_is_dated_by_its_newest_entry_not_by_the_build(feed: ET.Element) -> None:
    newest = max(entry.findtext(f"{ATOM}updated") for entry in entries(feed))
    assert feed.findtext(f"{ATOM}updated") == newest


@pytest.mark.build
def test_a_post_dated_after_the_as_of_date_is_a_draft(tmp_path: Path) -> None:
    # 2026-04-01 is after the pinned as-of date (2026-03-18) but before the real today of
    # this code's writing: ABlog alone would publish it.
    book = copy_book(tmp_path / "book")
    post = book / "blog" / "posts" / "2026-04-01-later.md"
    post.write_text("---\ndate: 2026-04-01\ntags: [later]\ncategory: Notes\n---\n\n# Later_\n\nNot yet.\n")
    result = build_book(book)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    feed_text = (book / "_build" / "html" / "blog" / "atom.xml").read_text(encoding="utf-8")
    assert "Later_" not in feed_text
    # The page is built and in the navigation (the toc's glob), but the index lists no excerpt of it.
    assert "Not yet." not in (book / "_build" / "html" / "blog" / "index.html").read_text(encoding="utf-8")
