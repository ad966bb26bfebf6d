"""Durations that stay true after the build: the markup the browser recounts.

A duration that runs to ``present`` grows every day, while the built page is frozen at
its build date. Such a duration is written as

    <span class="cv-duration" data-intervals='[["2025-09-01",null]]'>7 months, 17 days</span>

with the built label as its text (what a reader without JavaScript sees) and the
intervals it was counted from (half-open ``[start, end)``, ISO dates, ``null`` for
"up to today"). The theme's ``durations.js`` recounts every such span for the reader's
today by the rules of ``cvbook.durations``; the browser tests hold the two to one answer.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable

from docutils import nodes

from .content import ExperiencePage

CLASS = "cv-duration"

# [start, end) as ISO dates; end None while the position is current.
OpenInterval = tuple[str, str | None]


def intervals(pages: Iterable[ExperiencePage]) -> list[OpenInterval]:
    """The positions' intervals, unclipped: a current one has no end."""
    return [
        (
            page.position.start.isoformat(),
            page.position.end_exclusive.isoformat() if page.position.end_exclusive else None,
        )
        for page in pages
    ]


def is_live(spans: Iterable[OpenInterval]) -> bool:
    """Whether the duration grows with time: one of its intervals runs to today."""
    return any(end is None for _, end in spans)


def _data(spans: list[OpenInterval]) -> str:
    return json.dumps(spans, separators=(",", ":"))


def duration_html(spans: Iterable[OpenInterval], label: str) -> str:
    """``label`` as HTML text; wrapped for the browser to recount when it runs to today."""
    spans = list(spans)
    text = html.escape(label)
    if not is_live(spans):
        return text
    return f"<span class=\"{CLASS}\" data-intervals='{html.escape(_data(spans), quote=True)}'>{text}</span>"


def duration_node(spans: Iterable[OpenInterval], label: str) -> nodes.Node:
    """The same as :func:`duration_html`, as a docutils node for pages built from the facts."""
    spans = list(spans)
    if not is_live(spans):
        return nodes.Text(label)
    return nodes.raw("", duration_html(spans, label), format="html")
