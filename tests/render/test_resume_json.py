"""resume.json (JSON Resume 1.0.0): the facts as data (the home page's JSON-LD: test_jsonld.py).

On synthetic books (tests/synthetic.py): every expected value comes from the book's
own facts. The schema is the official npm package ``@jsonresume/schema``, pinned in
package-lock.json and installed into node_modules by `make test` (``npm ci``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, FormatChecker
from PIL import Image

from cvbook.content.files import split_front_matter
from cvbook.content.loader import load_book
from cvbook.model.book import Book
from cvbook.render import resume_json
from synthetic import CONTACTS, PINNED_DATE, POSITIONS, PROFILE, REPO, make_book

SCHEMA_PACKAGE = REPO / "node_modules" / "@jsonresume" / "schema"
SITE = "https://example.org/cv/"
CONTACT_KEYS = {"email", "phone", "location", "profiles", "image"}
# Sections the book gives no facts for: writing any would invent something.
UNSTATED_SECTIONS = {
    "education",
    "languages",
    "volunteer",
    "awards",
    "certificates",
    "publications",
    "references",
}
HOSTILE = ["NDA </script> & <b>Agency</b>", "#let x = 1", '*bold* `code` "q" \\ é 🙂']


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    path = SCHEMA_PACKAGE / "schema.json"
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make test` (it runs `npm ci`) or `npm ci`")
    return json.loads(path.read_text(encoding="utf-8"))


def contact_book(root: Path, site: str | None = SITE) -> Book:
    make_book(root, profile={**PROFILE, **CONTACTS})
    Image.new("RGB", (8, 8)).save(root / CONTACTS["image"])
    return load_book(root, as_of=PINNED_DATE, environ={"SITE_URL": site} if site else {})


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Book:
    return load_book(make_book(tmp_path_factory.mktemp("plain") / "book"), as_of=PINNED_DATE, environ={})


@pytest.fixture(scope="module")
def with_contacts(tmp_path_factory: pytest.TempPathFactory) -> Book:
    return contact_book(tmp_path_factory.mktemp("contacts") / "book")


def document(book: Book) -> dict[str, Any]:
    return json.loads(resume_json.render(book))


def schema_errors(data: dict, schema: dict) -> list[str]:
    Draft7Validator.check_schema(schema)
    validator = Draft7Validator(schema, format_checker=FormatChecker())
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(data)]


def node_validator_errors(path: Path) -> str:
    """The schema package's own validator, run by Node (as a JSON Resume tool would)."""
    node = shutil.which("node")
    if not node:
        pytest.fail("node is not installed (Node.js 20 runs the schema package's validator)")
    script = (
        "const { validate } = require('@jsonresume/schema');"
        "const resume = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));"
        "validate(resume, (errors, valid) => {"
        " if (!valid) { console.error(JSON.stringify(errors, null, 2)); process.exit(1); } });"
    )
    result = subprocess.run(
        [node, "-e", script, str(path)], cwd=REPO, capture_output=True, text=True, check=False
    )
    return "" if result.returncode == 0 else result.stderr or "invalid"


# --- resume.json ------------------------------------------------------------------


@pytest.mark.system  # Node.js and the schema from npm (node_modules)
@pytest.mark.parametrize("which", ["plain", "with_contacts"])
def test_valid_against_the_official_schema(
    request: pytest.FixtureRequest, which: str, schema: dict, tmp_path: Path
) -> None:
    book = request.getfixturevalue(which)
    path = tmp_path / "resume.json"
    path.write_bytes(resume_json.render(book))
    data = json.loads(path.read_bytes())
    assert not schema_errors(data, schema)
    assert not node_validator_errors(path)
    # The schema allows extra keys, so a misspelt one ("startdate") would pass: check the names.
    properties = schema["properties"]
    assert set(data) <= set(properties)
    assert set(data["basics"]) <= set(properties["basics"]["properties"])
    assert set(data["meta"]) <= set(properties["meta"]["properties"])
    for entry in data["work"]:
        assert set(entry) <= set(properties["work"]["items"]["properties"])


def test_the_contacts_that_are_set_are_in_basics(with_contacts: Book) -> None:
    basics = document(with_contacts)["basics"]
    assert {key: basics[key] for key in ("email", "phone", "location", "profiles")} == {
        key: CONTACTS[key] for key in ("email", "phone", "location", "profiles")
    }
    assert basics["image"] == SITE + CONTACTS["image"]
    assert basics["url"] == SITE
    assert "handle" not in json.dumps(basics)


def test_no_contact_is_invented(plain: Book) -> None:
    data = document(plain)
    assert not CONTACT_KEYS & set(data["basics"])
    assert not UNSTATED_SECTIONS & set(data)
    assert "url" not in data["basics"] and "canonical" not in data["meta"]


def test_an_image_without_a_site_address_is_left_out(tmp_path: Path) -> None:
    basics = document(contact_book(tmp_path / "book", site=None))["basics"]
    assert "image" not in basics and basics["email"] == CONTACTS["email"]


def test_work_entries_are_the_positions_front_matter_and_bullets(plain: Book) -> None:
    work = document(plain)["work"]
    assert len(work) == len(plain.positions)
    for entry, page in zip(work, plain.positions, strict=True):
        facts, _ = split_front_matter(page.path)
        expected = {"name": facts["company"], "position": facts["role"], "startDate": facts["start"],
                    "highlights": [bullet.short_form for bullet in page.bullets]}  # fmt: skip
        if facts["end"] != "present":
            expected["endDate"] = facts["end"]
        if facts["mode"] == "remote":
            expected["location"] = "Remote"
        if "description" in facts:
            expected["summary"] = facts["description"]
        assert entry == expected, page.path.name


def test_it_says_what_date_it_describes(plain: Book) -> None:
    assert document(plain)["meta"]["lastModified"] == f"{PINNED_DATE.isoformat()}T00:00:00"


def test_rendering_is_stable_utf8_json(plain: Book) -> None:
    data = resume_json.render(plain)
    assert data == resume_json.render(plain) and data.endswith(b"\n")
    data.decode("utf-8")


# --- facts are text -----------------------------------------------------------------


@pytest.mark.parametrize("fact", HOSTILE)
def test_markup_shaped_facts_come_back_as_the_same_text(tmp_path: Path, fact: str) -> None:
    positions = {**POSITIONS, "alpha": {**POSITIONS["alpha"], "company": fact, "role": fact}}
    root = make_book(tmp_path / "book", profile={**PROFILE, "headline": fact}, positions=positions)
    book = load_book(root, as_of=PINNED_DATE, environ={})
    data = document(book)
    assert (data["basics"]["label"], data["work"][0]["name"], data["work"][0]["position"]) == (
        fact,
        fact,
        fact,
    )


# --- the site -----------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.system  # the schema from npm
def test_the_build_writes_resume_json_and_the_intro_links_it(synthetic_site: Path, schema: dict) -> None:
    built = json.loads((synthetic_site / "resume.json").read_bytes())
    assert not schema_errors(built, schema)
    assert 'href="resume.json"' in (synthetic_site / "index.html").read_text(encoding="utf-8")
