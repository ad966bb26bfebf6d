"""Figures for the notebooks, built from the validated facts (matplotlib, SVG-friendly).

Figures use a transparent background and mid-tone colours so that the site's theme
CSS can adapt them to light and dark mode.
"""

from __future__ import annotations

import datetime as dt

from matplotlib.dates import YearLocator, date2num
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .content import Book
from .skills import group_order, skills

INK = "#4b5563"  # axis and label colour; the site's dark-mode CSS inverts it
ACCENT = "#2f7d6d"
# One colour per skill group, in the intro's group order, then "Other"; mid-tones
# that keep their contrast on the light and (inverted) dark theme.
GROUP_COLOURS = ["#2f7d6d", "#c2570c", "#6d4fc2", "#8a8f98"]


def positions_timeline(book: Book) -> Figure:
    """One bar per position from start to end (or the as-of date), labelled with its duration."""
    pages = list(reversed(book.positions))  # oldest at the bottom
    figure = Figure(figsize=(7.5, 0.55 * len(pages) + 0.9), layout="constrained")
    axes = figure.subplots()
    for row, page in enumerate(pages):
        interval = page.interval(book.as_of)
        left = date2num(interval.start)
        axes.barh(row, date2num(interval.end) - left, left=left, height=0.55, color=ACCENT)
        axes.annotate(
            page.duration(book.as_of).short_label,
            (date2num(interval.end), row),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            color=INK,
            fontsize=9,
        )
    axes.set_yticks(range(len(pages)), [page.position.company for page in pages])
    axes.axvline(date2num(book.as_of), color=INK, linestyle=":", linewidth=1)
    axes.xaxis_date()
    axes.xaxis.set_major_locator(YearLocator())
    axes.set_xlim(right=date2num(book.as_of + dt.timedelta(days=240)))
    _style(axes)
    axes.set_title(f"Positions as of {book.as_of.isoformat()}", color=INK, fontsize=10, loc="left")
    return figure


def skills_timeline(book: Book) -> Figure:
    """One labelled row per technology, bars for the periods it was used, coloured by group.

    Technologies that a skill group lists but no position names get a row without bars.
    """
    rows = skills(book)
    colours = dict(zip(group_order(book), GROUP_COLOURS))
    figure = Figure(figsize=(7.5, 0.26 * len(rows) + 1.2), layout="constrained")
    axes = figure.subplots()
    first_start = min(page.position.start for page in book.positions)
    for row, skill in enumerate(rows):
        spans = [(date2num(period.start), period.days) for period in skill.periods]
        if spans:
            axes.broken_barh(spans, (row - 0.32, 0.64), facecolors=colours[skill.group])
        else:
            axes.annotate("listed, not named in a position", (date2num(first_start), row), xytext=(2, 0),
                          textcoords="offset points", va="center", color=INK, fontsize=7.5, fontstyle="italic")
    axes.set_yticks(range(len(rows)), [skill.name for skill in rows])
    axes.set_ylim(len(rows) - 0.5, -0.5)  # longest hands-on time at the top
    axes.axvline(date2num(book.as_of), color=INK, linestyle=":", linewidth=1)
    axes.set_xlabel(f"dotted line: as of {book.as_of.isoformat()}", loc="right", color=INK, fontsize=8)
    axes.xaxis_date()
    axes.xaxis.set_major_locator(YearLocator())
    axes.set_xlim(date2num(first_start) - 60, date2num(book.as_of) + 60)
    _style(axes)
    axes.legend(
        handles=[Patch(color=colours[group], label=f"{group}_") for group in group_order(book)],
        loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=4, frameon=False, fontsize=9, labelcolor=INK,
    )
    return figure


def _style(axes) -> None:
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(INK)
    axes.tick_params(colors=INK, labelsize=9, length=0)
    axes.set_facecolor("none")
    axes.figure.set_facecolor("none")
