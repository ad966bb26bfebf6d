"""The site in a real browser (Debian's Chromium through Playwright), as issue 7 asks:
navigation, the colour-mode toggle, a clean console, axe-core in light and dark mode,
no request to another origin, no sideways scrolling on a phone, and the intro's weight."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from synthetic import REPO

pytestmark = [pytest.mark.build, pytest.mark.browser]

AXE_SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Issue 7's budget for the intro, as a gzipping static host would serve it.
INTRO_MAX_BYTES = 250 * 1024
INTRO_MAX_REQUESTS = 15
NETWORK_SCHEMES = ("http:", "https:", "ws:", "wss:")


def audited_pages(built_book: Path) -> list[str]:
    """The four kinds of page the audit measures: intro, an experience page, skills, a blog post."""
    pages = ["intro.html", "experience/nda.html", "notebooks/skills-timeline.html"]
    posts = sorted((built_book / "blog" / "posts").glob("*.html"))
    pages += [posts[0].relative_to(built_book).as_posix()] if posts else []
    return [page for page in pages if (built_book / page).is_file()]


@pytest.fixture(scope="module")
def pages(built_book: Path) -> list[str]:
    return audited_pages(built_book)


class Visit:
    """One page load with everything the page asked for and complained about."""

    def __init__(self, page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.console_errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", lambda request: self.failures.append(f"{request.url}: {request.failure}"))
        page.on(
            "response",
            lambda response: (
                response.status >= 400 and self.failures.append(f"{response.url}: HTTP {response.status}")
            ),
        )
        page.on(
            "console", lambda message: message.type == "error" and self.console_errors.append(message.text)
        )
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    @property
    def network_requests(self) -> list[str]:
        return [url for url in self.requests if url.startswith(NETWORK_SCHEMES)]


@contextmanager
def visit(
    browser, url: str, *, color_scheme: str = "light", viewport: dict = DESKTOP, mode: str | None = None
) -> Iterator[Visit]:
    """Open ``url`` in a fresh context (no cache, no storage) and wait until the network is idle."""
    context = browser.new_context(color_scheme=color_scheme, viewport=viewport)
    if mode:  # the choice the theme's toggle remembers
        context.add_init_script(f"localStorage.setItem('mode', '{mode}')")
    try:
        page = context.new_page()
        recorded = Visit(page)
        page.goto(url, wait_until="networkidle")
        yield recorded
    finally:
        context.close()


def theme_of(page) -> str:
    return page.evaluate("document.documentElement.dataset.theme")


def background_of(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


# ------------------------------------------------------------------------------ navigation


def test_sidebar_and_next_links_lead_through_the_book(browser, site_url: str) -> None:
    with visit(browser, f"{site_url}/intro.html") as seen:
        page = seen.page
        page.locator("nav.bd-links").get_by_role("link", name="Experience_", exact=True).click()
        page.wait_for_url("**/experience/index.html")
        assert "Experience_" in page.locator("article h1").inner_text()
        page.locator("nav.bd-links").get_by_role("link", name="Wildberries").click()
        page.wait_for_url("**/experience/wildberries.html")
        assert "Wildberries" in page.locator("article h1").inner_text()
        page.locator("a.right-next").click()
        page.wait_for_url("**/experience/startup.html")
        page.locator("nav.bd-links").get_by_role("link", name="About me_").click()
        page.wait_for_url("**/intro.html")
        assert not seen.failures


def test_root_redirects_to_the_intro(browser, site_url: str) -> None:
    with visit(browser, f"{site_url}/") as seen:
        seen.page.wait_for_url("**/intro.html")


def test_search_finds_a_skill(browser, site_url: str) -> None:
    with visit(browser, f"{site_url}/search.html?q=kafka") as seen:
        results = seen.page.locator("#search-results li")
        results.first.wait_for()
        assert results.count() >= 1
        assert not seen.console_errors


# ---------------------------------------------------------------------------- colour mode


@pytest.mark.parametrize("system", ["light", "dark"])
def test_first_visit_follows_the_system_setting(browser, site_url: str, system: str) -> None:
    with visit(browser, f"{site_url}/intro.html", color_scheme=system) as seen:
        assert theme_of(seen.page) == system


def test_colour_mode_toggle_switches_and_persists_across_a_reload(browser, site_url: str) -> None:
    with visit(browser, f"{site_url}/intro.html", color_scheme="light") as seen:
        page = seen.page
        light_background = background_of(page)
        toggle = page.locator(".theme-switch-button:visible").first
        toggle.click()  # the theme cycles auto -> dark -> light; the first click always changes the look
        assert theme_of(page) == "dark"
        dark_background = background_of(page)
        assert dark_background != light_background
        page.reload(wait_until="networkidle")
        assert theme_of(page) == "dark"
        assert background_of(page) == dark_background
        assert page.evaluate("localStorage.getItem('mode')") == "dark"
        toggle = page.locator(".theme-switch-button:visible").first
        toggle.click()
        assert theme_of(page) == "light"
        assert not seen.console_errors


def test_the_toggle_shows_an_icon(browser, site_url: str) -> None:
    with visit(browser, f"{site_url}/intro.html") as seen:
        icon = seen.page.locator(".theme-switch-button:visible .theme-switch:visible").first
        box = icon.bounding_box()
        assert box and box["width"] >= 12 and box["height"] >= 12


# ----------------------------------------------------------------- console, axe, privacy


def test_pages_load_without_console_errors_or_failed_requests(
    browser, site_url: str, pages: list[str]
) -> None:
    for page_path in pages:
        for scheme in ("light", "dark"):
            with visit(browser, f"{site_url}/{page_path}", color_scheme=scheme) as seen:
                assert not seen.console_errors, (page_path, scheme, seen.console_errors)
                assert not seen.failures, (page_path, scheme, seen.failures)


def test_no_request_leaves_the_site(browser, site_url: str, pages: list[str]) -> None:
    for page_path in [*pages, "search.html?q=go"]:
        for viewport in (DESKTOP, PHONE):
            with visit(browser, f"{site_url}/{page_path}", viewport=viewport) as seen:
                off_origin = [url for url in seen.network_requests if not url.startswith(f"{site_url}/")]
                assert not off_origin, (page_path, off_origin)


AXE_RUN = """async () => {
    const results = await axe.run(document, {resultTypes: ["violations"]});
    return results.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))}));
}"""


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_violations(browser, site_url: str, pages: list[str], mode: str, viewport: dict) -> None:
    if not AXE_SCRIPT.is_file():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (make test does)")
    for page_path in pages:
        with visit(
            browser, f"{site_url}/{page_path}", color_scheme=mode, mode=mode, viewport=viewport
        ) as seen:
            assert theme_of(seen.page) == mode
            seen.page.add_script_tag(path=str(AXE_SCRIPT))
            violations = seen.page.evaluate(AXE_RUN)
            assert violations == [], (page_path, mode, violations)


# -------------------------------------------------------------------- layout and weight


def test_no_sideways_scrolling_on_a_phone(browser, site_url: str, pages: list[str]) -> None:
    for page_path in pages:
        with visit(browser, f"{site_url}/{page_path}", viewport=PHONE) as seen:
            overflow = seen.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (page_path, overflow)


def test_phone_menu_opens_the_navigation(browser, site_url: str) -> None:
    with visit(browser, f"{site_url}/intro.html", viewport=PHONE) as seen:
        page = seen.page
        page.locator(".primary-toggle:visible").first.click()
        link = page.locator("#pst-primary-sidebar-modal nav.bd-links").get_by_role("link", name="Experience_")
        link.wait_for(state="visible")
        link.click()
        page.wait_for_url("**/experience/index.html")


def gzipped_size(file: Path) -> int:
    return len(gzip.compress(file.read_bytes(), compresslevel=6))


def test_intro_stays_within_its_budget(browser, site_url: str, built_book: Path) -> None:
    """Bytes as a gzipping host sends them: each file the intro requested, gzipped at level 6."""
    with visit(browser, f"{site_url}/intro.html", viewport=PHONE) as seen:
        requests = seen.network_requests
    files = [built_book / urlsplit(url).path.lstrip("/") for url in requests]
    files = [file / "index.html" if file.is_dir() else file for file in files]
    missing = [str(file) for file in files if not file.is_file()]
    assert not missing
    total = sum(gzipped_size(file) for file in files)
    listing = "\n".join(
        f"{gzipped_size(file) / 1024:7.1f} KiB  {file.relative_to(built_book)}" for file in files
    )
    assert len(requests) <= INTRO_MAX_REQUESTS, listing
    assert total <= INTRO_MAX_BYTES, f"{total / 1024:.1f} KiB\n{listing}"
