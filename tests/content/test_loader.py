"""Loading and validating the content (cvbook.content.loader, cvbook.model.facts) on synthetic books:
every bad input is one ContentError naming the file and the key, and good input of
any spelling loads."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from cvbook.content.errors import ContentError
from cvbook.content.loader import load_book, problems
from synthetic import (
    CONTACTS,
    DEFAULT_TOTAL,
    PINNED_DATE,
    POSITIONS,
    PROFILE,
    SUMMARY,
    make_book,
    position,
)

GOOD = position("Example Co", "Engineer", "2021-08", "2023-05", stack=["Go"])


def with_(**changes: Any) -> dict[str, Any]:
    """GOOD with ``changes``; a change to None removes the key."""
    return {key: value for key, value in {**GOOD, **changes}.items() if value is not None}


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return make_book(tmp_path / "book")


def load(root: Path, **environ: str) -> Any:
    return load_book(root, as_of=PINNED_DATE, environ=environ)


def error_of(root: Path, **environ: str) -> ContentError:
    with pytest.raises(ContentError) as caught:
        load(root, **environ)
    assert "\n" not in str(caught.value)
    return caught.value


# --- positions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "field", "message"),
    [
        pytest.param(with_(strat="2021-08"), "strat", "unknown key (did you mean 'start'? allowed keys: company, role,", id="unknown-key"),
        pytest.param(with_(role=None), "role", "required key is missing", id="missing-key"),
        pytest.param(with_(role="  "), "role", "at least 1 character", id="blank-value"),
        pytest.param(with_(start="2021-13"), "start", "expected a month as YYYY-MM (like 2021-08), got '2021-13'", id="month-13"),
        pytest.param(with_(start="21-08"), "start", "got '21-08'", id="two-digit-year"),
        pytest.param(with_(start="August 2021"), "start", "got 'August 2021'", id="month-name"),
        pytest.param(with_(start=dt.date(2021, 8, 1)), "start", "got datetime.date(2021, 8, 1)", id="full-date"),
        pytest.param(with_(end="soon"), "end", "or 'present', got 'soon'", id="bad-end"),
        pytest.param(with_(start="2023-06", end="2023-05"), "end", "2023-05 is before start 2023-06", id="end-before-start"),
        pytest.param(with_(start="2026-04", end="present"), "start", "2026-04 is after the as-of date 2026-03-18", id="start-after-as-of"),
        pytest.param(with_(mode="hybrid"), "mode", "'office' or 'remote'", id="bad-mode"),
        pytest.param(with_(stack=[]), "stack", "at least 1 item", id="empty-stack"),
    ],
)  # fmt: skip
def test_a_bad_position_is_one_clear_error(
    tmp_path: Path, front_matter: dict, field: str, message: str
) -> None:
    root = make_book(tmp_path / "book", positions={"bad": front_matter})
    error = error_of(root)
    assert (error.path.name, error.field) == ("bad.md", field)
    assert message in error.message
    assert str(error).startswith(f"{root / 'experience' / 'bad.md'}: {field}: ")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param("2026-03", "present", id="current-from-the-as-of-month"),
        pytest.param("2026-03", "2026-03", id="finished-in-the-as-of-month"),
        pytest.param("2025-01", "2027-01", id="end-after-the-as-of-date"),
    ],
)
def test_positions_up_to_the_as_of_date_load(tmp_path: Path, start: str, end: str) -> None:
    root = make_book(tmp_path / "book", positions={"edge": with_(start=start, end=end)})
    assert load(root).positions[0].interval(PINNED_DATE).end <= PINNED_DATE


def test_a_position_starting_on_the_as_of_date_loads_with_no_time_yet(tmp_path: Path) -> None:
    root = make_book(tmp_path / "book", positions={"new": with_(start="2026-03", end="present")})
    book = load_book(root, as_of=dt.date(2026, 3, 1), environ={})
    assert book.positions[0].duration(book.as_of).label == "0 days"


def test_two_current_positions_with_the_same_role_at_one_company(tmp_path: Path) -> None:
    current = with_(start="2025-01", end="present")
    root = make_book(tmp_path / "book", positions={"a": current, "b": current})
    assert re.fullmatch(r".*b\.md: end: 'present' again for Engineer at Example Co \(already current in a\.md\)",
                        str(error_of(root)))  # fmt: skip


def test_two_current_positions_with_different_roles_are_fine(tmp_path: Path) -> None:
    positions = {"a": with_(end="present"), "b": with_(end="present", role="Tech Lead")}
    assert len(load(make_book(tmp_path / "book", positions=positions)).positions) == 2


def test_positions_are_newest_first_by_their_dates_not_their_file_names(tmp_path: Path) -> None:
    positions = {
        "a-oldest": with_(company="Oldest", start="2015-01", end="2016-01"),
        "z-current": with_(company="Current", start="2020-01", end="present"),
        "m-middle": with_(company="Middle", start="2018-01", end="2019-01"),
        "b-same-start-finished": with_(company="Finished", start="2020-01", end="2020-06"),
    }
    book = load(make_book(tmp_path / "book", positions=positions))
    assert [page.position.company for page in book.positions] == ["Current", "Finished", "Middle", "Oldest"]


def test_the_default_synthetic_book_has_the_owners_current_site_figure(book: Path) -> None:
    loaded = load(book)
    assert loaded.experience.label == DEFAULT_TOTAL
    assert len(loaded.positions) == len(POSITIONS)
    assert all(page.highlights for page in loaded.positions)


# --- reading files (each way to fail: tests/content/test_files.py, test_strict_yaml.py) ----


def test_an_unreadable_position_file_is_named(tmp_path: Path) -> None:
    root = make_book(tmp_path / "book")
    (root / "experience" / "broken.md").write_bytes(b"")
    error = error_of(root)
    assert (error.path, error.message) == (
        root / "experience" / "broken.md",
        "the file is empty; expected YAML front matter between '---' lines",
    )


def test_no_positions_at_all(tmp_path: Path) -> None:
    assert "no positions found" in str(error_of(make_book(tmp_path / "book", positions={})))


# --- the profile -------------------------------------------------------------------


def test_contacts_load_when_set(tmp_path: Path) -> None:
    lower_case_country = {**CONTACTS, "location": {"city": "X", "countryCode": "de"}}
    root = make_book(tmp_path / "book", profile={**PROFILE, **lower_case_country})
    (root / CONTACTS["image"]).write_bytes(b"an image")
    profile = load(root).profile
    assert (profile.email, profile.phone) == (CONTACTS["email"], CONTACTS["phone"])
    assert profile.phone_uri == "tel:+493012345678"
    assert profile.location is not None and profile.location.countryCode == "DE"
    assert [link.url for link in profile.profiles] == [CONTACTS["profiles"][0]["url"]]


def test_contacts_are_empty_by_default(book: Path) -> None:
    profile = load(book).profile
    assert (profile.image, profile.email, profile.phone, profile.location, profile.profiles) == (
        None,
        None,
        None,
        None,
        (),
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param({"email": "alex.example.org"}, "email", "expected an email address", id="email-without-at"),
        pytest.param({"email": "alex@localhost"}, "email", "expected an email address", id="email-without-domain"),
        pytest.param({"phone": "call me"}, "phone", "expected a phone number", id="phone-words"),
        pytest.param({"profiles": [{"network": "GitHub", "url": "http://github.com/alex"}]}, "profiles.0.url",
                     "expected an https:// address", id="profile-not-https"),
        pytest.param({"profiles": [{"network": "GitHub", "url": "https://x", "user": "a"}]}, "profiles.0.user",
                     "unknown key (did you mean 'username'? allowed keys: network, username, url)", id="profile-typo"),
        pytest.param({"location": {"city": "X", "countryCode": "Germany"}}, "location.countryCode",
                     "two-letter country code", id="country-name"),
        pytest.param({"image": "_static/missing.jpg"}, "image", "no file at '_static/missing.jpg'", id="missing-image"),
        pytest.param({"headlin": "x"}, "headlin", "did you mean 'headline'?", id="profile-typo"),
        pytest.param({"handle": "someone"}, "handle", "unknown key", id="no-handle-key"),
    ],
)  # fmt: skip
def test_a_bad_profile_value_is_one_line(tmp_path: Path, changes: dict, field: str, message: str) -> None:
    root = make_book(tmp_path / "book", profile={**PROFILE, **changes})
    error = error_of(root)
    assert (error.path.name, error.field) == ("intro.md", field)
    assert message in error.message


def test_the_summary_is_read_from_the_in_short_section(book: Path) -> None:
    assert load(book).summary == SUMMARY


@pytest.mark.parametrize(
    ("heading", "message"),
    [
        pytest.param("## In short_", "rename '## In short_' to '## In short'", id="stale-underscore"),
        pytest.param("## Summary", "expected a '## In short' section", id="other-heading"),
    ],
)
def test_a_summary_under_another_heading_is_one_line(book: Path, heading: str, message: str) -> None:
    intro = book / "intro.md"
    intro.write_text(
        intro.read_text(encoding="utf-8").replace("## In short\n", f"{heading}\n"), encoding="utf-8"
    )
    error = error_of(book)
    assert error.path == intro
    assert message in str(error)


# --- the reading plan --------------------------------------------------------------


def test_the_reading_plan_loads(tmp_path: Path) -> None:
    plan = {"books": [{"title": "B1"}, {"title": "B2", "reading": True}], "languages": ["L1"]}
    loaded = load(make_book(tmp_path / "book", self_development=plan)).self_development
    assert [(book.title, book.reading) for book in loaded.books] == [("B1", False), ("B2", True)]
    assert loaded.languages == ("L1",)


def test_a_bad_reading_plan_names_its_file(tmp_path: Path) -> None:
    error = error_of(make_book(tmp_path / "book", self_development={"books": [{"titel": "B"}]}))
    assert (error.path.name, error.field) == ("self-development.md", "books.0.titel")


# --- every problem at once ---------------------------------------------------------


def test_problems_lists_every_mistake_in_every_file(tmp_path: Path) -> None:
    root = make_book(
        tmp_path / "book",
        profile={**PROFILE, "email": "nope"},
        positions={"one": with_(strat="2021-08", mode="hybrid"), "two": GOOD},
    )
    found = problems(root, as_of=PINNED_DATE)
    assert sorted((error.path.name, error.field) for error in found) == [
        ("intro.md", "email"), ("one.md", "mode"), ("one.md", "strat"),
    ]  # fmt: skip
    assert all("\n" not in error.line for error in found)


def test_problems_is_empty_for_a_good_book(book: Path) -> None:
    assert problems(book, as_of=PINNED_DATE) == []
