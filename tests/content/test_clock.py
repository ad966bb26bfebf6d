"""The build's "today" (cvbook.content.clock)."""

from __future__ import annotations

import datetime as dt

import pytest

from cvbook.content.clock import as_of_date
from cvbook.content.errors import ContentError


@pytest.mark.parametrize(
    ("epoch", "date"),
    [
        ("1773792000", dt.date(2026, 3, 18)),  # 2026-03-18 00:00 UTC
        ("1773791999", dt.date(2026, 3, 17)),  # one second earlier is still the 17th in UTC
        ("0", dt.date(1970, 1, 1)),
        (" 1773792000\n", dt.date(2026, 3, 18)),
    ],
)
def test_source_date_epoch_sets_the_date(epoch: str, date: dt.date) -> None:
    assert as_of_date({"SOURCE_DATE_EPOCH": epoch}) == date


@pytest.mark.parametrize("environ", [{}, {"SOURCE_DATE_EPOCH": ""}])
def test_without_it_today_in_utc(environ: dict) -> None:
    assert as_of_date(environ) == dt.datetime.now(dt.UTC).date()


def test_a_malformed_epoch_is_a_content_error() -> None:
    with pytest.raises(ContentError, match="SOURCE_DATE_EPOCH: expected whole seconds"):
        as_of_date({"SOURCE_DATE_EPOCH": "2026-03-18"})
