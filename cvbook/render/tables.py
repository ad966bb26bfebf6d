"""What the notebooks call: load the book, then tables and totals as HTML to display.

Keeps notebooks thin (import, call, display) whether they run in the build, in
JupyterLab from ``notebooks/`` or under nbclient from the repository root.

Tables are plain HTML with no inline styles, inside a scrolling region
(``div.cv-table-scroll``, focusable so a keyboard can scroll it) that the theme lets
scroll sideways rather than clip a cell. Every duration that runs to ``present`` is
written with ``cvbook.render.live``'s markup, which the site's script recounts for the
reader's today; anywhere else it reads as the built figure.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.loader import load_book
from ..model.book import Book, OpenInterval, open_intervals
from ..model.durations import Duration
from ..model.months import month_label
from ..model.skills import by_group
from .live import duration_html

NO_BREAK = "\u00a0"  # keeps a date on one line in a narrow column


@dataclass(frozen=True)
class Html:
    """A fragment of trusted HTML (its text already escaped); shown as such by Jupyter."""

    markup: str

    def _repr_html_(self) -> str:
        return self.markup


def setup(root: Path | str | None = None) -> Book:
    """The validated book, as of today (or SOURCE_DATE_EPOCH's day)."""
    return load_book(root)


def _cell(markup: str, header: bool = False) -> str:
    return f'<th scope="row">{markup}</th>' if header else f"<td>{markup}</td>"


def _table(caption: str, columns: Sequence[str], rows: Sequence[str]) -> Html:
    head = "".join(f'<th scope="col">{html.escape(column)}</th>' for column in columns)
    return Html(
        f'<div class="cv-table-scroll" role="region" aria-label="{html.escape(caption)}" tabindex="0">'
        f'<table class="cv-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def live_duration(spans: list[OpenInterval], duration: Duration) -> str:
    return duration_html(spans, duration.label)


def _note(text: str) -> str:
    """A second line in a cell: details that would otherwise need a column of their own."""
    return f'<br><span class="cv-table-note">{html.escape(text)}</span>'


def positions_table(book: Book) -> Html:
    """One row per position, newest first: company (role and mode below it), dates, duration.

    Three columns, so that the table fits a phone without scrolling.
    """
    rows = []
    for page in book.positions:
        position = page.position
        start = month_label(position.start, NO_BREAK)
        end = "present" if position.end is None else month_label(position.end, NO_BREAK)
        dates = f"{start}{NO_BREAK}– {end}"  # wraps after the dash only
        rows.append(
            "<tr>"
            + _cell(html.escape(position.company) + _note(f"{position.role}, {position.mode}"), header=True)
            + _cell(html.escape(dates))
            + _cell(live_duration(open_intervals([page]), page.duration(book.as_of)))
            + "</tr>"
        )
    return _table("Positions", ["Position", "Dates", "Duration"], rows)


def experience_total(book: Book) -> Html:
    """The total time in positions (overlaps once, gaps not at all), recounted live."""
    return Html(
        f'<p class="cv-total"><strong>Total:</strong> '
        f"{live_duration(open_intervals(book.positions), book.experience)}</p>"
    )


def skills_table(book: Book) -> Html:
    """Each skill group, its skills longest hands-on time first, with where (below the time).

    A skill that no position names is listed plainly: its time cell stays empty.
    """
    rows = []
    for group, members in by_group(book):
        rows.append(
            f'<tr class="cv-table-group"><th scope="rowgroup" colspan="2">{html.escape(group)}_</th></tr>'
        )
        for skill in members:
            time = ""
            if skill.periods:
                time = live_duration(skill.intervals, skill.hands_on) + _note(", ".join(skill.companies))
            rows.append(f"<tr>{_cell(html.escape(skill.name), header=True)}{_cell(time)}</tr>")
    return _table("Skills", ["Skill", "Time in positions that list it, and where"], rows)
