"""Reading the book's content: front matter in, validated objects out.

This is the only place that reads intro.md and experience/*.md for facts. Every
derived artefact (durations, the skills timeline, cv.pdf, resume.json, JSON-LD)
starts from ``load_book()``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from ..model.book import Book, ExperiencePage
from ..model.facts import Position, Profile, SelfDevelopment
from ..model.months import format_month
from . import clock
from .errors import ContentError
from .files import split_front_matter
from .markdown import bullets, section_paragraphs
from .settings import load_settings
from .validation import validate

INTRO = "intro.md"
SELF_DEVELOPMENT = "self-development.md"
EXPERIENCE_DIR = "experience"
SUMMARY_HEADING = "In short"
# The heading as it was typed when headings carried their trailing underscore; the theme
# draws it now, so a heading still typed that way names the file rather than go unread.
STALE_SUMMARY_HEADING = f"{SUMMARY_HEADING}_"
T = TypeVar("T")


def find_root(start: Path | None = None) -> Path:
    """The book's folder: the nearest folder at or above ``start`` holding _config.yml."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "_config.yml").is_file():
            return folder
    raise ContentError(start, None, "no _config.yml here or in any parent folder; is this the book?")


def load_profile(root: Path) -> tuple[Profile, tuple[str, ...]]:
    path = root / INTRO
    data, body = split_front_matter(path)
    profile = validate(Profile, data, path)
    if profile.image is not None and not (root / profile.image).is_file():
        raise ContentError(path, "image", f"no file at {profile.image!r} (a path from the book's folder)")
    summary = tuple(section_paragraphs(body, SUMMARY_HEADING))
    if not summary and section_paragraphs(body, STALE_SUMMARY_HEADING):
        raise ContentError(
            path,
            None,
            f"rename '## {STALE_SUMMARY_HEADING}' to '## {SUMMARY_HEADING}': the theme draws the trailing underscore",
        )
    if not summary:
        raise ContentError(
            path, None, f"expected a '## {SUMMARY_HEADING}' section with at least one paragraph"
        )
    return profile, summary


def contact_notice(profile: Profile) -> str | None:
    """One line when the owner has set no way to reach him (neither ``email`` nor ``profiles``):
    a notice, not a problem, since only he can supply them. `make check` and the build print it."""
    if profile.email or profile.profiles:
        return None
    return (
        f"cvbook: no contact (set email or profiles in {INTRO}); "
        "the site, cv.pdf and resume.json offer no way to reach you"
    )


def load_self_development(root: Path) -> SelfDevelopment:
    path = root / SELF_DEVELOPMENT
    if not path.exists():
        return SelfDevelopment()
    data, _ = split_front_matter(path)
    return validate(SelfDevelopment, data, path)


def position_files(root: Path) -> list[Path]:
    """Every ``experience/*.md`` but the index: one file a position, nothing to register."""
    return [path for path in sorted((root / EXPERIENCE_DIR).glob("*.md")) if path.name != "index.md"]


def load_position(root: Path, path: Path, as_of: dt.date) -> ExperiencePage:
    data, body = split_front_matter(path)
    position = validate(Position, data, path)
    if position.start > as_of:
        raise ContentError(path, "start", f"{format_month(position.start)} is after the as-of date {as_of}")
    docname = path.relative_to(root).with_suffix("").as_posix()
    story = tuple(bullets(body))
    return ExperiencePage(docname, path, position, tuple(bullet.lead for bullet in story), story)


def newest_first(pages: Iterable[ExperiencePage]) -> tuple[ExperiencePage, ...]:
    """By start, then end (current last among equal starts), newest first; the file name breaks ties."""
    return tuple(
        sorted(
            pages,
            key=lambda page: (page.position.start, page.position.end or dt.date.max, page.docname),
            reverse=True,
        )
    )


def load_positions(root: Path, as_of: dt.date) -> tuple[ExperiencePage, ...]:
    """Every position, validated, newest first."""
    paths = position_files(root)
    if not paths:
        raise ContentError(root / EXPERIENCE_DIR, None, "no positions found (expected experience/*.md)")
    pages = [load_position(root, path, as_of) for path in paths]
    _check_one_current_per_role(pages)
    return newest_first(pages)


def _check_one_current_per_role(pages: list[ExperiencePage]) -> None:
    seen: dict[tuple[str, str], Path] = {}
    for page in pages:
        if page.position.is_current:
            key = (page.position.company.casefold(), page.position.role.casefold())
            if key in seen:
                raise ContentError(
                    page.path,
                    "end",
                    f"'present' again for {page.position.role} at {page.position.company} "
                    f"(already current in {seen[key].name})",
                )
            seen[key] = page.path


def load_book(
    root: Path | str | None = None,
    as_of: dt.date | str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Book:
    """Load and validate the book at ``root`` (default: found from the current folder).

    ``as_of``, a date or an ISO date string (``"2026-12-01"``), defaults to the build's today
    (cvbook.content.clock); ``environ`` to the process environment, read for SITE_URL.
    """
    root = find_root(Path(root) if root else None)
    environ = os.environ if environ is None else environ
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)  # ValueError names the string
    as_of = as_of or clock.as_of_date(environ)
    settings = load_settings(root, environ)
    profile, summary = load_profile(root)
    return Book(
        root, as_of, profile, summary, load_positions(root, as_of), load_self_development(root), settings
    )


def problems(root: Path | str | None = None, as_of: dt.date | None = None) -> list[ContentError]:
    """Every problem in the book's content, each its own ContentError; empty when all is well.

    Files are checked one by one, so a mistake in one does not hide mistakes in another.
    """
    try:
        root = find_root(Path(root) if root else None)
        as_of = as_of or clock.as_of_date()
    except ContentError as error:
        return list(error.all)
    found: list[ContentError] = []

    def check(load: Callable[[], T]) -> T | None:
        try:
            return load()
        except ContentError as error:
            found.extend(error.all)
            return None

    check(lambda: load_settings(root, os.environ))
    check(lambda: load_profile(root))
    check(lambda: load_self_development(root))
    paths = position_files(root)
    if not paths:
        found.append(
            ContentError(root / EXPERIENCE_DIR, None, "no positions found (expected experience/*.md)")
        )
    pages = [page for path in paths if (page := check(lambda path=path: load_position(root, path, as_of)))]
    check(lambda: _check_one_current_per_role(pages))
    return found
