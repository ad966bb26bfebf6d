"""The site's theme in a real browser (Debian's Chromium through Playwright): no
Content-Security-Policy violation or console error on any page kind, the colour scheme
(system first, a remembered choice, no flash), nothing wider than a 360 px phone, the
résumé's first screen on a 390x844 phone, the trailing underscore drawn by the theme and
kept from screen readers, axe-core in light and dark, and the home page's weight and
request budget."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from synthetic import REPO, assert_clean_build, build_book, make_book, serve

pytestmark = [pytest.mark.build, pytest.mark.browser]

AXE_SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
NARROW_PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# The home page as a gzipping static host serves it: its byte and request budget.
HOME_MAX_BYTES = 35 * 1024
HOME_MAX_REQUESTS = 6
NETWORK_SCHEMES = ("http:", "https:", "ws:", "wss:")
POST = """---
date: 2026-01-21
category: Notes
tags: [golang]
---

# A synthetic post

A first paragraph that says what the post is about.

```go
package main
```
"""
PAGE_KINDS = [
    "index.html",
    "index.html",
    "experience/index.html",
    "experience/alpha.html",
    "notebooks/experience.html",
    "notebooks/skills-timeline.html",
    "self-development.html",
    "blog/index.html",
    "blog/posts/2026-01-21-synthetic.html",
    "404.html",
    "search.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = make_book(
        tmp_path_factory.mktemp("theme-browser") / "src", posts={"2026-01-21-synthetic.md": POST}
    )
    assert_clean_build(build_book(book))
    return book / "_build" / "html"


@pytest.fixture(scope="module")
def theme_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


class Visit:
    """One page load with everything the page asked for and complained about."""

    def __init__(self, page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.problems: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", lambda request: self.problems.append(f"{request.url}: {request.failure}"))
        page.on(
            "response",
            lambda response: (
                response.status >= 400 and self.problems.append(f"{response.url}: {response.status}")
            ),
        )
        page.on(
            "console",
            lambda message: message.type in ("error", "warning") and self.problems.append(message.text),
        )
        page.on("pageerror", lambda error: self.problems.append(str(error)))


@contextmanager
def visit(browser, url: str, *, scheme: str = "light", viewport: dict = DESKTOP, stored: str | None = None,
          **options) -> Iterator[Visit]:  # fmt: skip
    """Open ``url`` in a fresh context (no cache, no storage) and wait until the network is idle."""
    context = browser.new_context(color_scheme=scheme, viewport=viewport, **options)
    if stored:
        context.add_init_script(f"localStorage.setItem('cv-scheme', '{stored}')")
    try:
        page = context.new_page()
        recorded = Visit(page)
        page.goto(url, wait_until="networkidle")
        yield recorded
    finally:
        context.close()


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


@pytest.mark.parametrize("page_name", PAGE_KINDS)
def test_pages_load_without_policy_violations_or_console_errors(
    browser, theme_url: str, page_name: str
) -> None:
    with visit(browser, f"{theme_url}/{page_name}") as seen:
        assert not seen.problems, seen.problems
        assert all(url.startswith(theme_url) for url in seen.requests if url.startswith(NETWORK_SCHEMES))


@pytest.mark.parametrize("page_name", PAGE_KINDS)
def test_nothing_is_wider_than_a_360_px_phone(browser, theme_url: str, page_name: str) -> None:
    with visit(browser, f"{theme_url}/{page_name}", viewport=NARROW_PHONE, is_mobile=True) as seen:
        assert seen.page.evaluate("document.documentElement.scrollWidth") <= NARROW_PHONE["width"]


def test_the_first_phone_screen_holds_name_headline_experience_and_cv(browser, theme_url: str) -> None:
    with visit(browser, f"{theme_url}/index.html", viewport=PHONE, is_mobile=True) as seen:
        for selector in ("main h1", ".cv-headline", ".cv-total", "a.cv-pdf"):
            box = seen.page.locator(selector).first.bounding_box()
            assert box and box["y"] + box["height"] <= PHONE["height"], (selector, box)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_first_visit_follows_the_system(browser, theme_url: str, scheme: str) -> None:
    with visit(browser, f"{theme_url}/index.html", scheme=scheme) as seen:
        dark = seen.page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        assert dark == (scheme == "dark")
        assert seen.page.get_attribute(".cv-scheme", "aria-pressed") == str(dark).lower()


def test_the_toggle_switches_and_is_remembered_across_pages(browser, theme_url: str) -> None:
    with visit(browser, f"{theme_url}/index.html") as seen:
        page = seen.page
        light = background(page)
        page.click(".cv-scheme")
        dark = background(page)
        assert dark != light
        assert page.get_attribute(".cv-scheme", "aria-pressed") == "true"
        page.goto(f"{theme_url}/experience/index.html", wait_until="networkidle")
        assert background(page) == dark
        page.click(".cv-scheme")  # back to the system's scheme: nothing left to remember
        assert background(page) == light
        assert page.evaluate("localStorage.getItem('cv-scheme')") is None


def test_a_remembered_choice_is_applied_before_the_first_paint(browser, theme_url: str) -> None:
    """The head script sets the scheme before <body> is parsed, so the first paint is right."""
    context = browser.new_context(color_scheme="light")
    context.add_init_script("""
        localStorage.setItem('cv-scheme', 'dark');
        new MutationObserver((changes, observer) => {
          if (document.body) {
            window.firstBodyScheme = document.documentElement.dataset.scheme || "none";
            observer.disconnect();
          }
        }).observe(document, {childList: true, subtree: true});
    """)
    try:
        page = context.new_page()
        page.goto(f"{theme_url}/index.html")
        assert page.evaluate("window.firstBodyScheme") == "dark"
    finally:
        context.close()


# What the theme ends with its drawn underscore, and the titles among them that are facts
# (the owner's name, a company), which go without.
UNDERSCORED = (
    "main h1, main h2, main h3, .cv-site, .cv-nav a, .cv-scheme, .cv-label, .cv-prevnext .cv-title, "
    ".cv-toc summary, a.cv-pdf, .cv-home"
)
FACT_TITLES = "h1:has(> .cv-fact), .cv-position > h2, .cv-position > h3, .cv-title:has(> .cv-fact)"
DRAWN_UNDERSCORE = '"_" / ""'  # generated text with empty alternative text: not read, not copied
DECORATIONS = """([selector, facts]) => [...document.querySelectorAll(selector)].map(element => ({
  text: element.innerText.trim(),
  after: getComputedStyle(element, "::after").content,
  fact: element.matches(facts),
}))"""


@pytest.mark.parametrize("page_name", PAGE_KINDS)
def test_the_trailing_underscore_is_drawn_not_written(browser, theme_url: str, page_name: str) -> None:
    with visit(browser, f"{theme_url}/{page_name}") as seen:
        found = seen.page.evaluate(DECORATIONS, [UNDERSCORED, FACT_TITLES])
    assert any(not item["fact"] for item in found), "nothing on the page to decorate"
    written = [item["text"] for item in found if item["text"].endswith("_")]
    assert not written, f"typed into the text: {written}"
    wrong = [item for item in found if item["after"] != ("none" if item["fact"] else DRAWN_UNDERSCORE)]
    assert not wrong, wrong


def test_screen_readers_are_not_given_the_underscore(browser, theme_url: str) -> None:
    """Chromium's own accessibility tree: headings, links and the toggle by their words alone."""
    with visit(browser, f"{theme_url}/experience/alpha.html") as seen:
        session = seen.page.context.new_cdp_session(seen.page)
        tree = session.send("Accessibility.getFullAXTree")["nodes"]
    names = {
        (node["role"]["value"], node["name"]["value"])
        for node in tree
        if node.get("role") and node.get("name") and node["role"]["value"] in ("heading", "link", "button")
    }
    assert {
        ("link", "About me"),
        ("link", "Experience"),
        ("button", "dark"),
        ("heading", "Problems and solutions"),
    } <= names
    assert not [name for name in names if name[1].endswith("_")], names


@pytest.mark.parametrize(("scheme", "stored"), [("dark", None), ("dark", "dark"), ("light", "dark")])
def test_paper_is_light_whatever_the_screens_scheme(browser, theme_url: str, scheme: str, stored) -> None:
    with visit(browser, f"{theme_url}/experience/alpha.html", scheme=scheme, stored=stored) as seen:
        seen.page.emulate_media(media="print")
        colours = seen.page.evaluate(
            "[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor,"
            " getComputedStyle(document.querySelector('.cv-label')).color]"
        )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "rgb(51, 51, 51)"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_name", ["index.html", "experience/alpha.html", "notebooks/experience.html",
                                       "blog/index.html", "blog/posts/2026-01-21-synthetic.html"])  # fmt: skip
def test_axe_finds_no_violations(browser, theme_url: str, page_name: str, scheme: str) -> None:
    with visit(browser, f"{theme_url}/{page_name}", scheme=scheme, viewport=PHONE) as seen:
        seen.page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))  # not a <script>: the policy allows none
        violations = seen.page.evaluate("axe.run(document).then(result => result.violations)")
        assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def gzipped_size(file: Path) -> int:
    return len(gzip.compress(file.read_bytes(), compresslevel=6))


def test_the_home_page_stays_within_its_budget(browser, theme_url: str, site: Path) -> None:
    with visit(browser, f"{theme_url}/index.html", viewport=PHONE) as seen:
        requests = [url for url in seen.requests if url.startswith(NETWORK_SCHEMES)]
    files = [site / urlsplit(url).path.lstrip("/") for url in requests]
    total = sum(gzipped_size(file) for file in files)
    listing = "\n".join(f"{gzipped_size(file) / 1024:6.1f} KiB  {file.relative_to(site)}" for file in files)
    assert len(requests) <= HOME_MAX_REQUESTS, listing
    assert total <= HOME_MAX_BYTES, f"{total / 1024:.1f} KiB\n{listing}"
