"""Figures for the notebooks, built from the validated facts (matplotlib, SVG-friendly).

Figures use a transparent background and mid-tone colours so that the site's theme
CSS can adapt them to light and dark mode.
"""

from __future__ import annotations

import datetime as dt

from matplotlib.dates import YearLocator, date2num
from matplotlib.figure import Figure

from .content import Book

INK = "#4b5563"  # axis and label colour; the site's dark-mode CSS inverts it
ACCENT = "#2f7d6d"


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


def _style(axes) -> None:
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(INK)
    axes.tick_params(colors=INK, labelsize=9, length=0)
    axes.set_facecolor("none")
    axes.figure.set_facecolor("none")
