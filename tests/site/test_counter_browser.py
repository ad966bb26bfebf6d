"""The intro's live experience counter in a real browser: the script and the Python
rules (cvbook.model.durations) give the same answer, and without JavaScript the built value stays."""

from __future__ import annotations

import datetime as dt

import pytest

from cvbook.content.loader import load_book
from cvbook.model.durations import Duration, Interval
from synthetic import DEFAULT_TOTAL, PINNED_DATE

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture(scope="module")
def site(synthetic_site_url) -> str:
    """The shared synthetic site, served (its fixture name is spelt once)."""
    return synthetic_site_url


def counter_text(browser, url: str, on: dt.date | None, javascript: bool = True) -> str:
    context = browser.new_context(timezone_id="UTC", java_script_enabled=javascript)
    try:
        page = context.new_page()
        if on is not None:
            page.clock.set_fixed_time(dt.datetime(on.year, on.month, on.day, 12, 0, tzinfo=dt.UTC))
        page.goto(f"{url}/index.html")
        return page.locator(".cv-total .cv-duration").first.inner_text().strip()
    finally:
        context.close()


@pytest.mark.parametrize(
    "reader_today",
    [dt.date(2026, 3, 18), dt.date(2026, 11, 25), dt.date(2028, 2, 29), dt.date(2031, 1, 1)],
    ids=str,
)
def test_counter_matches_python_for_the_readers_today(
    browser, synthetic_book, site: str, reader_today: dt.date
) -> None:
    expected = load_book(synthetic_book, as_of=reader_today).experience.label
    assert counter_text(browser, site, reader_today) == expected


def test_without_javascript_the_built_value_stays(browser, synthetic_book, site: str) -> None:
    built = load_book(synthetic_book, as_of=PINNED_DATE).experience.label
    assert built == DEFAULT_TOTAL
    assert counter_text(browser, site, dt.date(2030, 1, 1), javascript=False) == built


GAPPED_CASES = [
    [["2020-01-01", "2021-07-01"], ["2022-01-01", "2022-04-01"]],
    [["2021-01-01", "2021-02-01"], ["2021-03-01", "2021-03-30"]],
    [["2019-05-01", "2019-06-01"], ["2019-05-15", "2020-02-01"], ["2023-01-01", None]],
    [["2020-02-01", "2020-03-01"], ["2024-01-31", "2024-03-01"]],
    [["2030-01-01", None]],
]


def test_counter_rule_matches_python_on_gapped_intervals(browser, site: str) -> None:
    today = dt.date(2026, 3, 18)
    context = browser.new_context(timezone_id="UTC")
    try:
        page = context.new_page()
        page.goto(f"{site}/index.html")
        for case in GAPPED_CASES:
            intervals = [
                Interval(
                    dt.date.fromisoformat(start), min(dt.date.fromisoformat(end) if end else today, today)
                )
                for start, end in case
                if dt.date.fromisoformat(start) <= today
            ]
            expected = Duration.of(intervals).label
            actual = page.evaluate(
                "([intervals, today]) => window.cvbook.experienceLabel(intervals, Date.parse(today))",
                [case, today.isoformat()],
            )
            assert actual == expected, case
    finally:
        context.close()
