"""What cv.pdf shows (cvbook.render.cv_pdf.cv_data), checked as data: fast, without Typst or poppler.

tests/render/test_cv_pdf.py reads the compiled PDF; these hold the values the template is
given: dates as people and applicant-tracking systems read them, and "as of" only where a
duration still grows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cvbook.content.loader import load_book
from cvbook.render import cv_pdf
from synthetic import PINNED_DATE, POSITIONS, make_book, position

AS_OF = "as of 18 Mar 2026"  # PINNED_DATE in the CV's words


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    book = load_book(make_book(tmp_path_factory.mktemp("cv") / "book"), as_of=PINNED_DATE, environ={})
    return cv_pdf.cv_data(book)


def positions_of(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["company"]: entry for entry in data["positions"]}


def test_periods_read_as_month_names_newest_first(data: dict[str, Any]) -> None:
    assert [(entry["company"], entry["period"]) for entry in data["positions"]] == [
        (POSITIONS["alpha"]["company"], "Sep 2025 – Present"),
        (POSITIONS["bravo"]["company"], "Oct 2023 – Sep 2025"),
        (POSITIONS["charlie"]["company"], "Feb 2022 – Oct 2023"),
        (POSITIONS["delta"]["company"], "Aug 2021 – May 2023"),
    ]


@pytest.mark.parametrize(
    ("start", "end", "period"),
    [(f"2020-{month:02d}", f"2021-{month:02d}", f"{name} 2020 – {name} 2021")
     for month, name in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1)],
)  # fmt: skip
def test_every_month_has_its_english_name(tmp_path: Path, start: str, end: str, period: str) -> None:
    book = load_book(
        make_book(tmp_path / "book", positions={"p": position("P", "R", start, end)}), as_of=PINNED_DATE
    )
    assert cv_pdf.cv_data(book)["positions"][0]["period"] == period


def test_only_a_current_position_says_as_of_when(data: dict[str, Any]) -> None:
    """A finished position's duration is final; a current one's grows, so printed it needs its date."""
    assert {company: entry["as_of"] for company, entry in positions_of(data).items()} == {
        POSITIONS["alpha"]["company"]: AS_OF,
        POSITIONS["bravo"]["company"]: None,
        POSITIONS["charlie"]["company"]: None,
        POSITIONS["delta"]["company"]: None,
    }
    assert data["experience"]["as_of"] == AS_OF


def test_durations_are_the_positions_own(data: dict[str, Any]) -> None:
    assert positions_of(data)[POSITIONS["alpha"]["company"]]["duration"] == "6 months, 17 days"
    assert positions_of(data)[POSITIONS["delta"]["company"]]["duration"] == "1 year, 10 months"
