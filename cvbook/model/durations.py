"""How long: the duration rules for positions and technologies.

The rules, in the words the site shows its readers (``rules_for_readers`` returns them):

1. A position counts from the first day of the month it started in.
2. A finished position counts up to the last day of the month it ended in, that day included.
3. A current position counts up to today, today not included: on 18 March 2026, a position
   that started in March 2026 has lasted 17 days.
4. Time spent in two positions at once counts once, and gaps between positions don't count.
5. Years, months and days are calendar years, months and days, not blocks of 365 or 30
   days. Time with gaps adds up piece by piece: 18 months and then 3 months make
   1 year, 9 months.

For developers: "today" is the as-of date (``cvbook.content.clock``: SOURCE_DATE_EPOCH, else the
build's day). Intervals are half-open, ``[start, end)``, so adjacent positions meet without
overlap; years, months and days are ``dateutil.relativedelta`` steps, the calendar span of
a union without gaps and the pieces added one after another from the first day otherwise.
The browser's recount (the theme's ``durations.js``, markup from ``cvbook.render.live``) implements
the same rules; the browser tests hold the two to the same answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from .months import first_of_next_month


def rules_for_readers() -> str:
    """The numbered rules above as Markdown, for the pages that state them (one source: this docstring)."""
    start = __doc__.index("1. ")
    return __doc__[start : __doc__.index("\n\n", start)]


@dataclass(frozen=True, order=True)
class Interval:
    """Days from ``start`` up to but excluding ``end``."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"interval ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def position_interval(start: dt.date, end_month: dt.date | None, as_of: dt.date) -> Interval:
    """The days a position covers as of ``as_of`` (rules 1-3).

    ``start`` and ``end_month`` are first days of months; ``end_month`` None means
    ``present``. The interval is clipped to ``as_of``: an end after it counts up to it,
    and a start on it gives an empty interval.
    """
    if start > as_of:
        raise ValueError(f"position starts ({start}) after the as-of date ({as_of})")
    end = as_of if end_month is None else min(first_of_next_month(end_month), as_of)
    return Interval(start, end)


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """The sorted, non-overlapping union; touching intervals merge."""
    merged: list[Interval] = []
    for interval in sorted(i for i in intervals if i.days > 0):
        if merged and interval.start <= merged[-1].end:
            last = merged.pop()
            merged.append(Interval(last.start, max(last.end, interval.end)))
        else:
            merged.append(interval)
    return merged


@dataclass(frozen=True)
class Duration:
    years: int
    months: int
    days: int
    total_days: int

    @classmethod
    def of(cls, intervals: Iterable[Interval]) -> Duration:
        """The total time covered by ``intervals`` (rules 4 and 5)."""
        merged = union(intervals)
        if not merged:
            return cls(0, 0, 0, 0)
        anchor = cursor = merged[0].start
        for piece in merged:
            cursor += relativedelta(piece.end, piece.start)
        span = relativedelta(cursor, anchor)
        return cls(span.years, span.months, span.days, sum(piece.days for piece in merged))

    @property
    def label(self) -> str:
        """``"4 years, 7 months, 17 days"``; zero parts are left out, ``"0 days"`` when empty."""
        parts = [
            f"{count} {unit}{'' if count == 1 else 's'}"
            for count, unit in ((self.years, "year"), (self.months, "month"), (self.days, "day"))
            if count
        ]
        return ", ".join(parts) or "0 days"

    @property
    def short_label(self) -> str:
        """``"4y 7m"``: for tight places such as chart annotations."""
        parts = [f"{count}{unit}" for count, unit in ((self.years, "y"), (self.months, "m")) if count]
        return " ".join(parts) or f"{self.days}d"

    def __str__(self) -> str:
        return self.label
