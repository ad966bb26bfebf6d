"""The one exception for the owner's mistakes (cvbook.content.errors): always one line, file first."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cvbook.content.errors import ContentError


@pytest.mark.parametrize(
    ("field", "more", "text"),
    [
        ("start", 0, "intro.md: start: bad"),
        (None, 0, "intro.md: bad"),
        ("", 0, "intro.md: bad"),
        ("start", 1, "intro.md: start: bad (and 1 more problem)"),
        ("start", 2, "intro.md: start: bad (and 2 more problems)"),
    ],
)
def test_the_line(field: str | None, more: int, text: str) -> None:
    others = tuple(ContentError("intro.md", f"key{n}", "other") for n in range(more))
    error = ContentError(Path("intro.md"), field, "bad", more=others)
    assert str(error) == text
    assert error.line == text.split(" (and")[0]
    assert error.all == (error, *others)


def test_line_breaks_and_control_characters_show_as_escapes() -> None:
    error = ContentError("a.md", "ke\ny", "one\ntwo\r\tthree\x00")
    assert str(error) == r"a.md: ke\ny: one\ntwo\r\tthree\x00"


@given(st.text(), st.one_of(st.none(), st.text()), st.text())
@example("a\u2028b", "\u0085", "\x1b[31m red")  # Unicode line separators and a terminal escape
def test_any_problem_is_one_printable_line(path: str, field: str | None, message: str) -> None:
    text = (
        ContentError(Path("experience") / "page.md", field, message).line
        + ContentError(path or ".", None, "x").line
    )
    assert len(text.splitlines()) == 1
