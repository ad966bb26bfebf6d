"""The blog as built, in synthetic books: posts, header, archives, the Atom feed, navigation,
the empty state, drafts. Checks structure (lxml), not the theme's class names where avoidable."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from collections.abc import Iterator
from pathlib import Path

import pytest
from docutils import nodes
from lxml import etree
from lxml import html as lxml_html

from cvbook.site.blog import WORDS_PER_MINUTE, reading_minutes
from cvbook.site.head import first_paragraph
from cvbook.site.upstream.ablog import absolute_links
from synthetic import PINNED_DATE, assert_clean_build, build_book, make_book, serve

pytestmark = pytest.mark.build

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://example.org/cv/"
# Must stay text in HTML, titles and XML (ABlog splits tags on commas and strips quotes).
TRICKY_TAG = "c++ & <x>"
TRICKY_TITLE = r"Ampersands & \<angle\> brackets"  # Markdown; reads "Ampersands & <angle> brackets"
TRICKY_TITLE_TEXT = "Ampersands & <angle> brackets"
LONG_WORDS = 450  # at WORDS_PER_MINUTE, three minutes


def markdown_post(date: str, title: str, body: str, **front: object) -> str:
    meta = {"date": date, **front}
    lines = "\n".join(f"{key}: {json.dumps(value)}" for key, value in meta.items())
    return f"---\n{lines}\n---\n\n# {title}\n\n{body}\n"


def notebook_post(date: str) -> str:
    """A tiny notebook post that the build executes: 2 + 2."""
    return json.dumps({
        "cells": [
            {"cell_type": "markdown", "id": "text", "metadata": {}, "source": ["# Two and two\n", "\n", "A post that adds.\n"]},
            {"cell_type": "code", "id": "sum", "execution_count": None, "metadata": {}, "outputs": [], "source": ["2 + 2"]},
        ],
        "metadata": {
            "date": date, "tags": ["numbers"], "category": "Notebooks",
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        },
        "nbformat": 4, "nbformat_minor": 5,
    })  # fmt: skip


OLDEST = "blog/posts/2026-01-05-tricky"
NOTEBOOK = "blog/posts/2026-02-01-two-and-two"
NEWEST = "blog/posts/2026-03-10-long"
DRAFT = "blog/posts/2026-04-01-later"  # after the pinned as-of date, 2026-03-18
PUBLISHED = [NEWEST, NOTEBOOK, OLDEST]  # newest first
POSTS = {
    "2026-01-05-tricky.md": markdown_post(
        "2026-01-05", TRICKY_TITLE, "The tricky post, first paragraph.\n\n(further)=\n## Further\n\n"
        "See [the experience](../../experience/index.md) and [below](#further).",
        tags=["go", TRICKY_TAG], category="Notes", description="Described by its author.",
    ),
    "2026-02-01-two-and-two.ipynb": notebook_post("2026-02-01"),
    "2026-03-10-long.md": markdown_post(
        "2026-03-10", "Long read", "Its first paragraph, the excerpt.\n\n" + "word " * LONG_WORDS,
        tags=["go"], category="Notes",
    ),
    "2026-04-01-later.md": markdown_post("2026-04-01", "Later", "Not yet.", tags=["later"], category="Later"),
}  # fmt: skip


@pytest.fixture(scope="session")
def blog_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic book with the posts above, built with a site address. Returns the book."""
    book = make_book(tmp_path_factory.mktemp("blog") / "src", posts=POSTS)
    assert_clean_build(build_book(book, env={"SITE_URL": SITE}))
    return book


@pytest.fixture(scope="session")
def blog_site(blog_book: Path) -> Path:
    return blog_book / "_build" / "html"


def page(site: Path, docname: str) -> lxml_html.HtmlElement:
    return lxml_html.parse(str(site / f"{docname}.html")).getroot()


def text(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def links(site: Path, docname: str, root: lxml_html.HtmlElement) -> list[str]:
    """Docnames of the site's pages that ``root`` links to, in order (the page itself included)."""
    folder = posixpath.dirname(docname)
    found = []
    for href in root.xpath(".//a/@href"):
        path = href.split("#")[0]
        if not path:
            continue
        if not path.endswith(".html") or "://" in path:
            continue
        found.append(posixpath.normpath(posixpath.join(folder, path)).removesuffix(".html"))
    return found


def header_of(site: Path, docname: str) -> lxml_html.HtmlElement:
    """The post's header: the one paragraph that states the reading time, right under the <h1>."""
    (header,) = page(site, docname).xpath("//p[contains(., 'min read')]")
    assert header.getprevious().tag == "h1"
    return header


def feed_of(site: Path) -> etree._Element:
    return etree.parse(str(site / "blog" / "atom.xml")).getroot()


# --- pure parts ---------------------------------------------------------------------------------


def test_reading_time_is_words_over_words_per_minute_rounded_up() -> None:
    def doc(words: int) -> nodes.section:
        return nodes.section("", nodes.title("", "Title"), nodes.paragraph("", "w " * (words - 1)))

    assert reading_minutes(doc(1)) == 1
    assert reading_minutes(doc(WORDS_PER_MINUTE)) == 1
    assert reading_minutes(doc(WORDS_PER_MINUTE + 1)) == 2


def test_first_paragraph_skips_front_matter() -> None:
    fields = nodes.docinfo(
        "", nodes.field("", nodes.field_name("", "tags"), nodes.field_body("", nodes.paragraph("", "go")))
    )
    section = nodes.section("", nodes.title("", "T"), fields, nodes.paragraph("", "The  first\nparagraph."))
    assert first_paragraph(section) == "The first paragraph."


def test_absolute_links_resolves_against_the_page_entries_are_rendered_on() -> None:
    html = '<p>See <a href="blog/posts/b.html">b</a>, <a href="#note">note</a>, <a href="https://x.org/">x</a>.</p>'
    result = absolute_links(html, f"{SITE}blog.html", f"{SITE}blog/posts/a.html")
    assert f'href="{SITE}blog/posts/b.html"' in result
    assert f'href="{SITE}blog/posts/a.html#note"' in result
    assert 'href="https://x.org/"' in result


# --- the Blog_ page -------------------------------------------------------------------------------


def test_index_lists_published_posts_newest_first_with_excerpts(blog_site: Path) -> None:
    root = page(blog_site, "blog/index")
    (postlist,) = root.xpath("//ul[contains(@class, 'postlist')]")
    items = postlist.xpath("./li")
    listed = [links(blog_site, "blog/index", item)[0] for item in items]
    assert listed == PUBLISHED
    assert "The tricky post, first paragraph." in text(items[-1])
    assert "Not yet." not in text(root) and "Later" not in text(root)
    assert not root.xpath("//main//script | //article//script")


def test_index_links_the_archives_and_the_feed(blog_site: Path) -> None:
    root = page(blog_site, "blog/index")
    linked = links(blog_site, "blog/index", root)
    assert {"blog/tag", "blog/category", "blog/archive"} <= set(linked)
    feeds = [href for href in root.xpath("//a/@href") if href.endswith("atom.xml")]
    assert feeds and all((blog_site / "blog" / posixpath.normpath(href)).is_file() for href in feeds)
    assert "No posts yet" not in text(root)


# --- posts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("docname", PUBLISHED)
def test_each_post_has_one_header_with_date_tags_and_reading_time(blog_site: Path, docname: str) -> None:
    header = header_of(blog_site, docname)
    shown = text(header)
    date = posixpath.basename(docname)[:10]
    assert shown.startswith(date)
    assert shown.count("min read") == 1
    assert text(page(blog_site, docname)).count("min read") == 1, "one header per post"
    linked = set(links(blog_site, docname, header))
    assert f"blog/{date[:4]}" in linked
    assert ("blog/tag/numbers" if docname == NOTEBOOK else "blog/tag/go") in linked


def test_reading_time_follows_the_words(blog_site: Path) -> None:
    assert "3 min read" in text(header_of(blog_site, NEWEST))
    assert "1 min read" in text(header_of(blog_site, OLDEST))


def test_tags_and_titles_are_text_everywhere(blog_site: Path) -> None:
    header = header_of(blog_site, OLDEST)
    assert TRICKY_TAG in [text(link) for link in header.xpath(".//a")]
    assert text(header.getprevious()).startswith(TRICKY_TITLE_TEXT)
    tag_docs = [
        doc
        for doc in links(blog_site, OLDEST, header)
        if doc.startswith("blog/tag/") and doc != "blog/tag/go"
    ]
    (tag_doc,) = tag_docs
    tag_page = page(blog_site, tag_doc)
    assert any(TRICKY_TAG in text(h1) for h1 in tag_page.xpath("//h1"))
    assert TRICKY_TAG in text(tag_page.xpath("//title")[0])
    assert TRICKY_TITLE_TEXT in text(tag_page)
    assert not tag_page.xpath("//x | //angle"), "a tag or a title became markup"
    feed = feed_of(blog_site)
    labels = {category.get("label") for category in feed.iter(f"{ATOM}category")}
    assert TRICKY_TAG in labels
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert TRICKY_TITLE_TEXT in titles


def test_meta_description_is_the_posts_description_or_first_paragraph(blog_site: Path) -> None:
    def description(docname: str) -> str:
        (content,) = page(blog_site, docname).xpath("//meta[@name='description']/@content")
        return content

    assert description(OLDEST) == "Described by its author."
    assert description(NEWEST) == "Its first paragraph, the excerpt."
    assert description(NOTEBOOK) == "A post that adds."


def test_notebook_post_is_executed(blog_site: Path) -> None:
    outputs = [text(pre) for pre in page(blog_site, NOTEBOOK).xpath("//pre")]
    assert "4" in outputs


def test_posts_have_one_prev_next_in_date_order(blog_site: Path) -> None:
    """ABlog's prev/next, chronological; no second bar from the book's toctree."""
    neighbours = {OLDEST: [NOTEBOOK], NOTEBOOK: [OLDEST, NEWEST], NEWEST: [NOTEBOOK]}
    for docname, expected in neighbours.items():
        root = page(blog_site, docname)
        body_links = [doc for doc in links(blog_site, docname, root) if doc.startswith("blog/posts/")]
        for neighbour in expected:
            assert body_links.count(neighbour) == 1, (docname, neighbour, body_links)
        assert not {doc for doc in body_links if doc != docname} - set(expected), docname
        assert not root.xpath("//link[@rel='next' or @rel='prev']/@href[contains(., 'posts/')]")


# --- archives ------------------------------------------------------------------------------------


def test_tag_category_and_year_pages_have_headings_and_list_their_posts(blog_site: Path) -> None:
    expected = {
        "blog/tag/go": {OLDEST, NEWEST},
        "blog/tag/numbers": {NOTEBOOK},
        "blog/category/notes": {OLDEST, NEWEST},
        "blog/category/notebooks": {NOTEBOOK},
        "blog/2026": set(PUBLISHED),
        "blog/tag": set(PUBLISHED),
        "blog/category": set(PUBLISHED),
        "blog/archive": set(PUBLISHED),
    }
    for docname, posts in expected.items():
        root = page(blog_site, docname)
        assert [h1 for h1 in root.xpath("//h1") if text(h1)], f"{docname} has no heading"
        listed = {doc for doc in links(blog_site, docname, root) if doc.startswith("blog/posts/")}
        assert listed == posts, docname


def noindex(site: Path, docname: str) -> bool:
    return bool(page(site, docname).xpath("//meta[@name='robots' and contains(@content, 'noindex')]"))


def sitemap_pages(site: Path) -> set[str]:
    """Docnames the sitemap lists (the site's root is the home page, ``index``)."""
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = etree.parse(str(site / "sitemap.xml")).getroot().findall("sm:url/sm:loc", namespace)
    return {(element.text.removeprefix(SITE) or "index.html").removesuffix(".html") for element in locations}


def built_pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix().removesuffix(".html") for path in site.rglob("*.html")}


def linked_from_somewhere(site: Path) -> set[str]:
    """Docnames some advertised page (not noindex) links to, in its body or head (itself left out)."""
    found: set[str] = set()
    for docname in built_pages(site):
        root = page(site, docname)
        if noindex(site, docname):
            continue
        hrefs = root.xpath("//a/@href | //link/@href")
        folder = posixpath.dirname(docname)
        for href in hrefs:
            path = href.split("#")[0]
            if path.endswith(".html") and "://" not in path:
                target = posixpath.normpath(posixpath.join(folder, path)).removesuffix(".html")
                if target != docname:
                    found.add(target)
    return found


def test_a_page_is_in_the_sitemap_exactly_when_it_is_not_noindex(blog_site: Path) -> None:
    """Tags, categories, years, all posts: listed and indexable; the rest consistently neither."""
    listed = sitemap_pages(blog_site)
    for docname in built_pages(blog_site):
        assert (docname in listed) != noindex(blog_site, docname), docname
    assert {"blog", "blog/tag", "blog/tag/go", "blog/category", "blog/category/notes", "blog/archive",
            "blog/2026", "blog/index", *PUBLISHED} <= listed  # fmt: skip


def test_drafts_authors_and_empty_collections_are_noindex_and_linked_nowhere(blog_site: Path) -> None:
    hidden = {"blog/drafts", DRAFT, *(doc for doc in built_pages(blog_site) if doc.startswith("blog/author"))}
    assert {"blog/drafts", DRAFT} <= built_pages(blog_site)
    for docname in hidden:
        assert noindex(blog_site, docname), docname
    assert not hidden & linked_from_somewhere(blog_site)
    assert not (blog_site / "blog" / "tag" / "later.html").exists(), "its only post is a draft"
    assert not (blog_site / "blog" / "category" / "later.html").exists()


def test_a_draft_is_listed_nowhere_nor_found_by_search(blog_site: Path) -> None:
    assert DRAFT not in links(blog_site, "blog/index", page(blog_site, "blog/index"))
    assert "Later" not in etree.tostring(feed_of(blog_site), encoding="unicode")
    assert DRAFT not in sitemap_pages(blog_site)
    index = (blog_site / "searchindex.js").read_text(encoding="utf-8")
    assert "Later_" not in index, "the draft's title is searchable"


# --- the feed ------------------------------------------------------------------------------------


def test_feed_has_the_published_posts_newest_first_with_absolute_links(blog_site: Path) -> None:
    feed = feed_of(blog_site)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}link").get("href") for entry in entries] == [
        f"{SITE}{doc}.html" for doc in PUBLISHED
    ]
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE}blog/atom.xml"
    assert feed.findtext(f"{ATOM}id") and feed.findtext(f"{ATOM}title") == "Blog"
    for entry, docname in zip(entries, PUBLISHED):
        assert entry.findtext(f"{ATOM}published").startswith(posixpath.basename(docname)[:10])
        assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name")
        content = lxml_html.fragment_fromstring(entry.findtext(f"{ATOM}content"), create_parent="div")
        for url in content.xpath(".//@href | .//@src"):
            assert url.startswith((SITE, "https://")), url
        assert not content.xpath(".//script") and "min read" not in text(content)
    tricky = lxml_html.fragment_fromstring(entries[-1].findtext(f"{ATOM}content"), create_parent="div")
    assert f"{SITE}experience/index.html" in tricky.xpath(".//@href")
    assert f"{SITE}{OLDEST}.html#further" in tricky.xpath(".//@href")


def test_feed_is_dated_by_its_newest_post_not_by_the_clock(blog_site: Path) -> None:
    feed = feed_of(blog_site)
    assert feed.findtext(f"{ATOM}updated").startswith("2026-03-10")


def test_editing_a_post_updates_the_index(blog_book: Path, tmp_path: Path) -> None:
    source = blog_book / "blog" / "posts" / "2026-03-10-long.md"
    original = source.read_text(encoding="utf-8")
    try:
        source.write_text(original.replace("# Long read", "# Longer read"), encoding="utf-8")
        assert_clean_build(build_book(blog_book, env={"SITE_URL": SITE}))
        root = page(blog_book / "_build" / "html", "blog/index")
        assert "Longer read" in text(root.xpath("//ul[contains(@class, 'postlist')]")[0])
    finally:
        source.write_text(original, encoding="utf-8")
        assert_clean_build(build_book(blog_book, env={"SITE_URL": SITE}))


# --- no posts ----------------------------------------------------------------------------------


EMPTY_PAGES = ["blog/index", "blog", "blog/drafts"]  # what ABlog writes for a blog without posts


def search_titles(site: Path) -> dict[str, str]:
    """docname -> title in the search index."""
    data = json.loads(
        (site / "searchindex.js")
        .read_text(encoding="utf-8")
        .removeprefix("Search.setIndex(")
        .removesuffix(")")
    )
    return dict(zip(data["docnames"], data["titles"], strict=True))


def test_an_empty_blog_is_advertised_nowhere(synthetic_site: Path) -> None:
    """No posts, no address: the Blog_ page says so, and nothing leads to it."""
    root = page(synthetic_site, "blog/index")
    assert "No posts yet." in text(root)
    assert not root.xpath("//ul[contains(@class, 'postlist')]/li")
    assert set(EMPTY_PAGES) <= built_pages(synthetic_site)
    for docname in EMPTY_PAGES:
        assert noindex(synthetic_site, docname), docname
    assert not set(EMPTY_PAGES) & linked_from_somewhere(synthetic_site)
    nav = page(synthetic_site, "index").xpath("//nav[@aria-label='Site']//a/text()")
    assert nav and not any(label.startswith("Blog") for label in nav)
    assert not search_titles(synthetic_site).get("blog/index"), "the empty Blog_ page is a search result"
    assert not (synthetic_site / "blog" / "atom.xml").exists()
    for html_file in synthetic_site.rglob("*.html"):
        assert "atom.xml" not in html_file.read_text(encoding="utf-8"), html_file


def test_an_empty_blog_with_an_address_has_a_valid_empty_feed_linked_nowhere(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book")
    assert_clean_build(build_book(book, env={"SITE_URL": SITE}))
    site = book / "_build" / "html"
    feed = feed_of(site)
    assert feed.tag == f"{ATOM}feed" and not feed.findall(f"{ATOM}entry")
    assert feed.findtext(f"{ATOM}id") and feed.findtext(f"{ATOM}title")
    as_of = dt.datetime.combine(PINNED_DATE, dt.time(), tzinfo=dt.UTC)
    assert dt.datetime.fromisoformat(feed.findtext(f"{ATOM}updated")) == as_of
    assert "No posts yet." in text(page(site, "blog/index"))
    assert not {doc for doc in sitemap_pages(site) if doc.startswith("blog")}
    for html_file in site.rglob("*.html"):
        assert "atom.xml" not in html_file.read_text(encoding="utf-8"), html_file
    for docname in built_pages(site):
        assert (docname in sitemap_pages(site)) != noindex(site, docname), docname


def test_the_first_post_brings_the_blog_back(blog_site: Path) -> None:
    nav = page(blog_site, "index").xpath("//nav[@aria-label='Site']//a/text()")
    assert any(label.startswith("Blog") for label in nav)
    assert "blog/index" in links(blog_site, "self-development", page(blog_site, "self-development"))
    assert not noindex(blog_site, "blog/index") and "blog/index" in sitemap_pages(blog_site)
    assert search_titles(blog_site).get("blog/index")
    assert page(blog_site, "index").xpath("//link[@rel='alternate' and @type='application/atom+xml']")


# In a real browser: from the Blog page to the newest post, its header, and on to the
# previous post through the post's own prev/next.


@pytest.fixture(scope="module")
def blog_url(blog_site: Path) -> Iterator[str]:
    with serve(blog_site) as url:
        yield url


@pytest.mark.browser
def test_reader_goes_from_the_index_to_a_post_and_on_to_the_previous_one(blog_url: str, browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{blog_url}/blog/index.html")
        assert page.get_by_role("heading", level=1).first.inner_text().startswith("Blog")
        with page.expect_navigation():
            page.get_by_role("link", name="Long read").first.click()
        assert page.url.endswith(f"/{NEWEST}.html")
        header = page.get_by_text("min read").first
        assert header.is_visible()
        assert "2026-03-10" in page.locator("p", has=header).inner_text()
        with page.expect_navigation():
            page.get_by_role("link", name="Two and two").click()
        assert page.url.endswith(f"/{NOTEBOOK}.html")
    finally:
        context.close()
