"""resume.json: valid JSON Resume, built from the same facts as the pages (issue 8).

The schema comes from the official npm package ``@jsonresume/schema``, pinned in
package-lock.json and installed into node_modules by `make test` (``npm ci``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator, FormatChecker

from synthetic import REPO
from cvbook import resume_json
from cvbook.content import Book, load_book, split_front_matter

SCHEMA_PACKAGE = REPO / "node_modules" / "@jsonresume" / "schema"
# Keys the résumé gives no facts for: writing any of them would invent something.
UNSTATED_BASICS = {"email", "phone", "location", "profiles", "image"}
UNSTATED_SECTIONS = {
    "education",
    "languages",
    "volunteer",
    "awards",
    "certificates",
    "publications",
    "references",
}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    path = SCHEMA_PACKAGE / "schema.json"
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make test` (it runs `npm ci`) or `npm ci`")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def book() -> Book:
    return load_book(REPO)


@pytest.fixture(scope="module")
def document(book: Book) -> dict[str, Any]:
    return json.loads(resume_json.render(book))


@pytest.mark.build
def test_the_build_writes_resume_json_from_the_facts(built_book: Path, book: Book) -> None:
    # The built copy of the book has the same facts as REPO; it is read with its own root.
    built = json.loads((built_book / "resume.json").read_bytes())
    assert built == json.loads(resume_json.render(load_book(built_book.parents[1], as_of=book.as_of)))


@pytest.mark.build
def test_the_intro_links_to_resume_json(built_book: Path) -> None:
    intro = (built_book / "intro.html").read_text(encoding="utf-8")
    assert 'href="resume.json"' in intro
    assert (built_book / "resume.json").is_file()


@pytest.mark.build
def test_built_resume_json_is_valid_against_the_official_schema(built_book: Path, schema: dict) -> None:
    document = json.loads((built_book / "resume.json").read_bytes())
    errors = [f"{list(error.path)}: {error.message}" for error in _validator(schema).iter_errors(document)]
    assert not errors, "\n".join(errors)


@pytest.mark.build
def test_the_packages_own_validator_accepts_it(built_book: Path) -> None:
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
        [node, "-e", script, str(built_book / "resume.json")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_every_key_written_is_one_the_schema_declares(document: dict, schema: dict) -> None:
    """The schema allows any extra key, so a misspelt one ("startdate") would pass validation."""
    properties = schema["properties"]
    assert set(document) <= set(properties)
    assert set(document["basics"]) <= set(properties["basics"]["properties"])
    assert set(document["meta"]) <= set(properties["meta"]["properties"])
    for entry in document["work"]:
        assert set(entry) <= set(properties["work"]["items"]["properties"])
    for skill in document["skills"]:
        assert set(skill) <= set(properties["skills"]["items"]["properties"])


def test_work_entries_match_the_positions_front_matter(document: dict, book: Book) -> None:
    """Field by field, against the raw front matter (not the model the renderer also uses)."""
    assert len(document["work"]) == len(book.positions) == 4
    for entry, page in zip(document["work"], book.positions, strict=True):
        facts, _ = split_front_matter(page.path)
        expected = {
            "name": facts["company"],
            "position": facts["role"],
            "startDate": facts["start"],
            "summary": facts["description"],
            "highlights": list(page.highlights),
        }
        if facts["end"] != "present":
            expected["endDate"] = facts["end"]
        if facts["mode"] == "remote":
            expected["location"] = "Remote"
        assert entry == expected, page.path.name


def test_every_position_has_highlights_from_its_bold_leads(document: dict) -> None:
    for entry in document["work"]:
        assert len(entry["highlights"]) >= 3, entry["name"]
        assert all(highlight and not highlight.endswith(".") for highlight in entry["highlights"])


def test_the_current_position_has_no_end_date(document: dict) -> None:
    current = [entry for entry in document["work"] if "endDate" not in entry]
    assert [entry["name"] for entry in current] == ["NDA Performance Marketing Agency"]
    assert current[0]["startDate"] == "2025-09"


def test_basics_are_the_intros_facts_and_the_site(document: dict, book: Book) -> None:
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    basics = document["basics"]
    assert basics["name"] == book.profile.name == "Mark Arapov"
    assert basics["label"] == book.profile.headline
    assert basics["url"] == config["html"]["baseurl"]
    assert basics["summary"].split("\n\n") == list(book.summary)
    assert document["meta"]["canonical"] == config["html"]["baseurl"] + "resume.json"


def test_skills_are_the_intros_groups_in_order(document: dict, book: Book) -> None:
    assert document["skills"] == [
        {"name": group, "keywords": items} for group, items in book.profile.skills.items()
    ]


def test_nothing_unstated_is_invented(document: dict) -> None:
    assert not UNSTATED_BASICS & set(document["basics"])
    assert not UNSTATED_SECTIONS & set(document)
    assert all("url" not in entry for entry in document["work"])


def test_without_a_site_url_no_address_is_written(book: Book) -> None:
    document = resume_json.resume(Book(book.root, book.as_of, book.profile, book.summary, book.positions))
    assert "url" not in document["basics"]
    assert "canonical" not in document["meta"]


def test_rendering_is_stable_utf8_json(book: Book) -> None:
    data = resume_json.render(book)
    assert data == resume_json.render(book)
    assert data.endswith(b"\n")
    assert "Arapov" in data.decode("utf-8")


def _validator(schema: dict) -> Draft7Validator:
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=FormatChecker())
