"""The book's figures as pandas DataFrames: what the notebooks build, show and chart.

Each frame is one step of a computation whose rules live elsewhere in ``cvbook.model``;
a frame applies them, it never restates them:

    positions_frame(book)      one row per position: dates, the counted interval, its duration
                               (``durations.position_interval``, rules 1-3)
    union_frame(positions)     the merged intervals behind the total (``durations.union``, rule 4)
    total(union)               the total time (``durations.Duration``, rule 5)

    stacks_frame(book)         one row per name in a position's stack, with that position's interval
    skill_periods_frame(...)   each stack name -> the skills it counts toward
                               (``skills.counts_toward``, through the ``IMPLIES`` table)
    skills_frame(...)          per skill, the union of its periods (a groupby applying ``union``)
    listed_only_frame(...)     the skills he lists that no stack names: group and name, no time

Dates are pandas Timestamps at midnight; intervals are half-open, ``[start, until)``.
pandas is imported here and only here in the model.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .book import Book
from .durations import Duration, Interval, union
from .months import first_of_next_month
from .skills import OTHER_GROUP, counts_toward, display_name, group_order, key, listed_skills


def _timestamp(day: dt.date | None) -> pd.Timestamp:
    return pd.NaT if day is None else pd.Timestamp(day)


def _interval(start: pd.Timestamp, until: pd.Timestamp) -> Interval:
    return Interval(start.date(), until.date())


def _iso(day: pd.Timestamp) -> str | None:
    return None if pd.isna(day) else day.date().isoformat()


def positions_frame(book: Book) -> pd.DataFrame:
    """One row per position, newest first, counted as of ``book.as_of``.

    ``end`` is the first day of the last month (NaT while current); ``until`` the exclusive
    end the rules count to (today for a current position); ``days`` and ``duration`` what
    the interval lasts. ``end_exclusive`` is the day after the last month (NaT while current):
    with ``start`` it is the period a page recounts in the reader's browser.
    """
    rows = []
    for page in book.positions:
        position = page.position
        interval = page.interval(book.as_of)
        rows.append(
            {
                "company": position.company,
                "role": position.role,
                "mode": position.mode,
                "start": _timestamp(position.start),
                "end": _timestamp(position.end),
                "running": position.end is None,
                "until": _timestamp(interval.end),
                "days": interval.days,
                "duration": Duration.of([interval]).label,
                "end_exclusive": _timestamp(position.end and first_of_next_month(position.end)),
            }
        )
    frame = pd.DataFrame(rows)
    frame.attrs["as_of"] = book.as_of
    return frame


def intervals(frame: pd.DataFrame) -> list[Interval]:
    """A frame's ``[start, until)`` rows as the package's Intervals."""
    return [_interval(start, until) for start, until in zip(frame["start"], frame["until"], strict=True)]


def open_spans(frame: pd.DataFrame) -> list[tuple[str, str | None]]:
    """The periods a browser recounts: ISO start and exclusive end, None while current."""
    return [
        (_iso(start), _iso(end)) for start, end in zip(frame["start"], frame["end_exclusive"], strict=True)
    ]


def union_frame(positions: pd.DataFrame) -> pd.DataFrame:
    """The merged intervals of ``positions``: overlaps count once, gaps not at all (``union``).

    ``running``: the interval holds a current position, so it runs to today.
    """
    merged = union(intervals(positions))
    current = [start.date() for start in positions.loc[positions["running"], "start"]]
    return pd.DataFrame(
        {
            "start": [pd.Timestamp(piece.start) for piece in merged],
            "until": [pd.Timestamp(piece.end) for piece in merged],
            "running": [any(piece.start <= start <= piece.end for start in current) for piece in merged],
            "days": [piece.days for piece in merged],
            "duration": [Duration.of([piece]).label for piece in merged],
        }
    )


def total(union: pd.DataFrame) -> Duration:
    """The total time the merged intervals cover, years, months and days on the calendar."""
    return Duration.of(intervals(union))


def stacks_frame(book: Book) -> pd.DataFrame:
    """One row per name in a position's stack, with the position's counted interval.

    ``position`` is the position's row in ``positions_frame`` (0 = the newest).
    """
    positions = positions_frame(book)
    positions["name"] = [page.position.stack for page in book.positions]
    frame = positions.rename_axis("position").reset_index().explode("name").dropna(subset=["name"])
    columns = ["position", "company", "name", "start", "until", "running", "end_exclusive"]
    return frame[columns].reset_index(drop=True)


def skill_periods_frame(book: Book, stacks: pd.DataFrame) -> pd.DataFrame:
    """Each stack row once per skill it counts toward (itself, and what ``IMPLIES`` says).

    ``skill`` is his name for a skill he lists, else the stack's spelling; ``group`` his group
    for it, else ``Other``.
    """
    listed = listed_skills(book)
    names = {target: name for target, (name, _) in listed.items()}
    frame = stacks.assign(key=[counts_toward(name, names) for name in stacks["name"]]).explode("key")
    # An unlisted technology is shown as the first position (newest first) spells it.
    spelled = frame.groupby("key", sort=False)["name"].transform("first").map(display_name)
    frame["skill"] = [listed[k][0] if k in listed else name for k, name in zip(frame["key"], spelled)]
    frame["group"] = [listed[k][1] if k in listed else OTHER_GROUP for k in frame["key"]]
    frame = frame.drop(columns="name").drop_duplicates(subset=["key", "position"])
    return frame.reset_index(drop=True)


def _per_skill(rows: pd.DataFrame) -> pd.Series:
    merged = union(intervals(rows))
    return pd.Series(
        {
            "periods": merged,
            "days": sum(piece.days for piece in merged),
            "duration": Duration.of(merged).label,
            "running": bool(rows["running"].any()),
            "companies": ", ".join(rows["company"]),
            "spans": open_spans(rows),
        }
    )


def skills_frame(book: Book, periods: pd.DataFrame) -> pd.DataFrame:
    """Per skill: its merged periods and their total (a groupby applying ``union``).

    Groups in his order, then ``Other``; within a group, the longest time first, then by name.
    """
    columns = ["company", "start", "until", "running", "end_exclusive"]
    per_skill = (
        periods.groupby(["group", "key", "skill"], sort=False)[columns].apply(_per_skill).reset_index()
    )
    per_skill["group"] = pd.Categorical(per_skill["group"], categories=group_order(book), ordered=True)
    per_skill = per_skill.sort_values(["group", "days", "key"], ascending=[True, False, True])
    return per_skill.drop(columns="key").reset_index(drop=True)


def listed_only_frame(book: Book, skills: pd.DataFrame) -> pd.DataFrame:
    """The skills he lists that no position's stack counts toward: group and name, in his order."""
    timed = {key(name) for name in skills["skill"]}
    rows = [
        {"group": group, "skill": name}
        for target, (name, group) in listed_skills(book).items()
        if target not in timed
    ]
    return pd.DataFrame(rows, columns=["group", "skill"])
