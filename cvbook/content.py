"""Reading the book's content: front matter in, validated objects out.

This is the only place that reads intro.md and experience/*.md for facts. Every
derived artefact (durations, the skills timeline, cv.pdf, resume.json, JSON-LD)
starts from ``load_book()``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from . import clock
from .durations import Duration, Interval, position_interval
from .errors import ContentError
from .markdown import Bullet, bullets, section_paragraphs
from .model import Position, Profile, SelfDevelopment
from .months import format_month

CONFIG = "_config.yml"
INTRO = "intro.md"
SELF_DEVELOPMENT = "self-development.md"
EXPERIENCE_DIR = "experience"
SUMMARY_HEADING = "In short_"
FENCE = "---\n"  # opens and closes front matter
Model = TypeVar("Model", bound=BaseModel)
T = TypeVar("T")


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
    rest = text[len(FENCE) :]
    if rest.startswith(FENCE):  # empty front matter
        return "", rest[len(FENCE) :]
    head, separator, body = rest.partition(f"\n{FENCE}")
    return (head, body) if separator else None


def read_text(path: Path) -> str:
    """A content file as text: UTF-8, with a byte-order mark and CRLF line ends read as if absent."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ContentError(path, None, "file not found") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(
            path,
            None,
            f"not UTF-8: byte {error.start} (0x{data[error.start]:02x}) cannot be decoded; save it as UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that a key given twice is an error instead of "the last one wins"."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
            line = key_node.start_mark.line
            if key in seen:
                raise _DuplicateKey(key, seen[key], line)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, first_line: int, second_line: int) -> None:
        self.key, self.first_line, self.second_line = key, first_line, second_line


def parse_yaml(text: str, path: Path, first_line: int = 1, what: str = "front matter") -> Any:
    """YAML to Python, with duplicate keys and syntax errors as one-line ContentErrors.

    ``first_line`` is the file's line number of ``text``'s first line, so that messages
    point into the file rather than into the snippet.
    """
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except _DuplicateKey as duplicate:
        lines = f"lines {duplicate.first_line + first_line} and {duplicate.second_line + first_line}"
        raise ContentError(path, str(duplicate.key), f"key given twice ({lines}); keep one") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + first_line}" if mark else ""
        problem = getattr(error, "problem", None) or "syntax error"
        if mark is not None and "\t" in _line(text, mark.line):
            problem = "a tab where YAML needs spaces; indent with spaces"
        raise ContentError(path, None, f"{what} is not valid YAML{where}: {problem}") from None


def _line(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""


def split_front_matter(path: Path) -> tuple[dict[str, Any], str]:
    """``(front matter as a dict, body)`` of a Markdown file."""
    text = read_text(path)
    if not text.strip():
        raise ContentError(path, None, "the file is empty; expected YAML front matter between '---' lines")
    if not text.startswith(FENCE):
        raise ContentError(path, None, "expected YAML front matter between '---' lines at the top")
    parts = front_matter_parts(text)
    if parts is None:
        raise ContentError(path, None, "front matter has no closing '---' line")
    head, body = parts
    data = parse_yaml(head, path, first_line=2)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise ContentError(path, None, f"front matter is {kind}; expected a mapping of keys to values")
    return data, body


def validate(model: type[Model], data: dict[str, Any], path: Path) -> Model:
    """``model(**data)``; every problem becomes a ContentError (the first, with the rest in ``more``)."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        # Unknown keys first: a misspelt key also makes the right one "missing".
        found = sorted(error.errors(), key=lambda problem: problem["type"] != "extra_forbidden")
        first, *rest = (_problem(path, problem, model) for problem in found)
        raise ContentError(first.path, first.field, first.message, more=tuple(rest)) from None


def _problem(path: Path, problem: Any, model: type[BaseModel]) -> ContentError:
    field = ".".join(str(part) for part in problem["loc"]) or None
    if problem["type"] == "extra_forbidden":
        message = _unknown_key_message(str(problem["loc"][-1]), _allowed_keys(model, problem["loc"]))
    elif problem["type"] == "missing":
        message = "required key is missing"
    else:
        message = problem["msg"].removeprefix("Value error, ")
    return ContentError(path, field, message)


def _allowed_keys(model: type[BaseModel], location: tuple[Any, ...]) -> list[str]:
    """The keys allowed where an unknown key was found: at the top, or in a nested model."""
    for part in location[:-1]:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[str(part)].annotation if str(part) in model.model_fields else None
        nested = [arg for arg in (*getattr(annotation, "__args__", ()), annotation) if _is_model(arg)]
        if not nested:
            break
        model = nested[0]
    return list(model.model_fields)


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


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
    highlights: tuple[str, ...]  # the bullets' bold leads
    bullets: tuple[Bullet, ...] = ()  # the same bullets in short form: lead and first detail sentence

    def interval(self, as_of: dt.date) -> Interval:
        """The days this position covers as of ``as_of`` (rules 1-3 in cvbook.durations)."""
        return position_interval(self.position.start, self.position.end, as_of)

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
    self_development: SelfDevelopment = field(default_factory=SelfDevelopment)
    settings: Settings = field(default_factory=lambda: Settings(None, None))

    @property
    def site_url(self) -> str | None:
        """Where the site is published, ending in "/"; None when the owner has not said."""
        return self.settings.site_url

    @property
    def repository_url(self) -> str | None:
        return self.settings.repository_url

    @property
    def image_path(self) -> Path | None:
        """The avatar file, when the owner has set one."""
        return self.root / self.profile.image if self.profile.image else None

    @cached_property
    def experience(self) -> Duration:
        """Total experience: the union of all positions."""
        return Duration.of(page.interval(self.as_of) for page in self.positions)


@dataclass(frozen=True)
class Settings:
    """What only the owner can say about where the book lives (_config.yml, or the environment)."""

    site_url: str | None  # ends in "/"
    repository_url: str | None


def load_profile(root: Path) -> tuple[Profile, tuple[str, ...]]:
    path = root / INTRO
    data, body = split_front_matter(path)
    profile = validate(Profile, data, path)
    if profile.image is not None and not (root / profile.image).is_file():
        raise ContentError(path, "image", f"no file at {profile.image!r} (a path from the book's folder)")
    summary = tuple(section_paragraphs(body, SUMMARY_HEADING))
    if not summary:
        raise ContentError(
            path, None, f"expected a '## {SUMMARY_HEADING}' section with at least one paragraph"
        )
    return profile, summary


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
    root: Path | str | None = None, as_of: dt.date | None = None, environ: Mapping[str, str] | None = None
) -> Book:
    """Load and validate the book at ``root`` (default: found from the current folder).

    ``as_of`` defaults to the build's today (cvbook.clock) and ``environ`` to the process
    environment, read for SITE_URL.
    """
    root = find_root(Path(root) if root else None)
    environ = os.environ if environ is None else environ
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


SITE_URL_VARIABLE = "SITE_URL"
REPOSITORY_URL_VARIABLE = "REPOSITORY_URL"


def load_settings(root: Path, environ: Mapping[str, str]) -> Settings:
    """The site's address (SITE_URL, else ``html.baseurl`` in _config.yml) and the repository's
    (REPOSITORY_URL, else ``repository.url``): the environment wins, so a deployment can say
    where it publishes without an edit to the config."""
    path = root / CONFIG
    config = parse_yaml(read_text(path), path, what="the file")
    config = config if isinstance(config, dict) else {}
    html = config.get("html") if isinstance(config.get("html"), dict) else {}
    repository = config.get("repository") if isinstance(config.get("repository"), dict) else {}
    from_environment = environ.get(SITE_URL_VARIABLE, "").strip()
    if from_environment:
        site_url = _absolute_url(from_environment, SITE_URL_VARIABLE, "environment variable")
    else:
        site_url = _absolute_url(html.get("baseurl"), path, "html.baseurl")
    from_environment = environ.get(REPOSITORY_URL_VARIABLE, "").strip()
    if from_environment:
        repository_url = _absolute_url(from_environment, REPOSITORY_URL_VARIABLE, "environment variable")
    else:
        repository_url = _absolute_url(repository.get("url"), path, "repository.url")
    return Settings(site_url, repository_url and repository_url.rstrip("/"))


def _absolute_url(value: object, where: Path | str, field: str) -> str | None:
    """``value`` as an absolute http(s) URL ending in "/", or None when empty."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not value.startswith(("https://", "http://")) or "://" == value[-3:]:
        raise ContentError(where, field, f"expected an absolute http(s) URL, got {value!r}")
    # Relative links are joined onto it, which drops its last segment unless it ends in "/".
    return value.rstrip("/") + "/"


def load_site_url(root: Path, environ: Mapping[str, str] | None = None) -> str | None:
    """The published site's address ending in "/", or None when the owner has not set one."""
    return load_settings(root, os.environ if environ is None else environ).site_url
