"""Loading and validating the content (cvbook.content, cvbook.model): every bad input
is one ContentError naming the file and the key."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from synthetic import PINNED_DATE, REPO
from cvbook.content import load_book
from cvbook.errors import ContentError

VALID = {
    "company": "Example Co",
    "role": "Engineer",
    "start": "2021-08",
    "end": "2023-05",
    "mode": "remote",
    "stack": ["Go"],
}


def write_book(root: Path, *positions: dict, names: tuple[str, ...] = ()) -> Path:
    """A minimal book: the real intro.md and the given positions as experience/*.md."""
    (root / "_config.yml").write_text("title: test\n")
    (root / "intro.md").write_text((REPO / "intro.md").read_text())
    (root / "experience").mkdir()
    for index, front_matter in enumerate(positions):
        name = names[index] if index < len(names) else f"position{index}"
        text = f"---\n{yaml.safe_dump(front_matter, sort_keys=False)}---\n\n- **A highlight.** Details.\n"
        (root / "experience" / f"{name}.md").write_text(text)
    return root


def with_(**changes) -> dict:
    return {key: value for key, value in {**VALID, **changes}.items() if value is not None}


@pytest.mark.parametrize(
    ("front_matter", "field", "message"),
    [
        pytest.param(with_(strat="2021-08"), "strat", "unknown key (did you mean 'start'? allowed keys: company, role,", id="unknown-key"),
        pytest.param(with_(role=None), "role", "required key is missing", id="missing-key"),
        pytest.param(with_(start="2021-13"), "start", "expected a month as YYYY-MM (like 2021-08), got '2021-13'",
                     id="month-13"),
        pytest.param(with_(start="21-08"), "start", "got '21-08'", id="two-digit-year"),
        pytest.param(with_(start="August 2021"), "start", "got 'August 2021'", id="month-name"),
        pytest.param(with_(start=dt.date(2021, 8, 1)), "start", "got datetime.date(2021, 8, 1)", id="full-date"),
        pytest.param(with_(end="soon"), "end", "or 'present', got 'soon'", id="bad-end"),
        pytest.param(with_(start="2023-06", end="2023-05"), "end", "2023-05 is before start 2023-06",
                     id="end-before-start"),
        pytest.param(with_(start="2026-04", end="present"), "start", "2026-04 is after the as-of date 2026-03-18",
                     id="start-after-as-of"),
        pytest.param(with_(mode="hybrid"), "mode", "'office' or 'remote'", id="bad-mode"),
        pytest.param(with_(stack=[]), "stack", "at least 1 item", id="empty-stack"),
    ],
)
def test_bad_position_is_one_clear_error(tmp_path: Path, front_matter: dict, field: str, message: str) -> None:
    write_book(tmp_path, front_matter, names=("bad",))
    with pytest.raises(ContentError) as caught:
        load_book(tmp_path, as_of=PINNED_DATE)
    error = caught.value
    assert (error.path.name, error.field) == ("bad.md", field)
    assert message in error.message
    assert str(error).startswith(f"{tmp_path / 'experience' / 'bad.md'}: {field}: ")
    assert "\n" not in str(error)


def test_two_present_positions_with_the_same_role_at_one_company(tmp_path: Path) -> None:
    current = with_(start="2025-01", end="present")
    write_book(tmp_path, current, current, names=("a", "b"))
    with pytest.raises(ContentError, match=r"b\.md: end: 'present' again for Engineer at Example Co \(already current in a\.md\)"):
        load_book(tmp_path, as_of=PINNED_DATE)


def test_two_present_positions_with_different_roles_are_fine(tmp_path: Path) -> None:
    write_book(tmp_path, with_(end="present"), with_(end="present", role="Tech Lead"))
    assert len(load_book(tmp_path, as_of=PINNED_DATE).positions) == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("no front matter\n", "expected YAML front matter", id="no-front-matter"),
        pytest.param("---\ncompany: [unclosed\n---\n", "not valid YAML at line", id="bad-yaml"),
        pytest.param("---\ncompany: x\n", "no closing '---' line", id="unclosed"),
        pytest.param("---\n- a list\n---\n", "must be a mapping", id="not-a-mapping"),
    ],
)
def test_unreadable_front_matter(tmp_path: Path, text: str, message: str) -> None:
    write_book(tmp_path)
    (tmp_path / "experience" / "broken.md").write_text(text)
    with pytest.raises(ContentError, match=re.escape(message)):
        load_book(tmp_path, as_of=PINNED_DATE)


def test_profile_typo_names_intro_and_key(tmp_path: Path) -> None:
    write_book(tmp_path, VALID)
    intro = tmp_path / "intro.md"
    intro.write_text(intro.read_text().replace("headline:", "headlin:", 1))
    with pytest.raises(ContentError) as caught:
        load_book(tmp_path, as_of=PINNED_DATE)
    assert (caught.value.path.name, caught.value.field) == ("intro.md", "headlin")


def test_the_real_book_loads_newest_first_with_highlights() -> None:
    book = load_book(REPO, as_of=PINNED_DATE)
    assert [page.position.company for page in book.positions] == [
        "NDA Performance Marketing Agency", "Wildberries", "Startup", "PrimeGate",
    ]
    assert all(page.highlights for page in book.positions)
    assert book.experience.label == "4 years, 7 months, 17 days"


def test_positions_frame_has_one_row_per_position() -> None:
    frame = load_book(REPO, as_of=PINNED_DATE).positions_frame()
    assert list(frame["company"]) == ["NDA Performance Marketing Agency", "Wildberries", "Startup", "PrimeGate"]
    assert next(iter(frame["end"])) == "present"
    assert frame.loc[0, "duration"] == "6 months, 17 days"


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("title: t\n", None),
        ("html:\n  baseurl: https://example.org/cv\n", "https://example.org/cv/"),
        ("html:\n  baseurl: https://example.org/cv/\n", "https://example.org/cv/"),
        ("html:\n  baseurl: ''\n", None),
    ],
)
def test_site_url_ends_in_a_slash(tmp_path: Path, config: str, expected: str | None) -> None:
    write_book(tmp_path, VALID)
    (tmp_path / "_config.yml").write_text(config)
    assert load_book(tmp_path, as_of=PINNED_DATE).site_url == expected


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("html: [unclosed\n", "_config.yml: not valid YAML"),
        ("html:\n  baseurl: example.org\n", "_config.yml: html.baseurl: expected an absolute http(s) URL"),
    ],
)
def test_bad_site_url_is_a_content_error(tmp_path: Path, config: str, message: str) -> None:
    write_book(tmp_path, VALID)
    (tmp_path / "_config.yml").write_text(config)
    with pytest.raises(ContentError, match=re.escape(message)):
        load_book(tmp_path, as_of=PINNED_DATE)
