"""Front matter against the model (cvbook.content.validation): every problem names the file and the key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cvbook.content.errors import ContentError
from cvbook.content.validation import validate
from cvbook.model.facts import Position, Profile

PATH = Path("experience/page.md")
GOOD = {"company": "Example Co", "role": "Engineer", "start": "2021-08", "end": "present", "mode": "remote",
        "stack": ["Go"]}  # fmt: skip
POSITION_KEYS = "company, role, team, start, end, mode, stack, description"
PROFILE = {
    "name": "Alex Example",
    "headline": "Engineer",
    "description": "A test.",
    "skills": {"Backend": ["Go"]},
}


def problems(model: type, data: dict[str, Any]) -> list[tuple[str | None, str]]:
    with pytest.raises(ContentError) as caught:
        validate(model, data, PATH)
    assert all(error.path == PATH for error in caught.value.all)
    return [(error.field, error.message) for error in caught.value.all]


def test_good_data_is_the_model() -> None:
    assert validate(Position, GOOD, PATH) == Position.model_validate(GOOD)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param({**GOOD, "strat": "2021-08"}, ("strat", f"unknown key (did you mean 'start'? allowed keys: {POSITION_KEYS})"), id="a-typo"),
        pytest.param({**GOOD, "salary": 1}, ("salary", f"unknown key (allowed keys: {POSITION_KEYS})"), id="nothing-close"),
        pytest.param({k: v for k, v in GOOD.items() if k != "role"}, ("role", "required key is missing"), id="missing"),
        pytest.param({**GOOD, "end": "soon"}, ("end", "expected a month as YYYY-MM (like 2021-08) or 'present', got 'soon'"), id="no-value-error-prefix"),
        pytest.param({**GOOD, "stack": ["Go", " "]}, ("stack.1", "String should have at least 1 character"),
                     id="a-list-item"),
    ],
)  # fmt: skip
def test_each_problem(data: dict[str, Any], expected: tuple[str, str]) -> None:
    assert problems(Position, data) == [expected]


def test_an_unknown_key_comes_first_then_every_other_problem() -> None:
    """A misspelt key also makes the right one "missing": the typo is the news."""
    data = {k: v for k, v in GOOD.items() if k != "start"} | {"strat": "2021-08", "mode": "hybrid"}
    assert [field for field, _ in problems(Position, data)] == ["strat", "start", "mode"]


@pytest.mark.parametrize(
    ("changes", "field", "allowed"),
    [
        ({"profiles": [{"network": "GitHub", "url": "https://x", "user": "a"}]}, "profiles.0.user", "network, username, url"),
        ({"location": {"town": "X"}}, "location.town", "city, countryCode"),
        ({"skils": {}}, "skils", "name, headline, description, skills, image"),
    ],
)  # fmt: skip
def test_an_unknown_nested_key_lists_the_keys_allowed_where_it_is(
    changes: dict, field: str, allowed: str
) -> None:
    ((found, message), *_) = problems(Profile, {**PROFILE, **changes})
    assert found == field
    assert f"allowed keys: {allowed}" in message
