"""Charts for the notebook pages: small inline SVG timelines, drawn from the validated facts.

Written by hand rather than by matplotlib so that they read on every screen and in both
colour schemes, with nothing for a Content-Security-Policy to block:

* no ``viewBox``: user units are CSS pixels, so text keeps its size (12 px) on a phone
  and on a desktop, while positions along the time axis are percentages of the width;
* no background, no ``style`` attributes, no ``<style>``, no ids (two charts on a page
  never clash): text and rules are ``currentColor``, bars have a fallback fill in a
  mid-tone that reads on light and dark, and classes the theme may restyle:

  ``svg.cv-chart``              the chart (``role="img"``, named by ``aria-label``)
  ``.cv-chart-label``           a row's name (company or skill) and its short duration
  ``.cv-chart-heading``         a skill group's name
  ``.cv-chart-bar``             a period; ``.cv-chart-group-N`` (N = 1, 2, ...) its group
  ``.cv-chart-grid``            a year's rule; ``.cv-chart-axis`` its label
  ``.cv-chart-note``            the "as of DATE" line (charts cannot recount themselves)
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from ..model.book import Book
from ..model.durations import Interval
from ..model.skills import by_group, group_order

FONT_SIZE = 12  # px, as rendered: no viewBox scales it
ROW = 34  # px per row: a label line, then its bar
BAR_HEIGHT = 10
HEADING = 26  # px for a group's name
AXIS = 22  # px under the rows for the years
NOTE = 20  # px for the "as of" line
LAST_YEAR_LABEL_AT = 90  # % of the width: a year's label further right would be cut off

# Fallback fills, one per skill group in the intro's order, then "Other": mid-tones with at
# least 3:1 contrast on white and on the dark scheme's near-black. The theme may override them.
GROUP_COLOURS = ("#2f8f6f", "#c0641c", "#7a63c9", "#808791")


@dataclass(frozen=True)
class Chart:
    """An SVG chart; Jupyter and the built page show it inline (``_repr_html_``)."""

    svg: str

    def _repr_html_(self) -> str:
        return self.svg


@dataclass(frozen=True)
class _Row:
    label: str
    note: str  # short duration, right-aligned on the label line
    periods: tuple[Interval, ...]
    group: int  # 1-based colour slot


class _Scale:
    """Dates to percentages of the chart's width."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.first, self.days = first, max((last - first).days, 1)

    def x(self, day: dt.date) -> float:
        return 100 * (day - self.first).days / self.days

    def width(self, interval: Interval) -> float:
        return 100 * interval.days / self.days


def _pct(value: float) -> str:
    return f"{value:.2f}%"


def _text(text: str, *, x: str, y: float, cls: str, anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text class="{cls}" x="{x}" y="{y:g}" text-anchor="{anchor}"{weight} fill="currentColor">'
        f"{html.escape(text)}</text>"
    )


def _draw(title: str, rows: list[_Row | str], scale: _Scale, as_of: dt.date) -> Chart:
    """Rows top to bottom (a str is a group heading), year rules behind them, the as-of note last."""
    parts: list[str] = []
    y = 0.0
    for row in rows:
        if isinstance(row, str):
            parts.append(_text(f"{row}_", x="0", y=y + 18, cls="cv-chart-heading", bold=True))
            y += HEADING
            continue
        parts.append(_text(row.label, x="0", y=y + FONT_SIZE + 2, cls="cv-chart-label"))
        parts.append(_text(row.note, x="100%", y=y + FONT_SIZE + 2, cls="cv-chart-label", anchor="end"))
        colour = GROUP_COLOURS[(row.group - 1) % len(GROUP_COLOURS)]
        for period in row.periods:
            parts.append(
                f'<rect class="cv-chart-bar cv-chart-group-{row.group}" x="{_pct(scale.x(period.start))}" '
                f'y="{y + FONT_SIZE + 7:g}" width="{_pct(scale.width(period))}" height="{BAR_HEIGHT}" '
                f'rx="2" fill="{colour}"/>'
            )
        y += ROW
    grid: list[str] = []
    for year in range(scale.first.year + 1, as_of.year + 1):
        x = scale.x(dt.date(year, 1, 1))
        grid.append(
            f'<line class="cv-chart-grid" x1="{_pct(x)}" x2="{_pct(x)}" y1="0" y2="{y + 6:g}" '
            'stroke="currentColor" stroke-opacity="0.25" stroke-dasharray="2 3"/>'
        )
        if x <= LAST_YEAR_LABEL_AT:
            grid.append(_text(str(year), x=_pct(x), y=y + 18, cls="cv-chart-axis"))
    note = _text(f"Durations as of {as_of.isoformat()}", x="0", y=y + AXIS + 14, cls="cv-chart-note")
    height = y + AXIS + NOTE
    svg = (
        f'<svg class="cv-chart" xmlns="http://www.w3.org/2000/svg" width="100%" height="{height:g}" '
        f'role="img" aria-label="{html.escape(title)}" font-size="{FONT_SIZE}">'
        f"<title>{html.escape(title)}</title>{''.join(grid)}{''.join(parts)}{note}</svg>"
    )
    return Chart(svg)


def positions_timeline(book: Book) -> Chart:
    """One row per position, newest at the top: its name, its duration, its bar in time."""
    pages = book.positions
    scale = _Scale(min(page.position.start for page in pages), book.as_of)
    rows: list[_Row | str] = [
        _Row(page.position.company, page.duration(book.as_of).short_label, (page.interval(book.as_of),), 1)
        for page in pages
    ]
    title = f"Positions over time, as of {book.as_of.isoformat()}. The table above gives the same dates."
    return _draw(title, rows, scale, book.as_of)


def skills_timeline(book: Book) -> Chart:
    """Per skill group, one row per skill with hands-on time: its periods in time, longest first.

    Skills without hands-on time in a position have no bar, so no row here; the table lists them.
    """
    slots = {group: index for index, group in enumerate(group_order(book), start=1)}
    rows: list[_Row | str] = []
    for group, members in by_group(book):
        timed = [skill for skill in members if skill.periods]
        if timed:
            rows.append(group)
            rows += [
                _Row(skill.name, skill.hands_on.short_label, skill.periods, slots[group]) for skill in timed
            ]
    scale = _Scale(min(page.position.start for page in book.positions), book.as_of)
    title = f"Time in the positions that list each skill, as of {book.as_of.isoformat()}. The table below gives it as text."
    return _draw(title, rows, scale, book.as_of)
