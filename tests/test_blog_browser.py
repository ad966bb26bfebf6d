"""The blog in a real browser: from the Blog_ page to the newest post, its header, and on
to the previous post through the post's own prev/next."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_blog import NEWEST, NOTEBOOK, blog_book, blog_site  # noqa: F401 (session fixtures)

from synthetic import serve

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture(scope="module")
def blog_url(blog_site: Path) -> Iterator[str]:  # noqa: F811
    with serve(blog_site) as url:
        yield url


def test_reader_goes_from_the_index_to_a_post_and_on_to_the_previous_one(blog_url: str, browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{blog_url}/blog/index.html")
        assert page.get_by_role("heading", level=1).first.inner_text().startswith("Blog_")
        with page.expect_navigation():
            page.get_by_role("link", name="Long read_").first.click()
        assert page.url.endswith(f"/{NEWEST}.html")
        header = page.get_by_text("min read").first
        assert header.is_visible()
        assert "2026-03-10" in page.locator("p", has=header).inner_text()
        with page.expect_navigation():
            page.get_by_role("link", name="Two and two_").click()
        assert page.url.endswith(f"/{NOTEBOOK}.html")
    finally:
        context.close()
