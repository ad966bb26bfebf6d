"""Months (cvbook.model.months): the one parser and the one way each output writes a month."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cvbook.model.months import day_label, first_of_next_month, format_month, month_label, parse_month

D = dt.date
days = st.dates(min_value=D(1900, 1, 1), max_value=D(2999, 12, 31))
# The labels people and applicant-tracking systems read, written out here on purpose: the
# package's own table is what is under test.
ENGLISH = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2021-08", D(2021, 8, 1)), ("2025-12", D(2025, 12, 1)), ("0999-01", D(999, 1, 1))],
)
def test_parse_month(text: str, expected: dt.date) -> None:
    assert parse_month(text) == expected


@pytest.mark.parametrize(
    "text", ["2021-13", "2021-00", "2021-8", "21-08", "2021-08-01", " 2021-08", "2021-08\n", "Aug 2021", ""]
)
def test_anything_but_yyyy_mm_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a YYYY-MM month"):
        parse_month(text)


@pytest.mark.parametrize("month", range(1, 13))
def test_month_label_names_each_month_in_english(month: int) -> None:
    assert month_label(D(2025, month, 17)) == f"{ENGLISH[month - 1]} 2025"


def test_month_label_keeps_a_given_space() -> None:
    assert month_label(D(2025, 9, 1), space="\u00a0") == "Sep\u00a02025"


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2026, 3, 18), "18 Mar 2026"), (D(2025, 9, 1), "1 Sep 2025"), (D(2020, 12, 31), "31 Dec 2020")],
)
def test_day_label(day: dt.date, expected: str) -> None:
    assert day_label(day) == expected


@given(days)
@example(D(2020, 12, 31))  # the year turns
@example(D(2024, 2, 29))  # a leap day
def test_first_of_next_month_is_the_day_after_the_months_last(day: dt.date) -> None:
    following = first_of_next_month(day)
    assert following.day == 1
    assert (following - dt.timedelta(days=1)).month == day.month
    assert following > day


@given(days)
def test_format_month_and_parse_month_round_trip(day: dt.date) -> None:
    text = format_month(day)
    assert len(text) == 7
    assert parse_month(text) == day.replace(day=1)
