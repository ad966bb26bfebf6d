"""Contacts and an avatar, once the owner sets them, reach every output of a build:
the home page's first screen, cv.pdf, resume.json and the search engines' data."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import html as lxml_html
from PIL import Image

from synthetic import CONTACTS, PROFILE, assert_clean_build, build_book, make_book

pytestmark = pytest.mark.build

SITE = "https://example.org/cv/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_book(tmp_path_factory.mktemp("contacts") / "book", profile={**PROFILE, **CONTACTS})
    Image.new("RGB", (64, 64), "teal").save(root / CONTACTS["image"])
    assert_clean_build(build_book(root, env={"SITE_URL": SITE}))
    return root / "_build" / "html"


def test_the_home_page_shows_every_contact_and_the_avatar(site: Path) -> None:
    home = lxml_html.parse(str(site / "index.html")).getroot()
    links = [unquote(link) for link in home.xpath("//a/@href")]
    assert f"mailto:{CONTACTS['email']}" in links
    assert "tel:+493012345678" in links
    assert CONTACTS["profiles"][0]["url"] in links
    assert CONTACTS["location"]["city"] in home.text_content()
    (avatar,) = home.xpath("//img[contains(@class, 'cv-avatar')]")
    assert avatar.get("alt") == PROFILE["name"]
    assert (site / avatar.get("src")).is_file()


def test_resume_json_and_json_ld_carry_them(site: Path) -> None:
    basics = json.loads((site / "resume.json").read_text(encoding="utf-8"))["basics"]
    assert (basics["email"], basics["phone"]) == (CONTACTS["email"], CONTACTS["phone"])
    assert basics["location"] == CONTACTS["location"]
    assert basics["profiles"][0]["url"] == CONTACTS["profiles"][0]["url"]
    assert basics["image"] == SITE + CONTACTS["image"]
    assert (site / CONTACTS["image"]).is_file(), "the avatar is published where resume.json says"
    home = lxml_html.parse(str(site / "index.html")).getroot()
    (script,) = home.xpath('//script[@type="application/ld+json"]')
    page = json.loads(script.text)
    assert page["@type"] == "ProfilePage"
    person = page["mainEntity"]
    assert CONTACTS["email"] in person["email"]
    assert person["sameAs"] == [CONTACTS["profiles"][0]["url"]]
    assert person["image"] == SITE + CONTACTS["image"]


@pytest.mark.system
def test_cv_pdf_lists_them(site: Path) -> None:
    text = subprocess.run(
        ["pdftotext", str(site / "cv.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    for contact in (CONTACTS["email"], CONTACTS["phone"], CONTACTS["location"]["city"], "github.com/someone"):
        assert contact in text, contact
