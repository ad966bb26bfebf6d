"""The intro's live experience counter in a real browser: the script and the Python
rules (cvbook.durations) give the same answer, and without JavaScript the built value stays."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import PINNED_DATE, REPO
from cvbook.content import load_book

pytestmark = [pytest.mark.build, pytest.mark.browser]


def counter_text(browser, site_url: str, on: dt.date | None, javascript: bool = True) -> str:
    context = browser.new_context(timezone_id="UTC", java_script_enabled=javascript)
    try:
        page = context.new_page()
        if on is not None:
            page.clock.set_fixed_time(dt.datetime(on.year, on.month, on.day, 12, 0, tzinfo=dt.timezone.utc))
        page.goto(f"{site_url}/intro.html")
        return page.locator("#experience-total").inner_text().strip()
    finally:
        context.close()


@pytest.mark.parametrize(
    "reader_today",
    [dt.date(2026, 3, 18), dt.date(2026, 11, 25), dt.date(2028, 2, 29), dt.date(2031, 1, 1)],
    ids=str,
)
def test_counter_matches_python_for_the_readers_today(browser, site_url: str, reader_today: dt.date) -> None:
    expected = load_book(REPO, as_of=reader_today).experience.label
    assert counter_text(browser, site_url, reader_today) == expected


def test_without_javascript_the_built_value_stays(browser, site_url: str) -> None:
    built = load_book(REPO, as_of=PINNED_DATE).experience.label
    assert built == "4 years, 7 months, 17 days"
    assert counter_text(browser, site_url, dt.date(2030, 1, 1), javascript=False) == built
