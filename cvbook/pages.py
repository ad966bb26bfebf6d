"""Markdown that the build inserts into pages, rendered from the validated facts.

Page titles and fact boxes come from front matter, so the owner types each fact
once: the experience pages' headers and the intro's skill groups are made here.
"""

from __future__ import annotations

import datetime as dt
import json

from .content import Book, ExperiencePage
from .model import Profile

MODE_LABELS = {"office": "office_", "remote": "remote_"}


def position_header(page: ExperiencePage, as_of: dt.date) -> str:
    """The title and facts box of an experience page."""
    position = page.position
    role = position.role + (f" ({position.team}_)" if position.team else "")
    stack = " · ".join(position.stack)
    return (
        f"# {position.company}\n\n"
        ":::{container} position-facts\n"
        f"- **Role:** {role}\n"
        f"- **Period:** {position.period_label()} ({page.duration(as_of).label})\n"
        f"- **Mode:** {MODE_LABELS[position.mode]}\n"
        f"- **Stack:** {stack}\n"
        ":::\n\n"
    )


def intro_header(profile: Profile) -> str:
    """The intro's title and headline."""
    return f"# {profile.name}\n\n**{profile.headline}**\n\n"


def skill_groups(profile: Profile) -> str:
    """The intro's skill groups as Markdown lists, one block per group."""
    blocks = []
    for group, items in profile.skills.items():
        bullets = "\n".join(f"- {item}" for item in items)
        blocks.append(f"**{group}_**\n\n{bullets}\n")
    return "\n".join(blocks)


def experience_intervals_json(book: Book) -> str:
    """The positions' intervals for the browser counter: ``[["2021-08-01", "2023-06-01"], ["2025-09-01", null]]``.

    ``null`` marks a current position, which the browser runs up to the reader's today.
    """
    intervals = [
        [
            page.position.start.isoformat(),
            page.position.end_exclusive and page.position.end_exclusive.isoformat(),
        ]
        for page in book.positions
    ]
    return json.dumps(intervals)
