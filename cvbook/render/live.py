"""Durations that stay true after the build: the markup the browser recounts.

A duration that runs to ``present`` grows every day, while the built page is frozen at
its build date. Such a duration is written as

    <span class="cv-duration" data-intervals='[["2025-09-01",null]]'>7 months, 17 days</span>

with the built label as its text (what a reader without JavaScript sees) and the
intervals it was counted from (half-open ``[start, end)``, ISO dates, ``null`` for
"up to today"). The theme's ``durations.js`` recounts every such span for the reader's
today by the rules of ``cvbook.model.durations``; the browser tests hold the two to one answer.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable

from ..model.book import OpenInterval

CLASS = "cv-duration"


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
