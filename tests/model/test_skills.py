"""Skills over time (cvbook.model.skills: names, implications, groups), on synthetic books, through
the frames that apply those rules (cvbook.model.frames): names as he lists them, implied time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cvbook.content.loader import load_book
from cvbook.model import frames
from cvbook.model.skills import IMPLIES, OTHER_GROUP, counts_toward, group_order, key
from synthetic import make_book, position

AS_OF = dt.date(2024, 1, 1)
LISTED = {
    "Backend": ["golang", "PostgreSQL", "redis/sentinel", "kafka"],
    "Frontend": ["js/ts", "React"],
}


def book_with(tmp_path: Path, *stacks: tuple[str, str, list[str]], listed=LISTED, as_of=AS_OF):
    """A synthetic book whose skill groups are ``listed`` and whose positions are (start, end, stack)."""
    positions = {
        f"p{index}": position(f"Company {index}", "Engineer", start, end, stack=stack)
        for index, (start, end, stack) in enumerate(stacks)
    }
    profile = {"name": "Alex Example", "headline": "Engineer", "description": "A test.", "skills": listed}
    return load_book(make_book(tmp_path / "book", profile=profile, positions=positions), as_of=as_of)


def named(book) -> pd.DataFrame:
    """The skills with time, one row each, indexed by name (cvbook.model.frames.skills_frame)."""
    periods = frames.skill_periods_frame(book, frames.stacks_frame(book))
    return frames.skills_frame(book, periods).set_index("skill")


# The implication table, pinned: a name in a stack -> the skill (as he lists it) that gets its time.
IMPLICATIONS = [
    ("React", "js/ts"),
    ("React Native", "js/ts"),
    ("Redux", "js/ts"),
    ("react-router-dom", "js/ts"),
    ("Go", "golang"),
    ("gin", "golang"),
    ("echo", "golang"),
    ("Postgres", "PostgreSQL"),
]


def test_the_implication_table_is_the_pinned_one() -> None:
    assert sorted(IMPLIES.items()) == sorted(IMPLICATIONS)


# The table's names as people also write them: implications match without regard to case or spacing.
RESPELLED = [("react", "js/ts"), ("REDUX", "js/ts"), ("react  native", "js/ts"), ("GIN", "golang"),
             ("postgres", "PostgreSQL"), ("go", "golang")]  # fmt: skip


@pytest.mark.parametrize(
    ("stack_name", "skill"), [*IMPLICATIONS, *RESPELLED, ("GoLang", "golang"), (" postgresql ", "PostgreSQL")]
)
def test_a_stack_name_counts_toward_the_skill_he_lists(tmp_path: Path, stack_name: str, skill: str) -> None:
    book = book_with(tmp_path, ("2020-01", "2021-06", [stack_name]))
    found = named(book)
    assert found.loc[skill, "duration"] == "1 year, 6 months"
    assert found.loc[skill, "companies"] == "Company 0"
    assert found.loc[skill, "group"] == next(group for group, items in LISTED.items() if skill in items)


@pytest.mark.parametrize("stack_name", ["Redux", "gin", "Postgres", "Golang"])
def test_a_name_counted_toward_his_skill_gets_no_row_of_its_own(tmp_path: Path, stack_name: str) -> None:
    found = named(book_with(tmp_path, ("2020-01", "2020-12", [stack_name])))
    assert stack_name not in found.index
    assert OTHER_GROUP not in set(found["group"])


def test_a_listed_name_that_implies_another_counts_toward_both(tmp_path: Path) -> None:
    found = named(book_with(tmp_path, ("2021-08", "2023-05", ["React", "Redux"])))
    assert found.loc["React", "duration"] == found.loc["js/ts", "duration"] == "1 year, 10 months"


def test_an_implied_skill_he_does_not_list_leaves_the_name_its_own(tmp_path: Path) -> None:
    book = book_with(tmp_path, ("2020-01", "2020-12", ["gin"]), listed={"Backend": ["kafka"]})
    found = named(book)
    assert found.loc["gin", "group"] == OTHER_GROUP and found.loc["gin", "duration"] == "1 year"
    assert "golang" not in found.index


def test_implied_time_is_a_union_across_positions(tmp_path: Path) -> None:
    book = book_with(
        tmp_path,
        ("2020-01", "2020-12", ["golang"]),
        ("2020-07", "2021-06", ["gin", "echo"]),
        ("2022-01", "2022-03", ["Go"]),
    )
    golang = named(book).loc["golang"]
    assert [(period.start, period.end) for period in golang["periods"]] == [
        (dt.date(2020, 1, 1), dt.date(2021, 7, 1)),
        (dt.date(2022, 1, 1), dt.date(2022, 4, 1)),
    ]
    assert golang["duration"] == "1 year, 9 months"
    assert golang["companies"] == "Company 2, Company 1, Company 0"  # newest first


def test_listed_skills_no_position_names_stay_in_their_group_without_time(tmp_path: Path) -> None:
    book = book_with(tmp_path, ("2020-01", "2020-12", ["golang"]))
    timed = named(book)
    assert list(timed.index) == ["golang"]
    rest = frames.listed_only_frame(book, timed.reset_index())
    assert ("Backend", "kafka") in set(rest.itertuples(index=False, name=None))


def test_groups_keep_the_intros_order_then_other(tmp_path: Path) -> None:
    book = book_with(tmp_path, ("2020-01", "2020-12", ["golang", "NATS"]))
    assert group_order(book) == ["Backend", "Frontend", OTHER_GROUP]
    assert list(dict.fromkeys(named(book)["group"])) == ["Backend", OTHER_GROUP]


def test_a_current_position_gives_open_intervals_for_the_live_recount(tmp_path: Path) -> None:
    book = book_with(tmp_path, ("2023-06", "present", ["Postgres"]))
    assert named(book).loc["PostgreSQL", "spans"] == [("2023-06-01", None)]


@given(
    st.sampled_from(IMPLICATIONS),
    st.lists(st.booleans(), min_size=20, max_size=20),
    st.sampled_from(["", " ", "  "]),
)
def test_an_implication_holds_in_any_case_and_spacing(
    implication: tuple[str, str], upper: list[bool], padding: str
) -> None:
    name, skill = implication
    spelled = (
        padding
        + "".join(c.upper() if up else c.lower() for c, up in zip(name, upper * 2, strict=False))
        + padding
    )
    listed = {key(target): target for target in IMPLIES.values()}
    assert counts_toward(spelled, listed) == [key(skill)]
