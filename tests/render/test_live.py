"""Durations that stay true after the build (cvbook.render.live): what the browser is given to recount."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from cvbook.model.book import OpenInterval
from cvbook.render.live import CLASS, duration_html, is_live

CLOSED = ("2021-08-01", "2023-06-01")
OPEN = ("2025-09-01", None)


@pytest.mark.parametrize(
    ("spans", "live"),
    [
        pytest.param([], False, id="none"),
        pytest.param([CLOSED], False, id="finished"),
        pytest.param([CLOSED, ("2019-01-01", "2020-01-01")], False, id="all-finished"),
        pytest.param([OPEN], True, id="current"),
        pytest.param([OPEN, CLOSED], True, id="current-then-finished"),
        pytest.param([CLOSED, OPEN], True, id="finished-then-current"),
        pytest.param([OPEN, ("2024-01-01", None)], True, id="all-current"),
    ],
)
def test_a_duration_is_live_when_any_interval_runs_to_today(spans: list[OpenInterval], live: bool) -> None:
    assert is_live(spans) is live
    assert is_live(iter(spans)) is live  # any iterable, read once
    assert (f'class="{CLASS}"' in duration_html(spans, "label")) is live


def test_a_finished_duration_is_its_label_as_text() -> None:
    assert duration_html([CLOSED], "1 year & <b>2</b>") == "1 year &amp; &lt;b&gt;2&lt;/b&gt;"


def test_a_live_duration_carries_its_intervals_and_its_built_label() -> None:
    markup = duration_html(iter([OPEN, CLOSED]), "6 months")
    intervals = '[["2025-09-01",null],["2021-08-01","2023-06-01"]]'.replace('"', "&quot;")
    assert markup == f"<span class=\"cv-duration\" data-intervals='{intervals}'>6 months</span>"


iso_days = st.dates().map(lambda day: day.isoformat())
spans_strategy = st.lists(st.tuples(iso_days, st.one_of(st.none(), iso_days)), min_size=1, max_size=4)


# Text as a page can hold it: no control characters (HTML has no way to write most of them).
labels = st.text(st.characters(exclude_categories=("Cc", "Cs")))


@given(spans_strategy, labels)
def test_the_browser_reads_back_exactly_the_intervals_and_the_label(
    spans: list[OpenInterval], label: str
) -> None:
    """Whatever the label holds, the markup parses to the same intervals and text."""
    live = [*spans, ("2020-01-01", None)]
    (span,) = lxml_html.fragment_fromstring(duration_html(live, label), create_parent="div").xpath("span")
    assert json.loads(span.get("data-intervals")) == [list(item) for item in live]
    assert span.text_content() == label
