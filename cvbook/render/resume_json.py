"""resume.json: the book's facts in the JSON Resume 1.0.0 format (https://jsonresume.org/schema).

Only what the content states is written: contacts, profiles and the avatar only when
the owner set them, and none of the format's other sections (education, spoken
languages, awards...), because an empty section would claim "none" where the truth is
"not stated". The work highlights are the experience pages' bullets in short form.
JSON Resume has no field for a duration, so none is written; ``meta.lastModified``
is the as-of date the whole document describes.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from ..model.book import Book, ExperiencePage
from ..model.months import format_month

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
        "meta": {"version": SCHEMA_VERSION, "lastModified": f"{book.as_of.isoformat()}T00:00:00"},
    }
    if book.site_url:
        document["meta"]["canonical"] = urljoin(book.site_url, FILE_NAME)
    return document


def basics(book: Book) -> JsonObject:
    profile = book.profile
    entry: JsonObject = {"name": profile.name, "label": profile.headline}
    if profile.image and book.site_url:
        # The schema wants a URL; a path would only resolve next to this file by luck.
        entry["image"] = urljoin(book.site_url, profile.image)
    if profile.email:
        entry["email"] = profile.email
    if profile.phone:
        entry["phone"] = profile.phone
    if book.site_url:
        entry["url"] = book.site_url
    entry["summary"] = "\n\n".join(book.summary)
    if profile.location:
        entry["location"] = profile.location.model_dump(exclude_none=True)
    if profile.profiles:
        entry["profiles"] = [link.model_dump(exclude_none=True) for link in profile.profiles]
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
    if page.bullets:
        entry["highlights"] = [bullet.short_form for bullet in page.bullets]
    return entry


def skills(book: Book) -> list[JsonObject]:
    """The intro's skill groups, in display order: one skill per group, its items as keywords."""
    return [{"name": group, "keywords": list(items)} for group, items in book.profile.skills.items()]
