"""Timelines drawn by matplotlib, inlined in the page as SVG that the page's theme colours.

``positions_timeline(positions)`` and ``skills_timeline(skills)`` take the frames of
``cvbook.model.frames`` and return a ``Chart``: two matplotlib figures (``chart.figure``,
the wide one, is an ordinary ``matplotlib.figure.Figure`` to inspect, restyle or save)
and their SVG, which Jupyter and the built page show inline (``_repr_html_``).

How the SVG suits a themed page under a hash-only Content-Security-Policy:

* text stays text (``svg.fonttype: none``); every text, axis, tick and grid line is drawn in a
  sentinel colour that becomes ``currentColor``, so the chart takes the page's text colour in
  either scheme and under the toggle; the background is transparent; bars have fills with at
  least 3:1 contrast on both page backgrounds (``GROUP_FILLS``);
* matplotlib's ``style="…"`` attributes and its ``<style>`` element, which such a policy
  blocks, become presentation attributes (not subject to the policy); ids nothing refers to
  are dropped, and each rendering salts the ids it keeps, so two charts never clash;
* two renderings at their natural size in CSS px: ``WIDE`` (7.2 in, 10 pt text) and
  ``NARROW`` (3 in, 9 pt = 12 px, labels above the bars) for phones. The theme shows one
  (``svg.cv-chart-narrow`` carries ``display="none"`` until its media query shows it), and
  neither is scaled below 0.8 of its size, so text stays at 11 CSS px or more;
* nothing in a chart goes stale: it states no duration, and a position that runs to today is
  drawn open-ended (a fading tail and an arrow at the axis' end), so tables that recount
  themselves in the reader's browser never disagree with it. The frames beside it carry the figures.

Classes for the theme: ``svg.cv-chart`` (``role="img"``, named by ``aria-label``),
``.cv-chart-wide`` / ``.cv-chart-narrow``, ``g.cv-chart-bar.cv-chart-group-N`` (N = 1, 2, … in
the groups' order).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from ..model.months import month_label

SENTINEL = "#010203"  # drawn for "the page's text colour"; becomes currentColor
# Bar fills per group (1-based, in the groups' order, then round again), each at least 3:1
# against the light (#fbfaf6) and the dark (#0e110f) page background (tests/render/test_charts.py).
GROUP_FILLS = ("#2f8f6f", "#c0641c", "#7a63c9", "#808791")
FONT_STACK = "DejaVu Sans, Verdana, sans-serif"  # text is laid out with DejaVu Sans's metrics
PX_PER_PT = 4 / 3

RC = {
    "svg.fonttype": "none",
    "svg.id": None,
    "text.parse_math": False,  # a "$" in a company's name is a dollar sign
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.edgecolor": "none",
    "savefig.transparent": True,
    "savefig.bbox": None,  # "tight" would change the width drawn for
    "text.color": SENTINEL,
    "axes.edgecolor": SENTINEL,
    "axes.labelcolor": SENTINEL,
    "xtick.color": SENTINEL,
    "ytick.color": SENTINEL,
    "grid.color": SENTINEL,
    "grid.alpha": 0.3,
    "grid.linestyle": (0, (2, 3)),
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.spines.left": False,
    "axes.linewidth": 0.8,
}


@dataclass(frozen=True)
class Layout:
    """One rendering: its width, text size and where row labels go."""

    name: str
    width_in: float
    font_pt: float
    gutter_in: float  # the label column left of the bars; 0: labels above the bars
    wrap: int  # characters per label line
    bar_pt: float
    gap_pt: float


WIDE = Layout("wide", 7.2, 10, 1.9, 24, 9, 7)
NARROW = Layout("narrow", 3.0, 9, 0.0, 40, 7, 6)
LAYOUTS = (WIDE, NARROW)
TAIL = 0.07  # of the time axis: the fading end of a period that runs to today


@dataclass(frozen=True)
class Row:
    """A chart row: a label and its periods, ``[start, end)``, end None while it runs to today."""

    label: str
    group: int = 1
    periods: tuple[tuple[dt.date, dt.date | None], ...] = ()
    heading: bool = False  # a group's name above its rows


@dataclass(frozen=True)
class Chart:
    """A chart's matplotlib figures and their SVG; Jupyter and the page show it inline."""

    figures: tuple[Figure, ...]  # in LAYOUTS' order
    svgs: tuple[str, ...]

    @property
    def figure(self) -> Figure:
        """The wide figure: an ordinary matplotlib Figure (``chart.figure.savefig("x.png")``)."""
        return self.figures[0]

    @property
    def svg(self) -> str:
        return "".join(self.svgs)

    def _repr_html_(self) -> str:
        return f'<div class="cv-chart-box">{self.svg}</div>'

    def _repr_svg_(self) -> str:
        """For viewers that render SVG but not inline HTML (the wide rendering)."""
        return self.svgs[0]


# --- drawing -----------------------------------------------------------------------------------


def figure(rows: Sequence[Row], as_of: dt.date, layout: Layout = WIDE) -> Figure:
    """The timeline as a matplotlib Figure: rows top to bottom, time from the first start to ``as_of``."""
    with matplotlib.rc_context({**RC, "font.size": layout.font_pt}):
        return _draw(rows, as_of, layout)


def _draw(rows: Sequence[Row], as_of: dt.date, lay: Layout) -> Figure:
    line = lay.font_pt * 1.25
    placed = []  # (row, label lines, label top, bar centre), in pt from the top
    y = 0.0
    for row in rows:
        lines = textwrap.wrap(row.label, lay.wrap, break_on_hyphens=False) or [""]
        if row.heading:
            y += lay.gap_pt * 0.6
            placed.append((row, lines, y, None))
            y += line * len(lines) + 2
        elif lay.gutter_in:  # the label left of its bar, centred on it
            height = max(lay.bar_pt, line * len(lines)) + lay.gap_pt
            placed.append((row, lines, y + (height - line * len(lines)) / 2, y + height / 2))
            y += height
        else:  # the label above its bar
            placed.append((row, lines, y, y + line * len(lines) + 2 + lay.bar_pt / 2))
            y += line * len(lines) + 2 + lay.bar_pt + lay.gap_pt
    top, bottom, right = 4.0, line + 8, 10.0  # pt: air above, the years below, the arrow right
    width_pt, height_pt = lay.width_in * 72, y + top + bottom
    left = lay.gutter_in * 72 or 2.0
    fig = Figure(figsize=(lay.width_in, height_pt / 72))
    fig.patch.set_visible(False)
    ax = fig.add_axes(
        (left / width_pt, bottom / height_pt, (width_pt - left - right) / width_pt, y / height_pt)
    )
    ax.patch.set_visible(False)
    ax.set_ylim(y, 0)
    ax.set_yticks([])

    first = min(start for row in rows for start, _ in row.periods)
    x0, x1 = _num(first - dt.timedelta(days=45)), _num(as_of)
    ax.set_xlim(x0, x1)
    years = [_num(dt.date(year, 1, 1)) for year in range(first.year, as_of.year + 1)]
    years = [x for x in years if x0 < x <= x1]
    ax.set_xticks(years, [str(mdates.num2date(x).year) for x in years])
    ax.tick_params(axis="x", length=3, pad=3)
    ax.grid(axis="x")
    ax.set_axisbelow(True)

    beside = (-0.012, "right") if lay.gutter_in else (0.0, "left")
    for row, lines, label_top, bar_y in placed:
        ax.text(*beside[:1], label_top, "\n".join(lines), transform=ax.get_yaxis_transform(), ha=beside[1], va="top",
                linespacing=1.25, fontweight="bold" if row.heading else "normal")  # fmt: skip
        if bar_y is not None:
            _bars(ax, row, bar_y, lay, x1, tail=TAIL * (x1 - x0))
    return fig


def _num(day: dt.date) -> float:
    return float(mdates.date2num(day))


def _bars(ax, row: Row, y: float, lay: Layout, x1: float, tail: float) -> None:
    fill = GROUP_FILLS[(row.group - 1) % len(GROUP_FILLS)]
    gid = f"cvbar-{row.group}"
    for start, end in row.periods:
        s = _num(start)
        if end is not None:
            _bar(ax, gid, y, s, _num(end), lay, fill)
            continue
        # Running: solid, then fading to the axis' end, and an arrow past it: no end to show.
        solid = max(s, x1 - tail)
        _bar(ax, gid, y, s, solid, lay, fill)
        steps = 5
        for step in range(steps):
            piece = (x1 - solid) / steps
            _bar(ax, gid, y, solid + step * piece, solid + (step + 1) * piece, lay, fill, 0.85 - 0.16 * step)
        (arrow,) = ax.plot([x1], [y], marker=">", markersize=lay.bar_pt * 0.8, color=fill, clip_on=False,
                           linestyle="none", markeredgewidth=0)  # fmt: skip
        arrow.set_gid(gid)


def _bar(ax, gid: str, y: float, start: float, end: float, lay: Layout, fill: str, alpha: float = 1) -> None:
    for patch in ax.barh(y, end - start, left=start, height=lay.bar_pt, color=fill, linewidth=0,
                         alpha=round(alpha, 2)):  # fmt: skip
        patch.set_gid(gid)  # <g id="cvbar-N">, a class once cleaned


# --- SVG for the page ----------------------------------------------------------------------------

_TAG = re.compile(r"<[^<>]+>")  # text is escaped, so "<" only ever opens a tag
_STYLE = re.compile(r'\sstyle="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')
_GEOMETRY = re.compile(r'(\s(?:d|x|y|transform)=")([^"]*)"')


def _style_to_attributes(match: re.Match[str]) -> str:
    attributes = []
    for declaration in match[1].split(";"):
        name, _, value = (part.strip() for part in declaration.partition(":"))
        if not value or name == "font-family":  # written once, on the root
            continue
        if name == "font-size" and value.endswith("px"):
            value = value[:-2]  # user units of the viewBox (points), scaled with the chart
        attributes.append(f'{name}="{html.escape(value, quote=True)}"')
    return "".join(f" {attribute}" for attribute in attributes)


def _clean_tag(tag: str, salt: str) -> str:
    tag = re.sub(r"\s+", " ", tag)  # path data comes a point a line
    tag = _STYLE.sub(_style_to_attributes, tag)
    tag = re.sub(re.escape(SENTINEL), "currentColor", tag, flags=re.IGNORECASE)
    tag = re.sub(r'<g id="cvbar-(\d+)">', r'<g class="cv-chart-bar cv-chart-group-\1">', tag)
    tag = tag.replace("xlink:href=", "href=")
    tag = re.sub(r' transform="rotate\(-?0 [^"]*\)"', "", tag)  # matplotlib's no-op rotation on text
    tag = re.sub(r"(url\(#|href=\"#|\sid=\")", rf"\1{salt}-", tag)
    # Coordinates to 0.01 pt, finer than any screen or printer.
    return _GEOMETRY.sub(lambda m: m[1] + re.sub(r"(\d+\.\d{2})\d+", r"\1", m[2]) + '"', tag)


def clean_svg(svg: str, *, title: str, layout: Layout, salt: str) -> str:
    """matplotlib's SVG as markup a hash-only CSP lets through and the page's colours reach."""
    svg = svg[svg.index("<svg") :]  # no XML declaration or doctype inside HTML
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    root_style = re.search(r"\s*<defs>\s*<style[^>]*>\s*\*\s*\{([^}]*)\}\s*</style>\s*</defs>", svg)
    if root_style:  # *{stroke-linejoin: round; stroke-linecap: butt}: attributes of the root
        svg = svg[: root_style.start()] + svg[root_style.end() :]
    if "<style" in svg:
        raise ValueError("matplotlib wrote a <style> element this cleaning does not know")
    svg = _TAG.sub(lambda m: _clean_tag(m[0], salt), svg)
    referenced = set(re.findall(r'(?:url\(#|href="#)([^)"]+)', svg))
    svg = _ID.sub(lambda m: m[0] if m[1] in referenced else "", svg)
    svg = re.sub(r">\s+<", "><", svg)
    svg = re.sub(r"<g>((?:<use[^>]*/>)+)</g>", r"\1", svg).replace("<g/>", "").replace("<g></g>", "")
    root = _TAG.search(svg)[0]
    width = float(re.search(r'width="([\d.]+)pt"', root)[1]) * PX_PER_PT
    height = float(re.search(r'height="([\d.]+)pt"', root)[1]) * PX_PER_PT
    view_box = re.search(r'viewBox="([^"]*)"', root)[1]
    extra = "".join(
        f' {name.strip()}="{value.strip()}"'
        for name, value in (
            pair.split(":") for pair in (root_style[1] if root_style else "").split(";") if ":" in pair
        )
    )
    hidden = ' display="none"' if layout is not LAYOUTS[0] else ""  # the theme's media query shows it
    new_root = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cv-chart cv-chart-{layout.name}" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="{view_box}" role="img" '
        f'aria-label="{html.escape(title)}" font-family="{FONT_STACK}"{extra}{hidden}>'
    )
    svg = svg.replace(root, new_root, 1)
    if any(re.search(r"\sstyle=|<style", tag) for tag in _TAG.findall(svg)):
        raise ValueError("a style attribute or element survived the cleaning")
    return svg


def chart(rows: Sequence[Row], as_of: dt.date, *, title: str, name: str) -> Chart:
    """Both renderings of ``rows``, drawn and cleaned; ``name`` keeps its ids apart from other charts'."""
    figures, svgs = [], []
    for layout in LAYOUTS:
        fig = figure(rows, as_of, layout)
        buffer = io.StringIO()
        salt = f"{name}-{layout.name}"
        with matplotlib.rc_context({**RC, "svg.hashsalt": salt}):
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        figures.append(fig)
        svgs.append(clean_svg(buffer.getvalue(), title=title, layout=layout, salt=salt))
    return Chart(tuple(figures), tuple(svgs))


# --- the two charts -------------------------------------------------------------------------------


def _period(start: pd.Timestamp, until: pd.Timestamp, running: bool) -> tuple[dt.date, dt.date | None]:
    return start.date(), None if running else until.date()


def positions_timeline(positions: pd.DataFrame, as_of: dt.date) -> Chart:
    """One row per position (``frames.positions_frame``), in the frame's order; current ones open-ended."""
    rows = [
        Row(row.company, 1, (_period(row.start, row.until, row.running),)) for row in positions.itertuples()
    ]
    current = ", ".join(positions.loc[positions["running"], "company"])
    title = (
        f"Timeline of {len(positions)} positions since {month_label(positions['start'].min().date())}"
        + (f"; current: {current}" if current else "")
        + ". The table gives their dates and durations."
    )
    return chart(rows, as_of, title=title, name="positions")


def skills_timeline(skills: pd.DataFrame, as_of: dt.date) -> Chart:
    """Per group (``skills["group"]``'s categories), its skills' merged periods (``frames.skills_frame``).

    A period that ends on ``as_of`` while one of the skill's positions is current is open-ended.
    """
    rows: list[Row] = []
    for slot, (group, members) in enumerate(skills.groupby("group", observed=False, sort=True), start=1):
        timed = members[members["days"] > 0]
        if timed.empty:
            continue
        rows.append(Row(str(group), heading=True))
        for skill in timed.itertuples():
            periods = tuple(
                (piece.start, None if skill.running and piece.end == as_of else piece.end)
                for piece in skill.periods
            )
            rows.append(Row(skill.skill, slot, periods))
    title = "Time in the positions whose stack names each skill, by group. The table gives it as text."
    return chart(rows, as_of, title=title, name="skills")
