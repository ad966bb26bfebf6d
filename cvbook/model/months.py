"""Months: parsing, arithmetic and the one way each output writes them.

``format_month`` is the ISO form the facts are written in (``2025-09``); ``month_label``
and ``day_label`` are the forms people and applicant-tracking systems read best
(``Sep 2025``, ``18 Mar 2026``). Every renderer writes months through these.
"""

from __future__ import annotations

import datetime as dt
import re

MONTH_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse_month(text: str) -> dt.date:
    """``"2021-08"`` -> 2021-08-01. Raises ValueError for anything else."""
    match = MONTH_PATTERN.fullmatch(text)  # not .match: "$" also matches before a final newline
    if not match:
        raise ValueError(f"not a YYYY-MM month: {text!r}")
    return dt.date(int(match[1]), int(match[2]), 1)


def first_of_next_month(day: dt.date) -> dt.date:
    """The exclusive end of ``day``'s month: a position that ends in May runs to May 31 inclusive."""
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def format_month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_label(day: dt.date, space: str = " ") -> str:
    """``Sep 2025``; ``space="\u00a0"`` keeps it on one line in a narrow column."""
    return f"{MONTH_NAMES[day.month - 1]}{space}{day.year}"


def day_label(day: dt.date) -> str:
    """``18 Mar 2026``."""
    return f"{day.day} {month_label(day)}"
