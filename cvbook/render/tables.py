"""HTML tables from the frames of ``cvbook.model.frames``, for the notebook pages.

``stacked_table(frame, …)`` renders any frame; the other functions pick and word a frame's
columns for readers and call it. The HTML is what a hash-only Content-Security-Policy lets
through: no ``style`` attribute, no ``<style>`` (pandas' ``to_html`` always writes
``<tr style="text-align: right;">`` and its notebook display a ``<style scoped>``, so neither is
used). Every fact is escaped as text here; only columns named in ``markup`` carry markup,
which this module writes itself (escaping the facts in it).

The table sits in a focusable scrolling region (``div.cv-table-scroll``); each cell carries its
column's name (``data-label``), so that on a phone the theme stacks a row's cells one under
another, each under its name, instead of squeezing columns (``table.cv-table-stack``).

A duration that runs to today is written with ``cvbook.render.live``'s markup, which the site's
script recounts for the reader's today; anywhere else it reads as computed.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ..model.durations import Duration
from ..model.months import day_label, month_label
from .live import duration_html

NO_BREAK = "\u00a0"  # keeps a date on one line in a narrow column


@dataclass(frozen=True)
class Html:
    """A fragment of trusted HTML (its text already escaped); shown as such by Jupyter."""

    markup: str

    def _repr_html_(self) -> str:
        return self.markup


def _cell(column: str, value: str, header: bool) -> str:
    tag, scope = ("th", ' scope="row"') if header else ("td", "")
    content = value if header else f"<span>{value}</span>"  # one grid item when the row stacks
    return f'<{tag}{scope} data-label="{html.escape(column)}">{content}</{tag}>'


def stacked_table(
    frame: pd.DataFrame,
    *,
    caption: str,
    header: str | None = None,
    markup: Iterable[str] = (),
    group: str | None = None,
) -> Html:
    """``frame`` as a table: one row per row, its columns' names as the head.

    ``header`` names the column whose cells head their rows (default: the first); cells of
    ``markup`` columns are inserted as they are (trusted HTML), all others escaped as text.
    ``group``: a column whose value, where it changes, heads the rows below it (not a column itself).
    """
    markup = set(markup)
    columns = [column for column in frame.columns if column != group]
    header = header or columns[0]
    head = "".join(f'<th scope="col">{html.escape(str(column))}</th>' for column in columns)
    body, current = [], object()
    for record in frame.to_dict("records"):
        if group is not None and record[group] != current:
            current = record[group]
            body.append(
                f'<tr class="cv-table-group"><th scope="rowgroup" colspan="{len(columns)}">'
                f"{html.escape(str(current))}</th></tr>"
            )
        cells = (
            _cell(str(column), str(record[column]) if column in markup else html.escape(str(record[column])),
                  column == header)
            for column in columns
        )  # fmt: skip
        body.append(f"<tr>{''.join(cells)}</tr>")
    return Html(
        f'<div class="cv-table-scroll" role="region" aria-label="{html.escape(caption)}" tabindex="0">'
        f'<table class="cv-table cv-table-stack"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _note(text: str) -> str:
    """A second line in a cell: details that would otherwise need a column of their own."""
    return f'<br><span class="cv-table-note">{html.escape(text)}</span>'


def _month(day: pd.Timestamp) -> str:
    return month_label(day.date(), NO_BREAK)


def _live(spans: list[tuple[str, str | None]], label: str) -> str:
    return duration_html(spans, label)


def _span(start: pd.Timestamp, end_exclusive: pd.Timestamp) -> tuple[str, str | None]:
    return start.date().isoformat(), None if pd.isna(end_exclusive) else end_exclusive.date().isoformat()


def positions_table(positions: pd.DataFrame) -> Html:
    """``frames.positions_frame`` for readers: position (role and mode below it), dates, duration.

    Three columns, so that a phone shows a position in a few lines.
    """
    view = pd.DataFrame(
        {
            "Position": [
                html.escape(row.company) + _note(f"{row.role}, {row.mode}") for row in positions.itertuples()
            ],
            "Dates": [
                html.escape(f"{_month(row.start)}{NO_BREAK}– {'present' if row.running else _month(row.end)}")
                for row in positions.itertuples()
            ],
            "Duration": [
                _live([_span(row.start, row.end_exclusive)], row.duration) for row in positions.itertuples()
            ],
        }
    )
    return stacked_table(view, caption="Positions", markup=view.columns)


def union_table(union: pd.DataFrame) -> Html:
    """``frames.union_frame`` for readers: each stretch of time in positions, first to last day."""
    view = pd.DataFrame(
        {
            "From": [day_label(start.date()) for start in union["start"]],
            "To": [
                "today" if running else day_label(until.date() - dt.timedelta(days=1))
                for until, running in zip(union["until"], union["running"], strict=True)
            ],
            "Duration": [
                _live([(start.date().isoformat(), None if running else until.date().isoformat())], label)
                for start, until, running, label in zip(
                    union["start"], union["until"], union["running"], union["duration"], strict=True
                )
            ],
        }
    )
    view[["From", "To"]] = view[["From", "To"]].map(lambda text: text.replace(" ", NO_BREAK))
    return stacked_table(view, caption="Time in positions, overlaps merged", markup=["Duration"])


def experience_total(positions: pd.DataFrame, total: Duration) -> Html:
    """The total time in positions (overlaps once, gaps not at all), recounted live."""
    spans = [
        _span(start, end) for start, end in zip(positions["start"], positions["end_exclusive"], strict=True)
    ]
    return Html(f'<p class="cv-total"><strong>Total:</strong> {_live(spans, total.label)}</p>')


def skills_table(skills: pd.DataFrame) -> Html:
    """``frames.skills_frame`` for readers: per group, each skill's time and where (below the time)."""
    view = pd.DataFrame(
        {
            "group": skills["group"].astype(str),
            "Skill": skills["skill"],
            "Time": [_live(row.spans, row.duration) + _note(row.companies) for row in skills.itertuples()],
        }
    )
    return stacked_table(view, caption="Skills", markup=["Time"], group="group")


def skill_names(listed_only: pd.DataFrame) -> Html:
    """Skills as plain names under their group, as the home page lists them (no time, no remark)."""
    blocks = []
    for group, members in listed_only.groupby("group", sort=False):
        names = "".join(f"<li><p>{html.escape(name)}</p></li>" for name in members["skill"])
        blocks.append(f'<p><span class="cv-label">{html.escape(str(group))}</span></p><ul>{names}</ul>')
    return Html(f'<div class="skill-groups">{"".join(blocks)}</div>')
