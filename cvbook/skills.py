"""Which technology when, and for how long.

Technologies come from two places that are never typed twice: the intro's skill
groups (what he lists as his skills) and each position's ``stack`` (what he used
there). Names are normalised here, and only here, so that "Golang" and "golang"
are one Go and "Postgres" and "PostgreSQL" one PostgreSQL.

Hands-on time per technology is the union of the periods of the positions that
used it, under the same rules as the experience total (``cvbook.durations``).
A technology that a skill group lists but no position names is kept, without
periods, rather than dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .content import Book
from .durations import Duration, Interval, union

if TYPE_CHECKING:
    import pandas as pd

# Spelling variants -> one display name. Keys are case-folded; names not listed
# keep their own spelling.
ALIASES = {
    "golang": "Go",
    "go": "Go",
    "postgres": "PostgreSQL",
    "postgresql": "PostgreSQL",
    "redis": "Redis",
    "redis/sentinel": "Redis",
    "grpc": "gRPC",
    "kafka": "Kafka",
    "mongodb": "MongoDB",
    "nginx": "Nginx",
    "traefik": "Traefik",
    "js/ts": "JavaScript / TypeScript",
    "linux": "Linux",
    "open-api": "OpenAPI",
    "openapi": "OpenAPI",
    "docker": "Docker",
    "react": "React",
}
# Technologies named only by positions, not by any skill group.
OTHER_GROUP = "Other"


def normalise(name: str) -> str:
    """The one display name of a technology: ``normalise("Golang") == normalise("golang") == "Go"``."""
    cleaned = " ".join(name.split())
    return ALIASES.get(cleaned.casefold(), cleaned)


@dataclass(frozen=True)
class Skill:
    name: str
    group: str
    periods: tuple[Interval, ...]  # merged, oldest first; empty if no position names it
    companies: tuple[str, ...]  # newest first

    @property
    def hands_on(self) -> Duration:
        return Duration.of(self.periods)


def skills(book: Book) -> list[Skill]:
    """Every technology once, longest hands-on time first, then the ones without periods."""
    groups: dict[str, str] = {}
    for group, items in book.profile.skills.items():
        for item in items:
            groups.setdefault(normalise(item), group)

    used: dict[str, list[tuple[Interval, str]]] = {}
    for page in book.positions:
        interval = page.interval(book.as_of)
        for name in _unique(normalise(item) for item in page.position.stack):
            used.setdefault(name, []).append((interval, page.position.company))

    result = []
    for name in _unique([*groups, *used]):
        periods = used.get(name, [])
        result.append(
            Skill(
                name=name,
                group=groups.get(name, OTHER_GROUP),
                periods=tuple(union(interval for interval, _ in periods)),
                companies=tuple(company for _, company in periods),
            )
        )
    return sorted(result, key=lambda skill: (-skill.hands_on.total_days, skill.name.casefold()))


def group_order(book: Book) -> list[str]:
    """The skill groups in the intro's order, then ``Other``."""
    return [*book.profile.skills, OTHER_GROUP]


def skills_frame(book: Book) -> pd.DataFrame:
    """One row per technology: group, hands-on time and where, longest first."""
    import pandas as pd

    rows = [
        {
            "technology": skill.name,
            "group": skill.group,
            "hands-on": skill.hands_on.label if skill.periods else "listed skill, not named in a position",
            "days": skill.hands_on.total_days,
            "where": ", ".join(skill.companies),
        }
        for skill in skills(book)
    ]
    return pd.DataFrame(rows)


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))
