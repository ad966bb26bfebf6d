"""Charts (cvbook.render.charts) on synthetic books, read back as SVG: what they draw and where
(the time axis is pinned), that the page's colours reach them, that nothing a hash-only CSP
blocks is left, that a phone reads them, and that they state nothing that goes stale."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cvbook.content.loader import load_book
from cvbook.model import frames
from cvbook.render import charts
from synthetic import PINNED_DATE, REPO, make_book, position

SVG = "{http://www.w3.org/2000/svg}"
LIGHT_BACKGROUND, DARK_BACKGROUND = "#fbfaf6", "#0e110f"  # the theme's --bg (cv.css)
PHONE_COLUMN = 360 - 32  # CSS px: a 360 px phone minus main's padding
MIN_TEXT_PX = 11


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory):
    return load_book(make_book(tmp_path_factory.mktemp("charts") / "book"), as_of=PINNED_DATE)


@pytest.fixture(scope="module")
def positions(book):
    return frames.positions_frame(book)


@pytest.fixture(scope="module")
def skills(book):
    return frames.skills_frame(book, frames.skill_periods_frame(book, frames.stacks_frame(book)))


@pytest.fixture(scope="module")
def drawn(book, positions, skills) -> dict[str, charts.Chart]:
    return {
        "positions": charts.positions_timeline(positions, book.as_of),
        "skills": charts.skills_timeline(skills, book.as_of),
    }


def renderings(chart: charts.Chart) -> dict[str, ET.Element]:
    return {layout.name: ET.fromstring(svg) for layout, svg in zip(charts.LAYOUTS, chart.svgs, strict=True)}


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def bar_extents(root: ET.Element) -> list[tuple[float, float]]:
    """Each bar's left and right x (user units) in drawing order; a running one's pieces merged."""
    extents = []
    for group in root.iter(f"{SVG}g"):
        if "cv-chart-bar" not in group.get("class", ""):
            continue
        for path in group.iter(f"{SVG}path"):
            xs = [float(x) for x in re.findall(r"[ML] ([\d.]+) [\d.]+", path.get("d", ""))]
            if xs:
                extents.append((min(xs), max(xs)))
    return extents


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_positions_timeline_has_a_row_per_position_newest_first(drawn, positions) -> None:
    for root in renderings(drawn["positions"]).values():
        labels = [text for text in texts(root) if not text.isdigit()]
        assert labels == list(positions["company"])


@pytest.mark.parametrize("layout", charts.LAYOUTS, ids=lambda layout: layout.name)
def test_the_time_axis_runs_from_the_first_start_to_the_as_of_date(drawn, positions, book, layout) -> None:
    """Years and bars sit where their dates are on an axis that fills the plot's width."""
    root = renderings(drawn["positions"])[layout.name]
    width_pt = float(root.get("viewBox").split()[2])
    assert width_pt == pytest.approx(layout.width_in * 72)
    left = layout.gutter_in * 72 or 2.0
    right = width_pt - 10.0
    first = positions["start"].min().date() - dt.timedelta(days=45)

    def x(day: dt.date) -> float:
        return left + (right - left) * (day - first).days / (book.as_of - first).days

    years = {
        int(text.text): float(text.get("x"))
        for text in root.iter(f"{SVG}text")
        if (text.text or "").isdigit()
    }
    assert years, "no year on the axis"
    for year, at in years.items():
        assert at == pytest.approx(x(dt.date(year, 1, 1)), abs=0.05)
    extents = bar_extents(root)
    for row in positions.itertuples():
        start, until = x(row.start.date()), x(row.until.date())
        assert any(abs(a - start) < 0.05 for a, _ in extents), row.company
        if not row.running:
            assert (start, until) == pytest.approx(
                next(e for e in extents if abs(e[0] - start) < 0.05), abs=0.05
            )
    assert max(b for _, b in extents) == pytest.approx(right, abs=0.05)  # the current one reaches today


def test_running_positions_are_open_ended_and_no_chart_states_a_duration(drawn) -> None:
    for chart in drawn.values():
        for root in renderings(chart).values():
            words = " ".join(texts(root)) + " " + root.get("aria-label")
            assert not re.search(r"\d+\s*(y|m|d|years?|months?|days?)\b", words), words
    positions_svg = drawn["positions"].svgs[0]
    assert positions_svg.count(' opacity="0.') >= 5  # the fading tail of the current position


def test_skills_timeline_draws_each_skill_with_time_under_its_group(drawn, skills) -> None:
    for root in renderings(drawn["skills"]).values():
        shown = texts(root)
        for group, members in skills.groupby("group", observed=True, sort=True):
            assert shown.index(str(group)) < min(shown.index(name) for name in members["skill"])
        assert not {str(group) for group in skills["group"].cat.categories} - set(
            skills["group"].astype(str)
        ) & set(shown)


@pytest.mark.parametrize("name", ["positions", "skills"])
def test_charts_take_the_pages_colours_and_nothing_a_csp_blocks(drawn, name) -> None:
    for svg in drawn[name].svgs:
        root = ET.fromstring(svg)
        assert root.get("role") == "img" and root.get("aria-label")
        assert not re.search(r"\sstyle=", svg) and "<style" not in svg
        colours = set(re.findall(r'(?:fill|stroke)="([^"]+)"', svg)) - {"none", "currentColor"}
        assert colours <= set(charts.GROUP_FILLS), colours
        assert all(text.get("fill") == "currentColor" for text in root.iter(f"{SVG}text"))
        clips = {rect for clip in root.iter(f"{SVG}clipPath") for rect in clip.iter(f"{SVG}rect")}
        assert not [rect for rect in root.iter(f"{SVG}rect") if rect not in clips]  # no background slab
        assert root.find(f"{SVG}path") is None  # nor a figure's patch


def test_group_colours_read_on_both_backgrounds() -> None:
    for colour in charts.GROUP_FILLS:
        assert contrast(colour, LIGHT_BACKGROUND) >= 3 and contrast(colour, DARK_BACKGROUND) >= 3, colour


def test_ids_are_referenced_and_never_shared_between_charts(drawn) -> None:
    ids = [found for chart in drawn.values() for found in re.findall(r'\sid="([^"]+)"', chart.svg)]
    assert len(ids) == len(set(ids))
    for chart in drawn.values():
        for found in re.findall(r'\sid="([^"]+)"', chart.svg):
            assert f"#{found}" in chart.svg


def breakpoint_px() -> float:
    """The viewport width under which the theme shows the narrow rendering (cv.css)."""
    css = (REPO / "cvbook/site/theme/cv.css").read_text(encoding="utf-8")
    rem = re.search(r"@media \(max-width: ([\d.]+)rem\) \{\s*svg\.cv-chart-wide \{ display: none; \}", css)
    assert rem, "cv.css no longer switches the chart renderings"
    return float(rem[1]) * 16


@pytest.mark.parametrize("name", ["positions", "skills"])
def test_text_reads_on_a_phone_and_neither_rendering_shrinks_below_0_8(drawn, name) -> None:
    wide, narrow = (ET.fromstring(svg) for svg in drawn[name].svgs)
    assert "display" not in wide.attrib and narrow.get("display") == "none"  # unstyled viewers show one

    def smallest_px(root: ET.Element, scale: float) -> float:
        return min(float(text.get("font-size")) for text in root.iter(f"{SVG}text")) * 4 / 3 * scale

    assert int(narrow.get("width")) <= PHONE_COLUMN and smallest_px(narrow, 1) >= MIN_TEXT_PX
    # The wide one at its narrowest: the column just above the breakpoint.
    scale = min(1, (breakpoint_px() - 32) / int(wide.get("width")))
    assert scale >= 0.8 and smallest_px(wide, scale) >= MIN_TEXT_PX


def test_chart_shows_inline_and_keeps_its_figures(drawn) -> None:
    chart = drawn["positions"]
    assert chart._repr_html_().count("<svg") == 2
    assert chart._repr_svg_() == chart.svgs[0]
    assert type(chart.figure).__module__ == "matplotlib.figure"


def test_names_are_text_whatever_they_contain(tmp_path: Path) -> None:
    company = 'R&D <Labs> "x" style="fill: red" $a$'
    book = load_book(
        make_book(tmp_path / "book", positions={"a": position(company, "Engineer", "2020-01", "2021-01")}),
        as_of=PINNED_DATE,
    )
    chart = charts.positions_timeline(frames.positions_frame(book), book.as_of)
    for root in renderings(chart).values():
        assert company in texts(root) or company in " ".join(texts(root))
