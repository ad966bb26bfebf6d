"""Which skill when, and for how long.

Skills come from two places that are never typed twice: the intro's skill groups
(what he lists, in his own words) and each position's ``stack`` (what he used
there). A name in a stack counts toward the skill he lists under the same name,
whatever its case ("Golang" is his "golang"), and toward the skill it implies
(``IMPLIES``: React work is js/ts work). Skills keep his spelling.

Hands-on time per skill is the union of the periods of the positions that count
toward it, under the same rules as the experience total (``cvbook.model.durations``).
A listed skill that no position names is kept, without periods. A stack name that
counts toward none of his skills is its own technology, in the group ``Other``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .book import Book, ExperiencePage, OpenInterval, open_intervals
from .durations import Duration, Interval, union

# The one table of implications: a name in a stack -> the skill that work with it is also
# work in. Keys match without regard to case; values are the names he lists. A value he
# does not list implies nothing.
IMPLIES: dict[str, str] = {
    "React": "js/ts",
    "React Native": "js/ts",
    "Redux": "js/ts",
    "react-router-dom": "js/ts",
    "Go": "golang",
    "gin": "golang",
    "echo": "golang",
    "Postgres": "PostgreSQL",
}
# Technologies that positions name but that count toward none of his skills.
OTHER_GROUP = "Other"


def key(name: str) -> str:
    """How names are matched: ``key(" React  Native") == key("react native")``."""
    return " ".join(name.split()).casefold()


_IMPLIES = {key(name): skill for name, skill in IMPLIES.items()}


@dataclass(frozen=True)
class Skill:
    name: str
    group: str
    periods: tuple[Interval, ...]  # merged, oldest first; empty if no position counts toward it
    positions: tuple[ExperiencePage, ...]  # newest first

    @property
    def hands_on(self) -> Duration:
        return Duration.of(self.periods)

    @property
    def companies(self) -> tuple[str, ...]:
        return tuple(page.position.company for page in self.positions)

    @property
    def intervals(self) -> list[OpenInterval]:
        """The positions' own intervals, a current one open-ended: what the browser recounts."""
        return open_intervals(self.positions)


def counts_toward(name: str, listed: dict[str, str]) -> list[str]:
    """The keys of the skills a stack ``name`` counts toward; ``listed`` maps key -> his name.

    Itself when he lists it, and what it implies when he lists that; itself alone when neither.
    """
    targets = [key(name), key(_IMPLIES.get(key(name), ""))]
    found = [target for target in dict.fromkeys(targets) if target in listed]
    return found or [key(name)]


def display_name(name: str) -> str:
    """A name as shown: his spelling, runs of whitespace as one space."""
    return " ".join(name.split())


def listed_skills(book: Book) -> dict[str, tuple[str, str]]:
    """The skills he lists, in his order: key -> (his name, its group); the first listing wins."""
    listed: dict[str, tuple[str, str]] = {}
    for group, items in book.profile.skills.items():
        for item in items:
            listed.setdefault(key(item), (display_name(item), group))
    return listed


def skills(book: Book) -> list[Skill]:
    """Every skill once, longest hands-on time first, then the ones without periods."""
    his = listed_skills(book)
    names = {target: name for target, (name, _) in his.items()}  # key -> display name
    groups = {target: group for target, (_, group) in his.items()}
    listed = dict(names)

    used: dict[str, list[ExperiencePage]] = {}
    for page in book.positions:
        for item in page.position.stack:
            for target in counts_toward(item, listed):
                names.setdefault(target, display_name(item))
                pages = used.setdefault(target, [])
                if page not in pages:
                    pages.append(page)

    result = [
        Skill(
            name=names[target],
            group=groups.get(target, OTHER_GROUP),
            periods=tuple(union(page.interval(book.as_of) for page in used.get(target, []))),
            positions=tuple(used.get(target, [])),
        )
        for target in names
    ]
    return sorted(result, key=lambda skill: (-skill.hands_on.total_days, key(skill.name)))


def group_order(book: Book) -> list[str]:
    """The skill groups in the intro's order, then ``Other``."""
    return [*book.profile.skills, OTHER_GROUP]


def by_group(book: Book) -> list[tuple[str, list[Skill]]]:
    """Each group that has skills, in the intro's order, its skills longest first."""
    everything = skills(book)
    grouped = [
        (group, [skill for skill in everything if skill.group == group]) for group in group_order(book)
    ]
    return [(group, members) for group, members in grouped if members]
