"""Charts (cvbook.render.charts) on synthetic books, read back as SVG: what they draw, and that the theme can
colour them (no background, no inline style, no ids) and a phone can read them (text in px)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cvbook.content.loader import load_book
from cvbook.model.skills import skills
from cvbook.render import charts
from synthetic import PINNED_DATE, make_book, position

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory):
    return load_book(make_book(tmp_path_factory.mktemp("charts") / "book"), as_of=PINNED_DATE)


def parsed(chart: charts.Chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def texts(root: ET.Element, cls: str) -> list[str]:
    return [
        element.text or "" for element in root.iter(f"{SVG}text") if cls in element.get("class", "").split()
    ]


def bars(root: ET.Element) -> list[ET.Element]:
    return [element for element in root.iter(f"{SVG}rect") if "cv-chart-bar" in element.get("class", "")]


def test_positions_timeline_has_a_row_per_position_newest_first(book) -> None:
    root = parsed(charts.positions_timeline(book))
    expected = []
    for page in book.positions:
        expected += [page.position.company, page.duration(book.as_of).short_label]
    assert texts(root, "cv-chart-label") == expected
    assert len(bars(root)) == len(book.positions)


def test_skills_timeline_draws_only_skills_with_time_under_their_group(book) -> None:
    root = parsed(charts.skills_timeline(book))
    timed = [skill for skill in skills(book) if skill.periods]
    assert set(texts(root, "cv-chart-label")[::2]) == {skill.name for skill in timed}
    assert len(bars(root)) == sum(len(skill.periods) for skill in timed)
    assert texts(root, "cv-chart-heading")[0] == f"{next(iter(book.profile.skills))}_"
    untimed = {skill.name for skill in skills(book) if not skill.periods}
    assert untimed and not untimed & set(texts(root, "cv-chart-label"))


@pytest.mark.parametrize("draw", [charts.positions_timeline, charts.skills_timeline])
def test_charts_say_as_of_when_and_fit_the_width(book, draw) -> None:
    root = parsed(draw(book))
    assert texts(root, "cv-chart-note") == [f"Durations as of {book.as_of.isoformat()}"]
    for bar in bars(root):
        x, width = (float(bar.get(name).rstrip("%")) for name in ("x", "width"))
        assert 0 <= x and width > 0 and x + width <= 100.01


@pytest.mark.parametrize("draw", [charts.positions_timeline, charts.skills_timeline])
def test_charts_leave_colours_and_background_to_the_page(book, draw) -> None:
    svg = draw(book).svg
    root = ET.fromstring(svg)
    assert root.get("viewBox") is None and root.get("width") == "100%"  # text keeps its px size
    assert int(root.get("font-size")) >= 11
    assert root.get("role") == "img" and root.get("aria-label")
    assert not re.search(r"\s(style|id)=", svg) and "<style" not in svg  # nothing a CSP blocks, no id clashes
    assert all(text.get("fill") == "currentColor" for text in root.iter(f"{SVG}text"))
    assert not [rect for rect in root.iter(f"{SVG}rect") if "cv-chart-bar" not in rect.get("class", "")]


def test_names_are_text_whatever_they_contain(tmp_path: Path) -> None:
    company = 'R&D <Labs> "x"'
    book = load_book(
        make_book(tmp_path / "book", positions={"a": position(company, "Engineer", "2020-01", "2021-01")}),
        as_of=PINNED_DATE,
    )
    assert texts(parsed(charts.positions_timeline(book)), "cv-chart-label")[0] == company
