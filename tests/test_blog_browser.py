"""The blog in a real browser: from the index to a post, whose date and tags are shown."""

from __future__ import annotations

import pytest
from test_blog import POSTS

pytestmark = [pytest.mark.build, pytest.mark.browser]


def test_reader_follows_the_newest_post_and_sees_its_date_and_tags(site_url: str, browser) -> None:
    newest = POSTS[0]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{site_url}/blog/index.html")
        assert page.locator("h1").first.inner_text().startswith("Blog_")
        first_title = page.locator(".postlist .ablog-post-title a").first
        with page.expect_navigation():
            first_title.click()
        assert page.url.endswith(f"/{newest.docname}.html")
        byline = page.locator(".blog-byline")
        assert byline.is_visible()
        assert newest.date.isoformat() in byline.inner_text()
        shown_tags = byline.locator("a.blog-tag").all_inner_texts()
        assert shown_tags == list(newest.tags)
    finally:
        context.close()
