"""cv.pdf: the printable CV, compiled with Typst from the validated facts.

The layout lives in ``templates/cv.typ``; this module only gathers the data. The
data reaches Typst as one JSON string in ``sys.inputs``, so no fact is ever spliced
into Typst markup: a ``*`` or ``#`` in a highlight stays plain text.

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

from .content import Book, ExperiencePage
from .pages import MODE_LABELS

TEMPLATE = files("cvbook") / "templates" / "cv.typ"


def render(book: Book) -> bytes:
    """The CV as PDF bytes (the artefact registry's signature, see cvbook.sphinxext)."""
    pdf, problems = typst.compile_with_warnings(
        TEMPLATE.read_bytes(),
        format="pdf",
        ignore_system_fonts=True,
        sys_inputs={"cv": json.dumps(cv_data(book), ensure_ascii=False)},
        timestamp=_midnight_utc(book.as_of),
    )
    # A Typst warning means the template needs attention, not the owner's content;
    # it is passed on rather than failing the build over a cosmetic issue.
    for problem in problems:
        warnings.warn(problem, stacklevel=2)
    return pdf


def cv_data(book: Book) -> dict[str, Any]:
    """Everything the template shows, as JSON-ready values."""
    profile = book.profile
    site = book.site_url  # ends in "/" (content.load_site_url), so urljoin stays inside it
    return {
        "title": f"{profile.name}: CV",
        "profile": {"name": profile.name, "headline": profile.headline},
        "site": site and {"url": site, "label": _without_scheme(site)},
        "summary": list(book.summary),
        "skills": [{"group": group, "items": items} for group, items in profile.skills.items()],
        "experience": book.experience.label,
        "as_of": book.as_of.isoformat(),
        "positions": [_position(page, book.as_of, site) for page in book.positions],
    }


def _position(page: ExperiencePage, as_of: dt.date, site: str | None) -> dict[str, Any]:
    position = page.position
    return {
        "company": position.company,
        "role": position.role,
        "team": position.team,
        "period": position.period_label(),
        "mode": MODE_LABELS[position.mode],
        "duration": page.duration(as_of).label,
        "stack": position.stack,
        "highlights": list(page.highlights),
        # The position's own page on the site: the story behind the highlights.
        "url": site and urljoin(site, f"{page.docname}.html"),
    }


def _without_scheme(url: str) -> str:
    """``https://altushka.github.io/cv/`` -> ``altushka.github.io/cv``: what a reader would type."""
    return url.split("://", 1)[-1].rstrip("/")


def _midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
