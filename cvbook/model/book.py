"""The book as one value: the owner's profile and positions, validated, as of one date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .durations import Duration, Interval, position_interval
from .facts import Position, Profile, SelfDevelopment


@dataclass(frozen=True)
class Bullet:
    """A story bullet in short form: ``- **Lead.** Detail. More…`` gives lead and detail.

    ``lead`` is the bold opening without its final full stop; ``detail`` the first
    sentence after it ("" when the bullet is only a lead).
    """

    lead: str
    detail: str

    @property
    def lead_sentence(self) -> str:
        """The lead with its closing punctuation back: ``Rewrote the MMP.``"""
        return self.lead if self.lead.endswith(("?", "!", ":", ".")) else f"{self.lead}."

    @property
    def short_form(self) -> str:
        """``Lead. Detail.``: the bullet as the CV and resume.json state it."""
        return f"{self.lead_sentence} {self.detail}".strip()


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
    repository_branch: str | None = None  # the branch notebooks are launched from


# [start, end) as ISO dates; end None while the position is current.
OpenInterval = tuple[str, str | None]


def open_intervals(pages: Iterable[ExperiencePage]) -> list[OpenInterval]:
    """The positions' intervals, unclipped: a current one has no end."""
    return [
        (
            page.position.start.isoformat(),
            page.position.end_exclusive.isoformat() if page.position.end_exclusive else None,
        )
        for page in pages
    ]
