"""The facts' models (cvbook.model.facts): what a position and a profile accept, and what they derive.

The loader's tests (tests/content/test_loader.py) hold that each refusal reaches the owner as
one line naming his file; these hold the models' own rules, without files.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from cvbook.model.facts import Location, Position, Profile, ProfileLink, SelfDevelopment

D = dt.date
GOOD = {"company": "Example Co", "role": "Engineer", "start": "2021-08", "end": "2023-05", "mode": "remote",
        "stack": ["Go"]}  # fmt: skip
PROFILE = {
    "name": "Alex Example",
    "headline": "Engineer",
    "description": "A test.",
    "skills": {"Backend": ["Go"]},
}


def position(**changes: Any) -> Position:
    return Position.model_validate({**GOOD, **changes})


@pytest.mark.parametrize(
    ("end", "is_current", "end_exclusive", "period"),
    [
        ("2023-05", False, D(2023, 6, 1), "2021-08 – 2023-05"),
        ("2023-12", False, D(2024, 1, 1), "2021-08 – 2023-12"),
        ("present", True, None, "2021-08 – present"),
        ("2021-08", False, D(2021, 9, 1), "2021-08 – 2021-08"),  # a single month
    ],
)
def test_a_positions_end(end: str, is_current: bool, end_exclusive: dt.date | None, period: str) -> None:
    found = position(end=end)
    assert (found.is_current, found.end_exclusive, found.period_label()) == (
        is_current,
        end_exclusive,
        period,
    )
    assert found.start == D(2021, 8, 1)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start": "2021-13"}, "expected a month as YYYY-MM (like 2021-08), got '2021-13'"),
        ({"start": "present"}, "got 'present'"),  # only an end may be open
        ({"start": D(2021, 8, 1)}, "got datetime.date(2021, 8, 1)"),  # YAML's unquoted date
        ({"end": "soon"}, "or 'present', got 'soon'"),
        ({"start": "2023-06", "end": "2023-05"}, "2023-05 is before start 2023-06"),
        ({"mode": "hybrid"}, "'office' or 'remote'"),
        ({"stack": []}, "at least 1 item"),
        ({"stack": ["  "]}, "at least 1 character"),
        ({"company": " "}, "at least 1 character"),
        ({"salary": 1}, "Extra inputs are not permitted"),
    ],
)
def test_a_position_refuses(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        position(**changes)


def test_whitespace_around_facts_is_not_part_of_them() -> None:
    assert (position(company="  Example Co ").company, position(start=" 2021-08 ").start) == (
        "Example Co",
        D(2021, 8, 1),
    )


def test_facts_are_frozen() -> None:
    with pytest.raises(ValidationError):
        position().company = "Other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "accepted"),
    [
        ({"email": "a@example.org"}, True),
        ({"email": "a.example.org"}, False),
        ({"email": "a@localhost"}, False),
        ({"email": "a b@example.org"}, False),
        ({"email": "@example.org"}, False),
        ({"phone": "+49 30 1234 5678"}, True),
        ({"phone": "030 123-45/67"}, True),
        ({"phone": "(030) 123"}, False),  # opens with a digit or +
        ({"phone": "call me"}, False),
        ({"phone": "+12"}, False),
        ({"skills": {}}, False),
        ({"skills": {"Backend": []}}, False),
    ],
)  # fmt: skip
def test_profile_values(changes: dict[str, Any], accepted: bool) -> None:
    data = {**PROFILE, **changes}
    if accepted:
        Profile.model_validate(data)
    else:
        with pytest.raises(ValidationError):
            Profile.model_validate(data)


@pytest.mark.parametrize(
    ("phone", "uri"),
    [(None, None), ("+49 30 1234 5678", "tel:+493012345678"), ("030 (123) 45-67", "tel:0301234567")],
)
def test_phone_uri_is_the_number_without_its_spacing(phone: str | None, uri: str | None) -> None:
    assert Profile.model_validate({**PROFILE, "phone": phone}).phone_uri == uri


@pytest.mark.parametrize(
    ("code", "expected"),
    [("DE", "DE"), ("de", "DE"), (None, None), ("Germany", ValidationError), ("D1", ValidationError)],
)
def test_a_country_is_two_letters_kept_upper_case(code: str | None, expected: Any) -> None:
    if expected is ValidationError:
        with pytest.raises(ValidationError, match="two-letter country code"):
            Location(countryCode=code)
    else:
        assert Location(city="X", countryCode=code).countryCode == expected


@pytest.mark.parametrize("url", ["http://github.com/a", "https://", "github.com/a", "https://git hub.com/a"])
def test_a_profile_link_is_https(url: str) -> None:
    with pytest.raises(ValidationError, match="expected an https:// address"):
        ProfileLink(network="GitHub", url=url)


def test_the_reading_plan_is_empty_by_default() -> None:
    plan = SelfDevelopment()
    assert (plan.books, plan.languages) == ((), ())
