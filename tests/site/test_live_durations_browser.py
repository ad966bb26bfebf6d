"""Durations that run to `present` stay true after the build: on every page that shows
one, the browser recounts it for the reader's today (cvbook/render/live.py's markup, the
theme's durations.js) and agrees with the Python rules (cvbook.model.durations)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from cvbook.content.loader import load_book
from cvbook.model.durations import Duration, Interval
from synthetic import PINNED_DATE

pytestmark = [pytest.mark.build, pytest.mark.browser]

LIVE = ".cv-duration[data-intervals]"
READER_DAYS = [dt.date(2026, 3, 18), dt.date(2026, 11, 25), dt.date(2028, 2, 29), dt.date(2031, 1, 1)]


def python_label(intervals: list[list[str | None]], today: dt.date) -> str:
    """What cvbook.model.durations says of ``intervals`` (``[start, end)``, end None for present) on ``today``."""
    clipped = [
        Interval(dt.date.fromisoformat(start), min(dt.date.fromisoformat(end) if end else today, today))
        for start, end in intervals
        if dt.date.fromisoformat(start) <= today
    ]
    return Duration.of(clipped).label


def pages_with_present(synthetic_book: Path) -> list[str]:
    """The home page, the current positions' pages and the numbers page."""
    book = load_book(synthetic_book, as_of=PINNED_DATE)
    current = [page.docname for page in book.positions if page.position.is_current]
    assert current, "the synthetic book has a current position"
    return ["index", *current, "experience/index", "notebooks/experience"]


def live_texts(browser, url: str, today: dt.date | None, javascript: bool = True) -> list[tuple[str, str]]:
    """``(data-intervals, text)`` of every live duration on the page at ``url``."""
    context = browser.new_context(timezone_id="UTC", java_script_enabled=javascript)
    try:
        page = context.new_page()
        if today is not None:
            page.clock.set_fixed_time(dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC))
        page.goto(url)
        page.wait_for_load_state("load")
        spans = page.locator(LIVE)
        return [(span.get_attribute("data-intervals"), span.inner_text().strip()) for span in spans.all()]
    finally:
        context.close()


@pytest.mark.parametrize("today", READER_DAYS, ids=str)
def test_every_present_duration_agrees_with_python(
    browser, synthetic_book, synthetic_site_url, today
) -> None:
    for name in pages_with_present(synthetic_book):
        found = live_texts(browser, f"{synthetic_site_url}/{name}.html", today)
        assert found, f"{name} shows no live duration"
        for intervals, text in found:
            assert text == python_label(json.loads(intervals), today), (name, intervals)


def test_without_javascript_the_built_values_stay(browser, synthetic_book, synthetic_site_url) -> None:
    for name in pages_with_present(synthetic_book):
        for intervals, text in live_texts(
            browser, f"{synthetic_site_url}/{name}.html", dt.date(2030, 1, 1), False
        ):
            assert text == python_label(json.loads(intervals), PINNED_DATE), (name, intervals)


GAPPED_CASES = [
    [["2020-01-01", "2021-07-01"], ["2022-01-01", "2022-04-01"]],  # 18 + 3 months
    [["2021-01-01", "2021-02-01"], ["2021-03-01", "2021-03-30"]],  # a gap across a short February
    [["2019-05-01", "2019-06-01"], ["2019-05-15", "2020-02-01"], ["2023-01-01", None]],
    [["2020-02-01", "2020-03-01"], ["2024-01-31", "2024-03-01"]],  # leap Februaries
    [["2026-03-01", None]],  # starts in the as-of month
    [["2030-01-01", None]],  # not started yet for most readers
    [["2025-09-01", "2027-01-01"]],  # ends after the reader's day: counted up to it
]


@pytest.mark.parametrize("today", READER_DAYS, ids=str)
def test_the_script_applies_the_python_rules_to_any_intervals(
    browser, synthetic_site, synthetic_site_url, today
):
    """The script on a page of spans over gapped, overlapping and leap-year intervals."""
    home = lxml_html.parse(str(synthetic_site / "index.html"))
    # The theme inlines the script where a page has a live duration (one request per page).
    scripts = [text for text in home.xpath("//script[not(@src)]/text()") if "cv-duration" in text]
    assert scripts, "the home page carries the durations script"
    spans = "".join(
        f"<span class='cv-duration' data-intervals='{json.dumps(case)}'>built</span>\n"
        for case in GAPPED_CASES
    )
    context = browser.new_context(timezone_id="UTC")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC))
        page.route(
            f"{synthetic_site_url}/gapped.html",
            lambda route: route.fulfill(
                content_type="text/html",
                body=f"<!doctype html><body>{spans}<script>{scripts[0]}</script>",
            ),
        )
        page.goto(f"{synthetic_site_url}/gapped.html")
        texts = [span.inner_text().strip() for span in page.locator(LIVE).all()]
    finally:
        context.close()
    assert texts == [python_label(case, today) for case in GAPPED_CASES]
