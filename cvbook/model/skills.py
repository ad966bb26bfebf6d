"""Which skill when, and for how long.

Skills come from two places that are never typed twice: the intro's skill groups
(what he lists, in his own words) and each position's ``stack`` (what he used
there). A name in a stack counts toward the skill he lists under the same name,
whatever its case ("Golang" is his "golang"), and toward the skill it implies
(``IMPLIES``: React work is js/ts work). Skills keep his spelling.

A stack name that counts toward none of his skills is its own technology, in the group
``Other``. The time per skill, the union of the periods of the positions that count toward
it (the rules of ``cvbook.model.durations``), is worked out step by step as pandas frames
in ``cvbook.model.frames``, which the notebooks show.
"""

from __future__ import annotations

from .book import Book

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


def display_name(name: str) -> str:
    """A name as shown: his spelling, runs of whitespace as one space."""
    return " ".join(name.split())


def key(name: str) -> str:
    """How names are matched: ``key(" React  Native") == key("react native")``."""
    return display_name(name).casefold()


_IMPLIES = {key(name): skill for name, skill in IMPLIES.items()}


def counts_toward(name: str, listed: dict[str, str]) -> list[str]:
    """The keys of the skills a stack ``name`` counts toward; ``listed`` maps key -> his name.

    Itself when he lists it, and what it implies when he lists that; itself alone when neither.
    """
    targets = [key(name), key(_IMPLIES.get(key(name), ""))]
    found = [target for target in dict.fromkeys(targets) if target in listed]
    return found or [key(name)]


def listed_skills(book: Book) -> dict[str, tuple[str, str]]:
    """The skills he lists, in his order: key -> (his name, its group); the first listing wins."""
    listed: dict[str, tuple[str, str]] = {}
    for group, items in book.profile.skills.items():
        for item in items:
            listed.setdefault(key(item), (display_name(item), group))
    return listed


def group_order(book: Book) -> list[str]:
    """The skill groups in the intro's order, then ``Other``."""
    return [*book.profile.skills, OTHER_GROUP]
