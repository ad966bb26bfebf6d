"""The book as one value (cvbook.model.book): bullets in short form, a position's days, the total."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from cvbook.model.book import Book, Bullet, ExperiencePage, Settings, open_intervals
from cvbook.model.facts import Position, Profile

D = dt.date
AS_OF = D(2026, 3, 18)
PROFILE = Profile(name="Alex Example", headline="Engineer", description="A test.", skills={"Backend": ["Go"]})


def page(name: str, start: str, end: str, **more: Any) -> ExperiencePage:
    position = Position.model_validate(
        {
            "company": name,
            "role": "Engineer",
            "start": start,
            "end": end,
            "mode": "remote",
            "stack": ["Go"],
            **more,
        }
    )
    return ExperiencePage(f"experience/{name}", Path(f"experience/{name}.md"), position, ())


def book(*pages: ExperiencePage, **more: Any) -> Book:
    return Book(Path("/book"), AS_OF, PROFILE, ("Summary.",), pages, **more)


@pytest.mark.parametrize(
    ("lead", "detail", "sentence", "short"),
    [
        ("Rewrote the MMP", "It was slow.", "Rewrote the MMP.", "Rewrote the MMP. It was slow."),
        ("Why Go?", "Because.", "Why Go?", "Why Go? Because."),
        ("Shipped it!", "", "Shipped it!", "Shipped it!"),
        ("Three things:", "One.", "Three things:", "Three things: One."),
        ("A lead", "", "A lead.", "A lead."),
    ],
)
def test_a_bullet_in_short_form(lead: str, detail: str, sentence: str, short: str) -> None:
    bullet = Bullet(lead, detail)
    assert (bullet.lead_sentence, bullet.short_form) == (sentence, short)


@pytest.mark.parametrize(
    ("start", "end", "interval", "label"),
    [
        ("2021-08", "2023-05", (D(2021, 8, 1), D(2023, 6, 1)), "1 year, 10 months"),
        (
            "2025-09",
            "present",
            (D(2025, 9, 1), AS_OF),
            "6 months, 17 days",
        ),  # up to as-of, as-of not included
        ("2025-01", "2027-01", (D(2025, 1, 1), AS_OF), "1 year, 2 months, 17 days"),  # clipped at as-of
    ],
)
def test_a_positions_days_as_of_a_date(start: str, end: str, interval: tuple, label: str) -> None:
    found = page("x", start, end)
    assert (found.interval(AS_OF).start, found.interval(AS_OF).end) == interval
    assert found.duration(AS_OF).label == label


def test_the_total_is_the_union_of_the_positions() -> None:
    overlapping = book(page("a", "2020-01", "2020-12"), page("b", "2020-07", "2021-06"))
    assert overlapping.experience.label == "1 year, 6 months"


def test_open_intervals_leave_a_current_position_open() -> None:
    pages = [page("a", "2025-09", "present"), page("b", "2021-08", "2023-05")]
    assert open_intervals(pages) == [("2025-09-01", None), ("2021-08-01", "2023-06-01")]


def test_settings_and_the_avatar_come_through() -> None:
    found = book(settings=Settings("https://example.org/cv/", "https://github.com/a/cv"))
    assert (found.site_url, found.repository_url, found.image_path) == (
        "https://example.org/cv/", "https://github.com/a/cv", None
    )  # fmt: skip
    with_image = Book(Path("/book"), AS_OF, PROFILE.model_copy(update={"image": "_static/me.jpg"}), (), ())
    assert with_image.image_path == Path("/book/_static/me.jpg")
    assert (book().site_url, book().repository_url) == (None, None)
