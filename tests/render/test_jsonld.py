"""The home page's JSON-LD: a schema.org ProfilePage whose main entity is the owner, a Person,
from a synthetic book's facts and the date his content last changed.

Google's profile-page markup: ProfilePage requires mainEntity and recommends dateModified;
Person requires name and recommends description, image and sameAs, given here only when set.
https://developers.google.com/search/docs/appearance/structured-data/profile-page
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from lxml import html as lxml_html
from PIL import Image

from cvbook.content.loader import load_book
from cvbook.model.book import Book
from cvbook.render import jsonld
from synthetic import CONTACTS, PINNED_DATE, PROFILE, make_book

SITE = "https://example.org/cv/"
MODIFIED = dt.datetime(2026, 2, 3, 4, 5, 6, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Book:
    return load_book(make_book(tmp_path_factory.mktemp("plain") / "book"), as_of=PINNED_DATE, environ={})


@pytest.fixture(scope="module")
def with_contacts(tmp_path_factory: pytest.TempPathFactory) -> Book:
    root = make_book(tmp_path_factory.mktemp("contacts") / "book", profile={**PROFILE, **CONTACTS})
    Image.new("RGB", (8, 8)).save(root / CONTACTS["image"])
    return load_book(root, as_of=PINNED_DATE, environ={"SITE_URL": SITE})


def parsed(book: Book, modified: dt.date | dt.datetime = MODIFIED) -> dict[str, Any]:
    """The script tag as a browser's HTML parser and then a JSON parser read it."""
    tag = jsonld.script_tag(book, modified)
    (script,) = lxml_html.fragment_fromstring(tag, create_parent="div").xpath("//script")
    assert script.get("type") == "application/ld+json"
    assert "</" not in script.text
    return json.loads(script.text)


def test_it_is_a_profile_page_about_the_owner(plain: Book) -> None:
    data = parsed(plain)
    assert (data["@context"], data["@type"]) == ("https://schema.org", "ProfilePage")
    assert data["dateModified"] == MODIFIED.isoformat()
    person = data["mainEntity"]
    assert person["@type"] == "Person" and "@context" not in person
    assert person["name"] == PROFILE["name"]
    assert person["jobTitle"] == PROFILE["headline"]
    assert person["description"] == PROFILE["description"]
    assert person["knowsAbout"] == [skill for skills in PROFILE["skills"].values() for skill in skills]


def test_it_states_nothing_unset(plain: Book) -> None:
    data = parsed(plain)
    assert "url" not in data
    unset = {"email", "sameAs", "image", "address", "telephone", "alternateName", "url"}
    assert not unset & set(data["mainEntity"])


def test_it_carries_the_address_and_the_contacts_that_are_set(with_contacts: Book) -> None:
    data = parsed(with_contacts)
    assert data["url"] == SITE
    person = data["mainEntity"]
    assert person["url"] == SITE
    assert person["email"] == "mailto:" + CONTACTS["email"]
    assert person["sameAs"] == [CONTACTS["profiles"][0]["url"]]
    assert person["image"] == SITE + CONTACTS["image"]
    assert person["telephone"] == CONTACTS["phone"]
    assert person["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Sample City",
        "addressCountry": "DE",
    }


def test_a_date_without_a_time_is_an_iso_date(plain: Book) -> None:
    assert parsed(plain, PINNED_DATE)["dateModified"] == PINNED_DATE.isoformat()


# --- the date of the last change to his content --------------------------------------
