"""Reading the book's content: front matter in, validated objects out.

This is the only place that reads intro.md and experience/*.md for facts. Every
derived artefact (durations, the skills timeline, cv.pdf, resume.json, JSON-LD)
starts from ``load_book()``.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from . import clock
from .durations import Duration, Interval
from .errors import ContentError
from .markdown import bold_leads, section_paragraphs
from .model import Position, Profile
from .months import format_month

if TYPE_CHECKING:
    import pandas as pd

CONFIG = "_config.yml"
INTRO = "intro.md"
EXPERIENCE_DIR = "experience"
SUMMARY_HEADING = "In short_"
FENCE = "---\n"  # opens and closes front matter
Model = TypeVar("Model", bound=BaseModel)


def find_root(start: Path | None = None) -> Path:
    """The book's folder: the nearest folder at or above ``start`` holding _config.yml."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "_config.yml").is_file():
            return folder
    raise ContentError(start, None, "no _config.yml here or in any parent folder; is this the book?")


def front_matter_parts(text: str) -> tuple[str, str] | None:
    """``(YAML between the '---' lines, body after them)``, or None without front matter."""
    if not text.startswith(FENCE):
        return None
    head, separator, body = text[len(FENCE) :].partition(f"\n{FENCE}")
    return (head, body) if separator else None


def split_front_matter(path: Path) -> tuple[dict[str, Any], str]:
    """``(front matter as a dict, body)`` of a Markdown file."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith(FENCE):
        raise ContentError(path, None, "expected YAML front matter between '---' lines at the top")
    parts = front_matter_parts(text)
    if parts is None:
        raise ContentError(path, None, "front matter has no closing '---' line")
    head, body = parts
    try:
        data = yaml.safe_load(head) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark else ""
        raise ContentError(path, None, f"front matter is not valid YAML{line}") from None
    if not isinstance(data, dict):
        raise ContentError(path, None, "front matter must be a mapping of keys to values")
    return data, body


def validate(model: type[Model], data: dict[str, Any], path: Path) -> Model:
    """``model(**data)``, with the first problem reported as a ContentError."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        # An unknown key first: a misspelt key also makes the right one "missing".
        problem = min(error.errors(), key=lambda problem: problem["type"] != "extra_forbidden")
        field = ".".join(str(part) for part in problem["loc"]) or None
        if problem["type"] == "extra_forbidden":
            message = _unknown_key_message(str(field), list(model.model_fields))
        elif problem["type"] == "missing":
            message = "required key is missing"
        else:
            message = problem["msg"].removeprefix("Value error, ")
        more = error.error_count() - 1
        if more:
            message += f" (and {more} more problem{'s' if more > 1 else ''})"
        raise ContentError(path, field, message) from None


def _unknown_key_message(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    suggestion = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown key ({suggestion}allowed keys: {', '.join(allowed)})"


@dataclass(frozen=True)
class ExperiencePage:
    """A position together with where it came from and what its story highlights."""

    docname: str
    path: Path
    position: Position
    highlights: tuple[str, ...]

    def interval(self, as_of: dt.date) -> Interval:
        """The days this position covers as of ``as_of`` (rules 1-3 in cvbook.durations)."""
        end = self.position.end_exclusive or as_of
        return Interval(self.position.start, min(end, as_of))

    def duration(self, as_of: dt.date) -> Duration:
        return Duration.of([self.interval(as_of)])


@dataclass(frozen=True)
class Book:
    """Everything the book states about its owner, validated, as of one date."""

    root: Path
    as_of: dt.date
    profile: Profile
    summary: tuple[str, ...]
    positions: tuple[ExperiencePage, ...]  # newest first
    site_url: str | None = None  # html.baseurl in _config.yml: where the site is published

    @cached_property
    def experience(self) -> Duration:
        """Total experience: the union of all positions."""
        return Duration.of(page.interval(self.as_of) for page in self.positions)

    def positions_frame(self) -> pd.DataFrame:
        """One row per position, newest first, with its duration as of ``as_of``."""
        import pandas as pd

        rows = []
        for page in self.positions:
            position, duration = page.position, page.duration(self.as_of)
            rows.append(
                {
                    "company": position.company,
                    "role": position.role,
                    "mode": position.mode,
                    "start": format_month(position.start),
                    "end": "present" if position.end is None else format_month(position.end),
                    "duration": duration.label,
                    "days": duration.total_days,
                }
            )
        return pd.DataFrame(rows)


def load_profile(root: Path) -> tuple[Profile, tuple[str, ...]]:
    path = root / INTRO
    data, body = split_front_matter(path)
    profile = validate(Profile, data, path)
    summary = tuple(section_paragraphs(body, SUMMARY_HEADING))
    if not summary:
        raise ContentError(path, None, f"expected a '## {SUMMARY_HEADING}' section with at least one paragraph")
    return profile, summary


def load_positions(root: Path, as_of: dt.date) -> tuple[ExperiencePage, ...]:
    """Every ``experience/*.md`` except the index, validated, newest first."""
    pages = []
    for path in sorted((root / EXPERIENCE_DIR).glob("*.md")):
        if path.name == "index.md":
            continue
        data, body = split_front_matter(path)
        position = validate(Position, data, path)
        if position.start > as_of:
            raise ContentError(path, "start", f"{format_month(position.start)} is after the as-of date {as_of}")
        docname = path.relative_to(root).with_suffix("").as_posix()
        pages.append(ExperiencePage(docname, path, position, tuple(bold_leads(body))))
    if not pages:
        raise ContentError(root / EXPERIENCE_DIR, None, "no positions found (expected experience/*.md)")
    _check_one_current_per_role(pages)
    pages.sort(key=lambda page: (page.position.start, page.position.end or dt.date.max), reverse=True)
    return tuple(pages)


def _check_one_current_per_role(pages: list[ExperiencePage]) -> None:
    seen: dict[tuple[str, str], Path] = {}
    for page in pages:
        if page.position.is_current:
            key = (page.position.company.casefold(), page.position.role.casefold())
            if key in seen:
                raise ContentError(
                    page.path, "end", f"'present' again for {page.position.role} at {page.position.company} "
                    f"(already current in {seen[key].name})"
                )
            seen[key] = page.path


def load_book(root: Path | str | None = None, as_of: dt.date | None = None) -> Book:
    """Load and validate the book at ``root`` (default: found from the current folder)."""
    root = find_root(Path(root) if root else None)
    as_of = as_of or clock.as_of_date()
    profile, summary = load_profile(root)
    return Book(root, as_of, profile, summary, load_positions(root, as_of), load_site_url(root))


def load_site_url(root: Path) -> str | None:
    """The published site's address (``html.baseurl`` in _config.yml) ending in "/", or None when unset."""
    path = root / CONFIG
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        raise ContentError(path, None, "not valid YAML") from None
    html = config.get("html") if isinstance(config, dict) else None
    url = html.get("baseurl") if isinstance(html, dict) else None
    if not url:
        return None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise ContentError(path, "html.baseurl", f"expected an absolute http(s) URL, got {url!r}")
    # Relative links are joined onto it, which drops its last segment unless it ends in "/".
    return url.rstrip("/") + "/"
