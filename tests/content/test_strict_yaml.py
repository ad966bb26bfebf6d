"""YAML read strictly (cvbook.content.strict_yaml): a key given twice is an error, every problem one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cvbook.content.errors import ContentError
from cvbook.content.strict_yaml import parse_yaml

PATH = Path("experience/page.md")


def error_of(text: str, **options: object) -> ContentError:
    with pytest.raises(ContentError) as caught:
        parse_yaml(text, PATH, **options)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: [x, y]\n", {"a": 1, "b": ["x", "y"]}),
        ("", None),
        ("- a\n", ["a"]),
        ("start: 2021-08\n", {"start": "2021-08"}),  # a month stays text
        ("a: {b: 1}\nc: {b: 2}\n", {"a": {"b": 1}, "c": {"b": 2}}),  # one key name in two mappings is fine
    ],
)
def test_good_yaml(text: str, expected: object) -> None:
    assert parse_yaml(text, PATH) == expected


@pytest.mark.parametrize(
    ("text", "first_line", "field", "message"),
    [
        ("start: 1\nrole: x\nstart: 2\n", 1, "start", "key given twice (lines 1 and 3); keep one"),
        (
            "start: 1\nrole: x\nstart: 2\n",
            2,
            "start",
            "key given twice (lines 2 and 4); keep one",
        ),  # in a file
        ("location:\n  city: A\n  city: B\n", 1, "city", "key given twice (lines 2 and 3)"),  # nested
        ("a: [unclosed\n", 1, None, "front matter is not valid YAML at line 2: expected ',' or ']'"),
        (
            "a: 1\nb:\n\t- x\n",
            1,
            None,
            "front matter is not valid YAML at line 3: a tab where YAML needs spaces",
        ),
        (
            "!!python/object/apply:os.system ['true']\n",
            1,
            None,
            "front matter is not valid YAML",
        ),  # never run
        ("? [a]\n: 1\n", 1, None, "not valid YAML at line 1: found unhashable key"),  # a list as a key
    ],
)
def test_bad_yaml_is_one_line_pointing_into_the_file(
    text: str, first_line: int, field: str | None, message: str
) -> None:
    error = error_of(text, first_line=first_line)
    assert (error.path, error.field) == (PATH, field)
    assert message in error.message


def test_what_names_the_part_of_the_file() -> None:
    assert error_of("a: [\n", what="the file").message.startswith("the file is not valid YAML")


@given(st.text(max_size=200))
@example("a: 1\na: 2\n")
@example("? [a]\n: 1\n")  # an unhashable key
@example("a: &x 1\nb: *y\n")  # an unknown alias
def test_any_text_parses_or_is_one_line(text: str) -> None:
    try:
        parse_yaml(text, PATH)
    except ContentError as error:
        assert "\n" not in str(error)
