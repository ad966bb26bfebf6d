"""Tables from frames (cvbook.render.tables): facts are text, nothing a hash-only CSP blocks, every
cell names its column (the phone layout), live markup exactly where a duration runs to today."""

from __future__ import annotations

import pandas as pd
import pytest
from lxml import html as lxml_html

from cvbook.content.loader import load_book
from cvbook.model import frames
from cvbook.render import tables
from synthetic import PINNED_DATE, make_book, position

COMPANY = "NDA </script><script>alert(1)</script> & <b>Agency</b>"
SKILL = "R&D <Go>"


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory):
    profile = {"name": "A", "headline": "B", "description": "C",
               "skills": {"Back<end>": [SKILL, "grpc"], "Ops": ["TDD"]}}  # fmt: skip
    positions = {
        "a": position(COMPANY, "Lead <i>", "2024-01", "present", stack=[SKILL, "Redis"]),
        "b": position("Before", "Dev", "2020-01", "2021-06", stack=["Redis"]),
    }
    return load_book(make_book(tmp_path_factory.mktemp("tables") / "book", profile=profile, positions=positions),
                     as_of=PINNED_DATE)  # fmt: skip


@pytest.fixture(scope="module")
def rendered(book) -> dict[str, str]:
    positions = frames.positions_frame(book)
    union = frames.union_frame(positions)
    skills = frames.skills_frame(book, frames.skill_periods_frame(book, frames.stacks_frame(book)))
    return {
        "positions": tables.positions_table(positions).markup,
        "union": tables.union_table(union).markup,
        "total": tables.experience_total(positions, frames.total(union)).markup,
        "skills": tables.skills_table(skills).markup,
        "names": tables.skill_names(frames.listed_only_frame(book, skills)).markup,
    }


def test_facts_stay_text(rendered) -> None:
    for markup in rendered.values():
        tree = lxml_html.fragment_fromstring(markup, create_parent="div")
        assert not tree.xpath("//script | //b | //i")
    assert COMPANY in lxml_html.fragment_fromstring(rendered["positions"]).text_content()
    assert SKILL in lxml_html.fragment_fromstring(rendered["skills"]).text_content()


def test_nothing_a_csp_blocks_and_every_cell_names_its_column(rendered) -> None:
    for markup in rendered.values():
        tree = lxml_html.fragment_fromstring(markup, create_parent="div")
        assert not tree.xpath("//*[@style] | //style")
    for name in ("positions", "union", "skills"):
        tree = lxml_html.fragment_fromstring(rendered[name])
        cells = tree.xpath("//tbody//td | //tbody//th[@scope='row']")
        assert cells and all(cell.get("data-label") for cell in cells)


def test_live_markup_only_where_a_duration_runs_to_today(rendered) -> None:
    positions = lxml_html.fragment_fromstring(rendered["positions"])
    rows = positions.xpath("//tbody/tr")
    assert [bool(row.xpath(".//span[@class='cv-duration']")) for row in rows] == [True, False]
    union = lxml_html.fragment_fromstring(rendered["union"])
    assert [bool(row.xpath(".//span[@class='cv-duration']")) for row in union.xpath("//tbody/tr")] == [
        False,
        True,
    ]
    assert "cv-duration" in rendered["total"]


def test_skills_rows_have_time_and_the_rest_are_names_under_their_group(rendered) -> None:
    skills = lxml_html.fragment_fromstring(rendered["skills"])
    names = [cell.text_content() for cell in skills.xpath("//tbody/tr/th[@scope='row']")]
    assert names == [SKILL, "Redis"]
    assert all(cell.text_content().strip() for cell in skills.xpath("//tbody//td"))  # no empty time cell
    listed = lxml_html.fragment_fromstring(rendered["names"])
    assert [label.text_content() for label in listed.xpath("//span[@class='cv-label']")] == [
        "Back<end>",
        "Ops",
    ]
    assert [item.text_content() for item in listed.xpath("//li")] == ["grpc", "TDD"]
    assert "Redis" not in rendered["names"]


def test_stacked_table_escapes_all_but_markup_columns() -> None:
    frame = pd.DataFrame({"Name": ["<b>x</b>"], "Html": ["<em>ok</em>"]})
    tree = lxml_html.fragment_fromstring(tables.stacked_table(frame, caption="c", markup=["Html"]).markup)
    assert not tree.xpath("//b") and tree.xpath("//td//em")
