"""Synthetic books for the tests: the repository's presentation, facts of the test's own.

Tests hold the rules, not today's CV: they build copies of this repository in which
every fact (profile, positions, reading plan, posts) is replaced by one the test
chose, so the owner can edit his own facts without touching a test.

The default book has four positions over the same four intervals as the owner's
current site, so on the pinned date (2026-03-18) its total reads
"4 years, 7 months, 17 days", the figure his current site shows for that day.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from tools.sources import PINNED_DATE, PINNED_EPOCH, copy_sources  # noqa: F401 (the tests import the date from here)

REPO = Path(__file__).resolve().parents[1]


PROFILE: dict[str, Any] = {
    "name": "Alex Example",
    "headline": "Staff Engineer / Platform",
    "description": "Alex Example, a synthetic engineer for the tests.",
    "skills": {
        "Backend": ["golang", "PostgreSQL", "kafka"],
        "Frontend": ["js/ts", "React"],
        "Common": ["Docker", "linux"],
    },
}

SUMMARY = (
    "A synthetic summary paragraph that only the tests use.",
    "A second paragraph, so that the summary has more than one.",
)

STORY = """## Problems and solutions

- **Built the first thing.** Some detail about the first thing.
- **Fixed the second thing.** Some detail about the second thing.
"""


def position(
    company: str, role: str, start: str, end: str, mode: str = "remote", **more: Any
) -> dict[str, Any]:
    """The front matter of one position."""
    return {"company": company, "role": role, "start": start, "end": end, "mode": mode, **more}


# name (experience/<name>.md) -> front matter. The owner's four intervals, other facts.
POSITIONS: dict[str, dict[str, Any]] = {
    "alpha": position("Alpha Measurement Ltd", "Tech Lead", "2025-09", "present", "office",
                      team="platform", stack=["Golang", "PostgreSQL", "Redis"]),
    "bravo": position("Bravo Retail Group", "Back End developer", "2023-10", "2025-09",
                      stack=["Golang", "gin", "Postgres"]),
    "charlie": position("Charlie Startup", "Back End Engineer", "2022-02", "2023-10",
                        stack=["Golang", "echo", "MongoDB"]),
    "delta": position("Delta Apps", "Front End Engineer", "2021-08", "2023-05",
                      stack=["React", "Redux"]),
}  # fmt: skip
DEFAULT_TOTAL = "4 years, 7 months, 17 days"  # of POSITIONS on PINNED_DATE

# Every contact key the owner may set (intro.md), for tests that need them all.
CONTACTS: dict[str, Any] = {
    "email": "someone@example.org",
    "phone": "+49 30 1234 5678",
    "location": {"city": "Sample City", "countryCode": "DE"},
    "profiles": [{"network": "GitHub", "username": "someone", "url": "https://github.com/someone"}],
    "image": "avatar.png",
}

SELF_DEVELOPMENT: dict[str, Any] = {
    "books": [{"title": "A Synthetic Book"}, {"title": "Another Book, 2nd Edition", "reading": True}],
    "languages": ["Elixir"],
}


# Facts shaped like markup, for the tests that hold every output to "facts are text".
HOSTILE_COMPANY = "NDA </script><script>alert(1)</script> & <b>Agency</b>"
HOSTILE_HEADLINE = "Tech Lead </script><img src=x onerror=alert(2)>"
HOSTILE_ROLE = "R&D <Labs> `code` *not bold* {glue}"
LONG_NAME = "Very" + "long" * 49  # 200 characters without a space to break at
HOSTILE_POST_TITLE = "Post & co: 5 < 6 > 4"  # a title is Markdown: a tag in it would be HTML, by design
HOSTILE_SITE = "https://example.org/cv/"


def make_hostile_book(destination: Path) -> Path:
    """The default book with markup-shaped facts, a 200-character name and a hostile post."""
    positions = {
        **POSITIONS,
        "alpha": position(
            HOSTILE_COMPANY, HOSTILE_ROLE, "2025-09", "present", "office", stack=["Go <x>", "a&b"]
        ),
        "long": position(LONG_NAME, LONG_NAME, "2020-01", "2020-06", stack=[LONG_NAME]),
    }
    post = (
        '---\nblogpost: true\ndate: 2026-01-10\ntags: ["<tag>", "a&b"]\ncategory: "Cat <y>"\n'
        f'description: "Desc <script>alert(3)</script>"\n---\n\n# {HOSTILE_POST_TITLE}\n\nBody text.\n'
    )
    return make_book(
        destination,
        profile={**PROFILE, "headline": HOSTILE_HEADLINE},
        positions=positions,
        posts={"2026-01-10-hostile.md": post},
    )


def front_matter(data: Mapping[str, Any], body: str = "") -> str:
    return f"---\n{yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True)}---\n\n{body}"


def _replace_front_matter(path: Path, data: Mapping[str, Any]) -> None:
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    path.write_text(front_matter(data) + body.lstrip("\n"), encoding="utf-8")


def _replace_summary(path: Path, paragraphs: Sequence[str]) -> None:
    """The intro's "In short" section with ``paragraphs`` instead of the owner's words."""
    text = path.read_text(encoding="utf-8")
    section = re.compile(r"(## In short\n\n)(.*?)(?=\n#{1,2} |\n```|\n:::|\n<|\Z)", re.DOTALL)
    replaced, count = section.subn(lambda match: match[1] + "\n\n".join(paragraphs) + "\n", text, count=1)
    assert count == 1, f"{path} has no '## In short' section to replace"
    path.write_text(replaced, encoding="utf-8")


def _merge(base: dict[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def make_book(
    destination: Path,
    *,
    profile: Mapping[str, Any] | None = None,
    summary: Sequence[str] = SUMMARY,
    positions: Mapping[str, Mapping[str, Any] | str] | None = None,
    self_development: Mapping[str, Any] | None = None,
    posts: Mapping[str, str] = {},
    config: Mapping[str, Any] | None = None,
) -> Path:
    """A copy of the repository at ``destination`` with synthetic facts; returns ``destination``.

    ``positions`` maps a file name (without ``.md``) to its front matter, or to the whole
    file's text for malformed-input tests. ``posts`` maps a file name under blog/posts/ to
    its text. ``config`` is merged into _config.yml.
    """
    book = copy_sources(REPO, destination)
    _replace_front_matter(book / "intro.md", PROFILE if profile is None else profile)
    _replace_summary(book / "intro.md", summary)
    _replace_front_matter(
        book / "self-development.md", SELF_DEVELOPMENT if self_development is None else self_development
    )
    experience = book / "experience"
    for path in experience.glob("*.md"):
        if path.name != "index.md":
            path.unlink()
    for name, data in (POSITIONS if positions is None else positions).items():
        text = data if isinstance(data, str) else front_matter({"stack": ["Go"], **data}, STORY)
        (experience / f"{name}.md").write_text(text, encoding="utf-8")
    posts_dir = book / "blog" / "posts"
    shutil.rmtree(posts_dir, ignore_errors=True)
    posts_dir.mkdir(parents=True)
    for name, text in posts.items():
        (posts_dir / name).write_text(text, encoding="utf-8")
    if config:
        config_path = book / "_config.yml"
        merged = _merge(yaml.safe_load(config_path.read_text(encoding="utf-8")), config)
        config_path.write_text(yaml.safe_dump(merged, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return book


def copy_book(destination: Path) -> Path:
    """A copy of the owner's own book (no build output, no venv), for smoke tests."""
    return copy_sources(REPO, destination)


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """``directory`` served over HTTP on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build_env(epoch: int = PINNED_EPOCH, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a test build: the pinned date, no SITE_URL or REPOSITORY_URL unless ``env`` sets them."""
    base = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "REPOSITORY_URL")}
    return {**base, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONUNBUFFERED": "1", **(env or {})}


def build_book(
    book: Path, *args: str, epoch: int = PINNED_EPOCH, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``jupyter-book build BOOK`` with the strict flags, as `make book` runs it (cvbook.cli.build)."""
    command = [sys.executable, "-m", "cvbook", "build", str(book), *args]
    return subprocess.run(
        command, check=False, capture_output=True, text=True, env=build_env(epoch, env), timeout=900
    )


def warnings_in(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The warnings in a build's output: Sphinx's, and any a notebook's kernel prints."""
    output = result.stdout + result.stderr
    return [line for line in output.splitlines() if "WARNING" in line]


def assert_clean_build(result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert not warnings_in(result), "\n".join(warnings_in(result))
