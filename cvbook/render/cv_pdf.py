"""cv.pdf: the printable CV, compiled with Typst from the validated facts.

The layout lives in ``templates/cv.typ``; this module only gathers the data. The
data reaches Typst as one JSON string in ``sys.inputs``, so no fact is ever spliced
into Typst markup: a ``*``, ``#`` or ``</script>`` in a company name stays plain text.

Written for applicant-tracking systems as much as for people: the text layer reads
in order with plain section names and dates like ``Sep 2025 – Present``; the site's
decorative underscores are drawn as lines, never typed.

The output is reproducible: Typst's built-in fonts only (no system fonts, which
differ between machines) and the PDF's creation date pinned to the as-of date,
so the same facts on the same date give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from importlib.resources import files
from typing import Any
from urllib.parse import urljoin

import typst

from ..model.book import Book, ExperiencePage
from ..model.months import day_label, month_label

TEMPLATE = files(__package__) / "templates" / "cv.typ"
MODES = {"office": "Office", "remote": "Remote"}

# (body text size in points, spacing between blocks as a factor), in order of
# preference. The first that gives whole pages wins: one page, or two with the second
# at least a third full (no orphaned lines on an almost empty page). Tighter settings
# fit a CV that just spills over on one page; looser ones carry more of a longer one
# onto its second page.
LAYOUTS = ((10.5, 1.0), (10.5, 0.75), (10.0, 0.75), (11.0, 1.2), (11.0, 1.5), (11.5, 1.5), (9.5, 0.75))
MAX_PAGES = 2
MIN_LAST_PAGE_FILL = 1 / 3
A4_HEIGHT_PT = 841.89


def render(book: Book) -> bytes:
    """The CV as PDF bytes (the artefact registry's signature, see cvbook.site.extension)."""
    data = cv_data(book)
    data["size"], data["spacing"] = layout(book, data)
    pdf, problems = typst.compile_with_warnings(
        TEMPLATE.read_bytes(), format="pdf", timestamp=_midnight_utc(book.as_of), **_typst_options(book, data)
    )
    # A Typst warning means the template needs attention, not the owner's content;
    # it is passed on rather than failing the build over a cosmetic issue.
    for problem in problems:
        warnings.warn(problem, stacklevel=2)
    return pdf


def layout(book: Book, data: dict[str, Any]) -> tuple[float, float]:
    """The first of LAYOUTS that fills whole pages; else the one giving the fewest pages."""
    tried = []
    for size, spacing in LAYOUTS:
        page, fill = _text_end(book, {**data, "size": size, "spacing": spacing})
        if page == 1 or (page <= MAX_PAGES and fill >= MIN_LAST_PAGE_FILL):
            return size, spacing
        tried.append((page, (size, spacing)))
    return min(tried, key=lambda attempt: attempt[0])[1]


def _text_end(book: Book, data: dict[str, Any]) -> tuple[int, float]:
    """The page the text ends on, and how far down it (0 top, 1 bottom)."""
    (end,) = json.loads(
        typst.query(TEMPLATE.read_bytes(), "<cv-end>", field="value", **_typst_options(book, data))
    )
    return int(end["page"]), float(end["y"].removesuffix("pt")) / A4_HEIGHT_PT


def _typst_options(book: Book, data: dict[str, Any]) -> dict[str, Any]:
    return {
        # The avatar, when set, is read from the book's folder (and nothing outside it).
        "root": str(book.root),
        "ignore_system_fonts": True,
        "sys_inputs": {"cv": json.dumps(data, ensure_ascii=False)},
    }


def cv_data(book: Book) -> dict[str, Any]:
    """Everything the template shows, as JSON-ready values."""
    profile = book.profile
    site = book.site_url  # ends in "/" (content.load_settings), so urljoin stays inside it
    as_of = f"as of {day_label(book.as_of)}"
    return {
        "title": f"{profile.name}: CV",
        "name": profile.name,
        "headline": profile.headline,
        # A path from the book's folder, which is Typst's root ("/").
        "image": profile.image and "/" + profile.image.lstrip("/"),
        "contacts": contacts(book),
        "experience": {"label": book.experience.label, "as_of": as_of},
        "summary": list(book.summary),
        "skills": [{"group": group, "items": items} for group, items in profile.skills.items()],
        "positions": [_position(page, book.as_of, as_of, site) for page in book.positions],
        "self_development": {
            "books": [{"title": b.title, "reading": b.reading} for b in book.self_development.books],
            "languages": list(book.self_development.languages),
        },
    }


def contacts(book: Book) -> list[dict[str, str | None]]:
    """The contacts the owner set, then the site: each as shown and where it links (or None)."""
    profile = book.profile
    found: list[dict[str, str | None]] = []
    if profile.email:
        found.append({"text": profile.email, "url": f"mailto:{profile.email}"})
    if profile.phone:
        found.append({"text": profile.phone, "url": profile.phone_uri})
    if profile.location:
        place = ", ".join(part for part in (profile.location.city, profile.location.countryCode) if part)
        if place:
            found.append({"text": place, "url": None})
    for link in profile.profiles:
        found.append({"text": without_scheme(link.url), "url": link.url})
    if book.site_url:
        found.append({"text": without_scheme(book.site_url), "url": book.site_url})
    return found


def _position(page: ExperiencePage, as_of: dt.date, as_of_label: str, site: str | None) -> dict[str, Any]:
    position = page.position
    end = "Present" if position.end is None else month_label(position.end)
    return {
        "company": position.company,
        "role": position.role,
        "team": position.team,
        "period": f"{month_label(position.start)} – {end}",
        "mode": MODES[position.mode],
        "duration": page.duration(as_of).label,
        # A current position's duration grows daily; printed, it needs its date.
        "as_of": as_of_label if position.is_current else None,
        "bullets": [{"lead": bullet.lead_sentence, "detail": bullet.detail} for bullet in page.bullets],
        "stack": position.stack,
        # The position's own page on the site: the whole story behind the short forms.
        "url": site and urljoin(site, f"{page.docname}.html"),
    }


def without_scheme(url: str) -> str:
    """``https://example.org/cv/`` -> ``example.org/cv``: what a reader would type."""
    return url.split("://", 1)[-1].rstrip("/")


def _midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
