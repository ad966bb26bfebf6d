"""The pages' fact-driven parts (cvbook.site.pages): docutils nodes made from the facts, facts as text.

The built pages are checked in tests/site/test_head_html.py and tests/book/; these hold the
nodes themselves, without a build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from sphinx import addnodes

from cvbook.content.loader import load_book
from cvbook.model.book import Book
from cvbook.render.live import CLASS
from cvbook.site import pages
from synthetic import CONTACTS, PINNED_DATE, POSITIONS, PROFILE, make_book


def load(tmp_path: Path, **changes: Any) -> Book:
    return load_book(make_book(tmp_path / "book", **changes), as_of=PINNED_DATE, environ={})


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    return load(tmp_path_factory.mktemp("pages"))


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Mark Arapov", "MA"),
        ("alex example", "AE"),
        ("Cher", "C"),
        ("Anna Maria Schmidt", "AM"),
        ("  Jo  Doe ", "JD"),
    ],
)
def test_initials(name: str, initials: str) -> None:
    assert pages.initials(name) == initials


def test_a_current_positions_duration_is_live_a_finished_ones_text(book: Book) -> None:
    current, finished = book.positions[0], book.positions[-1]
    assert current.position.is_current and not finished.position.is_current
    (live,) = pages.duration([current], "label").children
    assert isinstance(live, nodes.raw) and f'class="{CLASS}"' in live.astext()
    (text,) = pages.duration([finished], "<b>label</b>").children
    assert isinstance(text, nodes.Text) and text.astext() == "<b>label</b>"  # a fact stays text


def test_no_contact_set_means_no_contact_list(book: Book) -> None:
    assert pages.contacts(book) is None


def test_the_contacts_set_are_listed_and_linked(tmp_path: Path) -> None:
    found = pages.contacts(
        load(tmp_path, profile={**PROFILE, **{k: v for k, v in CONTACTS.items() if k != "image"}})
    )
    assert found is not None
    links = [(ref.astext(), ref["refuri"]) for ref in found.findall(nodes.reference)]
    assert links == [
        (CONTACTS["email"], f"mailto:{CONTACTS['email']}"),
        (CONTACTS["phone"], "tel:+493012345678"),
        ("GitHub: someone", CONTACTS["profiles"][0]["url"]),
    ]
    assert "Sample City, DE" in found.astext()


def test_without_an_image_the_avatar_is_a_monogram(book: Book) -> None:
    avatar = pages.avatar(book)
    assert isinstance(avatar, pages.monogram)
    assert (avatar["initials"], avatar["name"]) == ("AE", PROFILE["name"])


def test_an_image_is_the_avatar(tmp_path: Path) -> None:
    book = load(tmp_path, profile={**PROFILE, "image": "_static/favicon.svg"})
    avatar = pages.avatar(book)
    assert isinstance(avatar, nodes.image) and avatar["uri"] == "/_static/favicon.svg"


def test_page_titles_are_facts(book: Book) -> None:
    assert pages.page_title(book, pages.HOME) == PROFILE["name"]
    assert pages.page_title(book, "experience/alpha") == POSITIONS["alpha"]["company"]
    assert pages.page_title(book, "blog/index") is None
    assert pages.position_of(book, "experience/bravo") is book.positions[1]
    assert pages.position_of(book, "experience/index") is None


def test_the_overview_links_each_position_newest_first(book: Book) -> None:
    sections = pages.positions_overview(book)
    assert [section["ids"] for section in sections] == [["position-alpha"], ["position-bravo"], ["position-charlie"],
                                                        ["position-delta"]]  # fmt: skip
    for section, page in zip(sections, book.positions, strict=True):
        targets = {xref["reftarget"] for xref in section.findall(addnodes.pending_xref)}
        assert targets == {f"/{page.docname}"}
        assert section.next_node(nodes.title).astext() == page.position.company


def test_descriptions_carry_no_duration_that_runs_to_today(book: Book) -> None:
    """Search results and link previews are read long after the build: no figure there grows stale."""
    described = [pages.page_description(book, docname) for docname in (pages.EXPERIENCE_INDEX, pages.HOME)]
    described += [pages.page_description(book, page.docname) for page in book.positions]
    running = [
        book.experience.label,
        *(p.duration(book.as_of).label for p in book.positions if p.position.is_current),
    ]
    for description in filter(None, described):
        assert not [label for label in running if label in description], description
    index = pages.page_description(book, pages.EXPERIENCE_INDEX) or ""
    assert all(page.position.company in index for page in book.positions)
