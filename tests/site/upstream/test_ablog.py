"""cvbook.site.upstream.ablog: what it relies on in ABlog is still there and still behaves."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path

import ablog.blog
import ablog.post
import pytest
from lxml import etree

from cvbook.site.upstream import UpstreamChanged, require
from cvbook.site.upstream import ablog as upstream

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_installed_ablog_is_the_tested_one() -> None:
    require("ablog", upstream.TESTED, "ablog")


def test_a_version_outside_the_range_is_one_clear_error() -> None:
    with pytest.raises(UpstreamChanged, match=r"ablog .* is outside <0\.1.*cvbook\.site\.upstream\.ablog"):
        require("ablog", "<0.1", "ablog")
    with pytest.raises(UpstreamChanged, match="not installed"):
        require("no-such-distribution-here", ">=1", "ablog")


def test_publication_is_decided_by_the_module_constant(monkeypatch: pytest.MonkeyPatch) -> None:
    """ABlog still has no setting for "today": a post is published when dated before TOMORROW."""
    monkeypatch.setattr(ablog.blog, "TOMORROW", ablog.blog.TOMORROW)  # restored after the test
    assert isinstance(ablog.blog.TOMORROW, dt.datetime)
    assert "TOMORROW" in inspect.getsource(ablog.blog.Post.__init__)
    upstream.publish_up_to(dt.date(2026, 3, 18))
    assert ablog.blog.TOMORROW == dt.datetime(2026, 3, 19)


def test_a_changed_constant_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ablog.blog, "TOMORROW", None)
    with pytest.raises(UpstreamChanged, match="TOMORROW"):
        upstream.publish_up_to(dt.date(2026, 3, 18))


def test_posts_are_registered_lazily_and_the_hooks_are_where_they_were() -> None:
    for name in ("register_posts", "generate_atom_feeds", "PostList"):
        assert hasattr(ablog.post, name), name
    assert "register_posts" in inspect.getsource(ablog.post.generate_archive_pages)


def test_the_feed_is_dated_by_its_newest_entry_and_its_links_made_absolute(tmp_path: Path) -> None:
    """ABlog's feed (feedgen) dates itself by the clock and keeps relative links."""
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.id("https://example.org/cv/")
    feed.title("Blog")
    entry = feed.add_entry()
    entry.id("https://example.org/cv/blog/posts/a.html")
    entry.title("A")
    entry.link(href="https://example.org/cv/blog/posts/a.html")
    entry.updated(dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    entry.content('<p><a href="posts/b.html">b</a> <a href="#x">x</a></p>', type="html")
    path = tmp_path / "atom.xml"
    feed.atom_file(str(path))
    assert not etree.parse(str(path)).getroot().findtext(f"{ATOM}updated").startswith("2026-03-01")

    upstream.finish_feed(path, "https://example.org/cv/blog.html", dt.date(2026, 3, 18))
    root = etree.parse(str(path)).getroot()
    assert root.findtext(f"{ATOM}updated").startswith("2026-03-01")
    content = root.find(f"{ATOM}entry").findtext(f"{ATOM}content")
    assert 'href="https://example.org/cv/posts/b.html"' in content
    assert 'href="https://example.org/cv/blog/posts/a.html#x"' in content
