"""Technologies over time (cvbook.skills): one name per technology, union of periods."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_content import with_, write_book

from synthetic import PINNED_DATE, REPO
from cvbook.content import load_book
from cvbook.skills import OTHER_GROUP, normalise, skills, skills_frame


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Golang", "Go"),
        ("golang", "Go"),
        ("  GoLang ", "Go"),
        ("Postgres", "PostgreSQL"),
        ("PostgreSQL", "PostgreSQL"),
        ("redis/sentinel", "Redis"),
        ("Redis", "Redis"),
        ("grpc", "gRPC"),
        ("js/ts", "JavaScript / TypeScript"),
        ("open-api", "OpenAPI"),
        ("react-router-dom", "react-router-dom"),  # unknown names keep their spelling
        ("React  Native", "React Native"),
    ],
)
def test_normalise(spelling: str, name: str) -> None:
    assert normalise(spelling) == name


@pytest.fixture(scope="module")
def owner_skills():
    return {skill.name: skill for skill in skills(load_book(REPO, as_of=PINNED_DATE))}


def test_go_is_counted_across_three_positions(owner_skills) -> None:
    go = owner_skills["Go"]
    assert go.hands_on.label == "4 years, 1 month, 17 days"
    assert go.companies == ("NDA Performance Marketing Agency", "Wildberries", "Startup")
    assert go.group == "Backend"


def test_every_technology_appears_once_whatever_its_spelling(owner_skills) -> None:
    book = load_book(REPO, as_of=PINNED_DATE)
    spellings = [item for items in book.profile.skills.values() for item in items]
    spellings += [item for page in book.positions for item in page.position.stack]
    assert set(owner_skills) == {normalise(spelling) for spelling in spellings}
    assert "Golang" not in owner_skills and "Postgres" not in owner_skills


def test_listed_skills_without_a_position_are_kept_without_periods(owner_skills) -> None:
    for name in ["Kafka", "gRPC", "htmx", "TDD"]:
        assert owner_skills[name].periods == ()
        assert owner_skills[name].hands_on.total_days == 0


def test_stack_only_technologies_go_to_other(owner_skills) -> None:
    assert owner_skills["NATS"].group == OTHER_GROUP


def test_union_of_overlapping_positions(tmp_path: Path) -> None:
    write_book(
        tmp_path,
        with_(company="A", start="2020-01", end="2020-12", stack=["Golang"]),
        with_(company="B", start="2020-07", end="2021-06", stack=["golang", "Kafka"]),
        with_(company="C", start="2022-01", end="2022-03", stack=["Go"]),
    )
    go = {skill.name: skill for skill in skills(load_book(tmp_path, as_of=dt.date(2024, 1, 1)))}["Go"]
    assert [(period.start, period.end) for period in go.periods] == [
        (dt.date(2020, 1, 1), dt.date(2021, 7, 1)),
        (dt.date(2022, 1, 1), dt.date(2022, 4, 1)),
    ]
    assert go.hands_on.label == "1 year, 9 months"


def test_frame_is_longest_first_with_unused_skills_last() -> None:
    frame = skills_frame(load_book(REPO, as_of=PINNED_DATE))
    days = list(frame["days"])
    assert days == sorted(days, reverse=True)
    assert frame["technology"].is_unique
    assert frame.iloc[-1]["hands-on"] == "listed skill, not named in a position"
