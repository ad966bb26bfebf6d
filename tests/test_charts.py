"""Figures (cvbook.charts), checked through their objects rather than their pixels."""

from __future__ import annotations

from matplotlib.collections import PolyCollection

from synthetic import PINNED_DATE, REPO
from cvbook import charts
from cvbook.content import load_book
from cvbook.skills import skills

BOOK = load_book(REPO, as_of=PINNED_DATE)


def test_skills_timeline_has_one_labelled_row_per_technology() -> None:
    axes = charts.skills_timeline(BOOK).axes[0]
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels == [skill.name for skill in skills(BOOK)]
    assert len(set(labels)) == len(labels)


def test_skills_timeline_draws_bars_only_for_used_technologies() -> None:
    axes = charts.skills_timeline(BOOK).axes[0]
    bars = [c for c in axes.collections if isinstance(c, PolyCollection)]
    used = [skill for skill in skills(BOOK) if skill.periods]
    assert len(bars) == len(used)
    notes = [text.get_text() for text in axes.texts]
    assert notes.count("listed, not named in a position") == len(skills(BOOK)) - len(used)


def test_skills_timeline_legend_names_every_group() -> None:
    legend = charts.skills_timeline(BOOK).axes[0].get_legend()
    assert [text.get_text() for text in legend.get_texts()] == ["Backend_", "Frontend_", "Common_", "Other_"]


def test_positions_timeline_labels_each_position_with_its_duration() -> None:
    axes = charts.positions_timeline(BOOK).axes[0]
    assert [label.get_text() for label in axes.get_yticklabels()] == [
        "PrimeGate", "Startup", "Wildberries", "NDA Performance Marketing Agency",
    ]
    assert [text.get_text() for text in axes.texts] == ["1y 10m", "1y 9m", "2y", "6m"]
