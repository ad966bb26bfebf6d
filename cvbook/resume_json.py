"""resume.json: the book's facts in the JSON Resume 1.0.0 format (https://jsonresume.org/schema).

Only what the content states is written. The format's other sections (education,
spoken languages, contact details, profiles) stay out because the owner gave no
such facts; an empty section would claim "none" where the truth is "not stated".
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from .content import Book, ExperiencePage
from .months import format_month

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
SCHEMA_VERSION = "v1.0.0"
FILE_NAME = "resume.json"

JsonObject = dict[str, Any]


def render(book: Book) -> bytes:
    """The whole document, as UTF-8 bytes, stable for the same facts (ARTEFACTS entry)."""
    return (json.dumps(resume(book), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def resume(book: Book) -> JsonObject:
    document: JsonObject = {
        "$schema": SCHEMA_URL,
        "basics": basics(book),
        "work": [work_entry(page) for page in book.positions],
        "skills": skills(book),
        "meta": {"version": SCHEMA_VERSION},
    }
    if book.site_url:
        document["meta"]["canonical"] = urljoin(book.site_url, FILE_NAME)
    return document


def basics(book: Book) -> JsonObject:
    entry: JsonObject = {
        "name": book.profile.name,
        "label": book.profile.headline,
        "summary": "\n\n".join(book.summary),
    }
    if book.site_url:
        entry["url"] = book.site_url
    return entry


def work_entry(page: ExperiencePage) -> JsonObject:
    """One position. A current position has no endDate, which JSON Resume reads as "present"."""
    position = page.position
    entry: JsonObject = {"name": position.company, "position": position.role}
    if position.mode == "remote":
        # The only place the résumé states; "office" names no city, so it gives no location.
        entry["location"] = "Remote"
    entry["startDate"] = format_month(position.start)
    if position.end is not None:
        entry["endDate"] = format_month(position.end)
    if position.description:
        entry["summary"] = position.description
    if page.highlights:
        entry["highlights"] = list(page.highlights)
    return entry


def skills(book: Book) -> list[JsonObject]:
    """The intro's skill groups, in display order: one skill per group, its items as keywords."""
    return [{"name": group, "keywords": list(items)} for group, items in book.profile.skills.items()]
