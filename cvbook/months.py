"""Month arithmetic shared by the model and the duration rules."""

from __future__ import annotations

import datetime as dt
import re

MONTH_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(text: str) -> dt.date:
    """``"2021-08"`` -> 2021-08-01. Raises ValueError for anything else."""
    match = MONTH_PATTERN.match(text)
    if not match:
        raise ValueError(f"not a YYYY-MM month: {text!r}")
    return dt.date(int(match[1]), int(match[2]), 1)


def first_of_next_month(day: dt.date) -> dt.date:
    """The exclusive end of ``day``'s month: a position that ends in May runs to May 31 inclusive."""
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def format_month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"
