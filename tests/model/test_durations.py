"""The duration rules (cvbook.model.durations): table-driven cases plus properties."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given
from hypothesis import strategies as st

from cvbook.model.durations import Duration, Interval, position_interval, rules_for_readers, union

D = dt.date


def months(start: str, end_exclusive: str) -> Interval:
    """An interval from the 1st of ``start`` up to the 1st of ``end_exclusive``."""
    y1, m1 = map(int, start.split("-"))
    y2, m2 = map(int, end_exclusive.split("-"))
    return Interval(D(y1, m1, 1), D(y2, m2, 1))


@pytest.mark.parametrize(
    ("intervals", "expected"),
    [
        pytest.param([], "0 days", id="nothing"),
        pytest.param(
            [Interval(D(2021, 8, 1), D(2026, 3, 18))], "4 years, 7 months, 17 days", id="years-months-days"
        ),
        pytest.param([Interval(D(2022, 2, 1), D(2026, 3, 18))], "4 years, 1 month, 17 days", id="one-month"),
        pytest.param([months("2020-01", "2021-02")], "1 year, 1 month", id="singular-no-days"),
        pytest.param([Interval(D(2020, 1, 1), D(2021, 2, 2))], "1 year, 1 month, 1 day", id="all-singular"),
        pytest.param([Interval(D(2020, 1, 1), D(2020, 1, 3))], "2 days", id="days-only"),
        pytest.param([months("2020-01", "2022-01")], "2 years", id="years-only"),
        pytest.param(
            [months("2020-01", "2020-07"), months("2020-04", "2021-01")], "1 year", id="overlap-counts-once"
        ),
        pytest.param(
            [months("2020-01", "2020-07"), months("2020-07", "2021-01")], "1 year", id="adjacent-join"
        ),
        pytest.param([months("2020-01", "2021-01"), months("2020-03", "2020-05")], "1 year", id="contained"),
        pytest.param(
            [months("2019-01", "2019-04"), months("2020-01", "2020-04")], "6 months", id="gap-not-counted"
        ),
        pytest.param([Interval(D(2024, 2, 1), D(2024, 3, 1))], "1 month", id="leap-february"),
        pytest.param([Interval(D(2023, 2, 1), D(2023, 3, 1))], "1 month", id="common-february"),
        pytest.param([Interval(D(2024, 1, 1), D(2024, 2, 29))], "1 month, 28 days", id="to-leap-day"),
        # dateutil clips 2020-02-29 + 1 year to 2021-02-28, so that is a full year.
        pytest.param([Interval(D(2020, 2, 29), D(2021, 2, 28))], "1 year", id="from-leap-day"),
        pytest.param([Interval(D(2024, 1, 31), D(2024, 3, 1))], "1 month, 1 day", id="month-end-start"),
        pytest.param([Interval(D(2020, 1, 1), D(2020, 1, 1))], "0 days", id="empty-interval"),
    ],
)
def test_duration_labels(intervals: list[Interval], expected: str) -> None:
    assert Duration.of(intervals).label == expected


# (start month, end month or None for present, as-of date) -> the interval a position covers.
@pytest.mark.parametrize(
    ("start", "end", "as_of", "expected"),
    [
        pytest.param(D(2021, 8, 1), D(2023, 5, 1), D(2026, 3, 18), Interval(D(2021, 8, 1), D(2023, 6, 1)),
                     id="end-month-is-inclusive-31-days"),
        pytest.param(D(2021, 4, 1), D(2021, 4, 1), D(2026, 3, 18), Interval(D(2021, 4, 1), D(2021, 5, 1)),
                     id="one-30-day-month"),
        pytest.param(D(2023, 2, 1), D(2023, 2, 1), D(2026, 3, 18), Interval(D(2023, 2, 1), D(2023, 3, 1)),
                     id="february"),
        pytest.param(D(2024, 2, 1), D(2024, 2, 1), D(2026, 3, 18), Interval(D(2024, 2, 1), D(2024, 3, 1)),
                     id="leap-february"),
        pytest.param(D(2023, 12, 1), D(2023, 12, 1), D(2026, 3, 18), Interval(D(2023, 12, 1), D(2024, 1, 1)),
                     id="december-ends-in-the-next-year"),
        pytest.param(D(2025, 9, 1), None, D(2026, 3, 18), Interval(D(2025, 9, 1), D(2026, 3, 18)),
                     id="present-runs-to-the-as-of-date-exclusive"),
        pytest.param(D(2026, 3, 1), None, D(2026, 3, 18), Interval(D(2026, 3, 1), D(2026, 3, 18)),
                     id="present-from-this-month-17-days"),
        pytest.param(D(2026, 3, 1), None, D(2026, 3, 1), Interval(D(2026, 3, 1), D(2026, 3, 1)),
                     id="start-on-the-as-of-date-is-empty"),
        pytest.param(D(2026, 3, 1), D(2026, 3, 1), D(2026, 3, 1), Interval(D(2026, 3, 1), D(2026, 3, 1)),
                     id="finished-start-on-the-as-of-date-is-empty"),
        pytest.param(D(2025, 9, 1), D(2026, 12, 1), D(2026, 3, 18), Interval(D(2025, 9, 1), D(2026, 3, 18)),
                     id="end-after-the-as-of-date-is-clipped"),
        pytest.param(D(2026, 2, 1), D(2026, 3, 1), D(2026, 3, 18), Interval(D(2026, 2, 1), D(2026, 3, 18)),
                     id="end-month-of-the-as-of-date-is-clipped"),
    ],
)  # fmt: skip
def test_position_interval(start: dt.date, end: dt.date | None, as_of: dt.date, expected: Interval) -> None:
    assert position_interval(start, end, as_of) == expected


def test_a_position_cannot_start_after_the_as_of_date() -> None:
    with pytest.raises(ValueError, match="after the as-of date"):
        position_interval(D(2026, 4, 1), None, D(2026, 3, 18))


# Positions side by side: how the total treats their meeting points.
@pytest.mark.parametrize(
    ("positions", "as_of", "expected"),
    [
        pytest.param([(D(2020, 1, 1), D(2020, 6, 1)), (D(2020, 7, 1), D(2020, 12, 1))], D(2026, 1, 1),
                     "1 year", id="adjacent-months-join"),
        pytest.param([(D(2020, 1, 1), D(2020, 6, 1)), (D(2020, 6, 1), D(2020, 12, 1))], D(2026, 1, 1),
                     "1 year", id="same-month-overlap-counts-once"),
        pytest.param([(D(2020, 1, 1), D(2020, 6, 1)), (D(2020, 8, 1), D(2020, 12, 1))], D(2026, 1, 1),
                     "11 months", id="a-gap-month-is-not-counted"),
        pytest.param([(D(2021, 8, 1), D(2023, 5, 1)), (D(2022, 2, 1), D(2023, 10, 1)),
                      (D(2023, 10, 1), D(2025, 9, 1)), (D(2025, 9, 1), None)], D(2026, 3, 18),
                     "4 years, 7 months, 17 days", id="owner-current-site-figure"),
    ],
)  # fmt: skip
def test_positions_total(
    positions: list[tuple[dt.date, dt.date | None]], as_of: dt.date, expected: str
) -> None:
    assert Duration.of(position_interval(start, end, as_of) for start, end in positions).label == expected


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (Duration(4, 7, 17, 0), "4y 7m"),
        (Duration(0, 3, 2, 0), "3m"),
        (Duration(0, 0, 9, 0), "9d"),
    ],
)
def test_short_labels(duration: Duration, expected: str) -> None:
    assert duration.short_label == expected


def test_gapped_union_adds_calendar_spans_from_its_first_day() -> None:
    # January (1 month), then March 1-29 (29 days) laid after it: 2021-02-01 + 29 days
    # crosses the 28-day February, so the total reads 2 months, 1 day.
    gapped = [Interval(D(2021, 1, 1), D(2021, 2, 1)), Interval(D(2021, 3, 1), D(2021, 3, 30))]
    assert Duration.of(gapped) == Duration(0, 2, 1, 60)
    # Whole months add up as months: 18 and 3 make 21.
    whole = [months("2020-01", "2021-07"), months("2022-01", "2022-04")]
    assert Duration.of(whole).label == "1 year, 9 months"


def test_interval_refuses_to_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Interval(D(2021, 2, 1), D(2021, 1, 1))


def test_rules_are_published_from_the_docstring() -> None:
    rules = rules_for_readers()
    assert rules.startswith("1. ") and "5. " in rules
    assert "``" not in rules


# --- properties -------------------------------------------------------------------

dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31))


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    start = draw(dates)
    return Interval(start, start + dt.timedelta(days=draw(st.integers(0, 4000))))


@given(st.lists(intervals(), max_size=6), intervals())
@example([Interval(D(2020, 1, 1), D(2020, 7, 1))], Interval(D(2020, 7, 1), D(2021, 1, 1)))  # touching
@example([Interval(D(2020, 1, 31), D(2020, 3, 1))], Interval(D(2020, 2, 29), D(2021, 2, 28)))  # month ends
def test_adding_a_position_never_lowers_the_total(existing: list[Interval], added: Interval) -> None:
    before, after = Duration.of(existing), Duration.of([*existing, added])
    assert (after.years, after.months, after.days) >= (before.years, before.months, before.days)
    assert after.total_days >= before.total_days
    assert after.total_days <= before.total_days + added.days


@given(intervals())
@example(Interval(D(2020, 2, 29), D(2021, 2, 28)))  # from a leap day
@example(Interval(D(2024, 1, 31), D(2024, 3, 1)))  # from a month's last day
def test_one_interval_matches_relativedelta(interval: Interval) -> None:
    expected = relativedelta(interval.end, interval.start)
    duration = Duration.of([interval])
    assert (duration.years, duration.months, duration.days) == (
        expected.years,
        expected.months,
        expected.days,
    )


@given(st.lists(intervals(), max_size=6), st.randoms(use_true_random=False))
def test_order_of_positions_does_not_matter(items: list[Interval], random) -> None:
    shuffled = list(items)
    random.shuffle(shuffled)
    assert Duration.of(shuffled) == Duration.of(items)


@given(st.lists(intervals(), max_size=6))
@example([Interval(D(2020, 1, 1), D(2020, 2, 1)), Interval(D(2020, 2, 1), D(2020, 3, 1))])  # touching merge
@example([Interval(D(2020, 1, 1), D(2020, 3, 1)), Interval(D(2020, 2, 1), D(2020, 2, 5))])  # contained
def test_union_is_sorted_disjoint_and_keeps_every_day(items: list[Interval]) -> None:
    merged = union(items)
    for left, right in itertools.pairwise(merged):
        assert left.end < right.start  # touching pieces are merged, not left side by side
    covered = {i.start + dt.timedelta(days=k) for i in items for k in range(i.days)}
    assert sum(i.days for i in merged) == len(covered)


@given(dates, st.one_of(st.none(), dates), dates)
@example(D(2026, 3, 1), None, D(2026, 3, 1))  # a start on the as-of date
@example(D(2025, 9, 1), D(2027, 1, 1), D(2026, 3, 18))  # an end after the as-of date
def test_a_position_interval_stays_within_its_months_and_the_as_of_date(
    start: dt.date, end: dt.date | None, as_of: dt.date
) -> None:
    start = start.replace(day=1)
    end = end and max(end.replace(day=1), start)
    if start > as_of:
        return
    interval = position_interval(start, end, as_of)
    assert interval.start == start
    assert interval.end <= as_of
    if end is not None:
        assert interval.end <= end + relativedelta(months=1)
        assert interval.end == min(end + relativedelta(months=1), as_of)
    else:
        assert interval.end == as_of
