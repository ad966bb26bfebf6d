"""The frames (cvbook.model.frames) on synthetic books: each agrees with the rule it applies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from cvbook.content.loader import load_book
from cvbook.model import frames
from cvbook.model.book import open_intervals
from cvbook.model.durations import Duration, union
from cvbook.model.skills import counts_toward, key, listed_skills
from synthetic import PINNED_DATE, make_book, position

LISTED = {"Backend": ["golang", "PostgreSQL", "redis/sentinel", "grpc"], "Frontend": ["js/ts", "htmx"]}
POSITIONS = {
    "now": position("Now Co", "Lead", "2025-09", "present", stack=["Golang", "Redis", "Postgres"]),
    "overlap": position("Overlap Co", "Dev", "2024-01", "2025-10", stack=["gin", "NATS"]),
    "old": position("Old Co", "Dev", "2020-03", "2021-02", stack=["React", "Redux", "nats"]),
}


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory):
    profile = {"name": "A", "headline": "B", "description": "C", "skills": LISTED}
    root = make_book(tmp_path_factory.mktemp("frames") / "book", profile=profile, positions=POSITIONS)
    return load_book(root, as_of=PINNED_DATE)


def test_positions_frame_counts_each_position_by_the_rules(book) -> None:
    frame = frames.positions_frame(book)
    assert list(frame["company"]) == [page.position.company for page in book.positions]
    for row, page in zip(frame.itertuples(), book.positions, strict=True):
        interval = page.interval(book.as_of)
        assert (row.start.date(), row.until.date(), row.days) == (interval.start, interval.end, interval.days)
        assert row.duration == page.duration(book.as_of).label
        assert row.running is (page.position.end is None)
        assert pd.isna(row.end_exclusive) is row.running


def test_union_and_total_are_the_books_experience(book) -> None:
    positions = frames.positions_frame(book)
    merged = frames.union_frame(positions)
    expected = union(page.interval(book.as_of) for page in book.positions)
    assert [(row.start.date(), row.until.date()) for row in merged.itertuples()] == [
        (piece.start, piece.end) for piece in expected
    ]
    assert len(merged) == 2  # the overlap merged, the gap kept
    assert list(merged["running"]) == [False, True]
    assert frames.total(merged) == book.experience


def test_skills_frame_agrees_with_the_skills_rules(book) -> None:
    """Each skill's row is the union of the positions whose stack counts toward it, newest first."""
    listed = {target: name for target, (name, _) in listed_skills(book).items()}
    used: dict[str, list] = {}  # skill key -> the positions that count toward it
    for page in book.positions:
        for target in {target for name in page.position.stack for target in counts_toward(name, listed)}:
            used.setdefault(target, []).append(page)
    periods = frames.skill_periods_frame(book, frames.stacks_frame(book))
    frame = frames.skills_frame(book, periods)
    assert {key(name) for name in frame["skill"]} == set(used)
    for row in frame.itertuples():
        pages = used[key(row.skill)]
        merged = union(page.interval(book.as_of) for page in pages)
        assert list(row.periods) == merged
        assert row.duration == Duration.of(merged).label and row.days == sum(piece.days for piece in merged)
        assert row.companies == ", ".join(page.position.company for page in pages)
        assert sorted(row.spans) == sorted(open_intervals(pages))


def test_implied_time_goes_through_the_table_and_redis_is_not_sentinel(book) -> None:
    periods = frames.skill_periods_frame(book, frames.stacks_frame(book))
    frame = frames.skills_frame(book, periods).set_index("skill")
    assert frame.loc["golang", "companies"] == "Now Co, Overlap Co"  # "gin" counts toward golang
    assert frame.loc["js/ts", "companies"] == "Old Co"  # React and Redux, once
    assert frame.loc["Redis", "group"] == "Other" and "redis/sentinel" not in frame.index
    assert (
        frame.loc["NATS", "duration"]
        == Duration.of([page.interval(book.as_of) for page in book.positions[1:]]).label
    )  # one technology whatever its case, the first spelling shown


def test_listed_skills_no_stack_names_are_names_only(book) -> None:
    periods = frames.skill_periods_frame(book, frames.stacks_frame(book))
    timed = frames.skills_frame(book, periods)
    rest = frames.listed_only_frame(book, timed)
    assert list(rest.itertuples(index=False, name=None)) == [
        ("Backend", "redis/sentinel"),
        ("Backend", "grpc"),
        ("Frontend", "htmx"),
    ]
    assert set(rest["skill"]) | {name for name, _ in listed_skills(book).values()} == {
        name for name, _ in listed_skills(book).values()
    }


def test_groups_keep_his_order_then_other(book) -> None:
    periods = frames.skill_periods_frame(book, frames.stacks_frame(book))
    frame = frames.skills_frame(book, periods)
    assert list(frame["group"].cat.categories) == ["Backend", "Frontend", "Other"]
    assert list(dict.fromkeys(frame["group"])) == ["Backend", "Frontend", "Other"]


def test_frames_follow_the_as_of_date(tmp_path: Path) -> None:
    root = make_book(tmp_path / "book", positions={"a": position("A", "B", "2025-09", "present")})
    later = frames.positions_frame(load_book(root, as_of="2026-12-01"))
    assert later.loc[0, "until"].date() == dt.date(2026, 12, 1)
    assert later.loc[0, "duration"] == "1 year, 3 months"
