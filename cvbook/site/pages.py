"""The pages' fact-driven parts, built as docutils nodes from the validated facts.

Facts reach the pages as text nodes, never as Markdown or HTML written from them, so a
company called ``R&D <Labs>`` reads as exactly that on every page and in every title.
``cvbook.site.extension`` places these parts: the title and header of the intro and of each
experience page, and the home page's and Experience index's overviews.

Labels are plain words with the class ``cv-label``; the theme (cv.css) draws their
decorative trailing underscore, so copied text, search and the PDFs carry the words alone.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes

from ..content.loader import EXPERIENCE_DIR
from ..model.book import Book, ExperiencePage, open_intervals
from ..render import live

HOME = "index"  # the home page's docname: index.md, a link to the owner's intro.md
EXPERIENCE_INDEX = f"{EXPERIENCE_DIR}/index"


class monogram(nodes.General, nodes.Element):
    """An avatar drawn from initials (until the owner sets ``image``): ``initials`` and ``name``."""


def visit_monogram_html(translator: Any, node: monogram) -> None:
    name, initials = translator.attval(node["name"]), translator.encode(node["initials"])
    translator.body.append(
        f'<svg class="cv-avatar" role="img" aria-label="{name}" viewBox="0 0 64 64" width="64" height="64">'
        f'<rect width="64" height="64" rx="12"/><text x="32" y="41" text-anchor="middle">{initials}</text></svg>'
    )
    raise nodes.SkipNode


def skip_node(translator: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def initials(name: str) -> str:
    return "".join(word[0] for word in name.split()[:2]).upper()


def text(value: str, *classes: str) -> nodes.inline:
    return nodes.inline(value, value, classes=list(classes))


def doc_link(docname: str, label: nodes.Node) -> addnodes.pending_xref:
    """A link to ``docname`` (absolute, like ``experience/nda``) showing ``label``."""
    xref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget=f"/{docname}", refexplicit=True, refwarn=True
    )
    xref += label
    return xref


def duration(pages: tuple[ExperiencePage, ...] | list[ExperiencePage], label: str) -> nodes.Node:
    """A duration's label, live (recounted in the browser) when a position runs to today."""
    spans = open_intervals(pages)
    text = (
        nodes.raw("", live.duration_html(spans, label), format="html")
        if live.is_live(spans)
        else nodes.Text(label)
    )
    return nodes.inline("", "", text, classes=["cv-duration-text"])


def avatar(book: Book) -> nodes.Node:
    profile = book.profile
    if profile.image:
        return nodes.image(uri=f"/{profile.image}", alt=profile.name, classes=["cv-avatar"])
    return monogram(name=profile.name, initials=initials(profile.name))


def contacts(book: Book) -> nodes.Node | None:
    """Email, phone, location and profiles, whichever the owner set (all optional)."""
    profile = book.profile
    items: list[nodes.Node] = []
    if profile.email:
        items.append(nodes.reference(profile.email, profile.email, refuri=f"mailto:{profile.email}"))
    if profile.phone:
        items.append(nodes.reference(profile.phone, profile.phone, refuri=profile.phone_uri))
    if profile.location:
        place = ", ".join(part for part in (profile.location.city, profile.location.countryCode) if part)
        if place:
            items.append(text(place))
    for link in profile.profiles:
        label = f"{link.network}: {link.username}" if link.username else link.network
        items.append(nodes.reference(label, label, refuri=link.url))
    if not items:
        return None
    listing = nodes.bullet_list(classes=["cv-contacts"])
    for item in items:
        listing += nodes.list_item("", nodes.paragraph("", "", item))
    return listing


def downloads() -> nodes.paragraph:
    """The résumé as files: cv.pdf to print or send, resume.json as data."""
    paragraph = nodes.paragraph(classes=["cv-downloads"])
    paragraph += nodes.reference("cv.pdf", "cv.pdf", refuri="cv.pdf", classes=["cv-pdf"])
    paragraph += nodes.reference("resume.json", "resume.json", refuri="resume.json", classes=["resume-json"])
    return paragraph


def experience_total(book: Book) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=["cv-total"])
    paragraph += text("experience", "cv-label")
    paragraph += nodes.Text(" ")
    paragraph += duration(book.positions, book.experience.label)
    return paragraph


def profile_header(book: Book) -> list[nodes.Node]:
    """Under the owner's name: avatar, headline, contacts, the experience total and the files."""
    profile = book.profile
    hero = nodes.container(classes=["cv-hero"])
    hero += avatar(book)
    hero += nodes.paragraph(profile.headline, profile.headline, classes=["cv-headline"])
    found = contacts(book)
    if found is not None:
        hero += found
    return [hero, experience_total(book), downloads()]


def skill_groups(book: Book) -> nodes.container:
    """Each skill group: its name, then its skills as a list."""
    container = nodes.container(classes=["skill-groups"])
    for group, items in book.profile.skills.items():
        container += nodes.paragraph("", "", text(group, "cv-label"))
        listing = nodes.bullet_list()
        for item in items:
            listing += nodes.list_item("", nodes.paragraph(item, item))
        container += listing
    return container


def _period(page: ExperiencePage) -> str:
    return page.position.period_label()


def _role(page: ExperiencePage) -> str:
    """``Tech Lead (platform)``: the role, with the team when there is one."""
    position = page.position
    return position.role + (f" ({position.team})" if position.team else "")


def position_meta(book: Book, page: ExperiencePage) -> nodes.paragraph:
    """``Tech Lead (platform) · 2025-09 – present · office``, then the duration (a line of its own)."""
    position = page.position
    paragraph = nodes.paragraph(classes=["cv-position-meta"])
    paragraph += text(_role(page), "cv-role")
    for part, kind in ((_period(page), "cv-period"), (position.mode, "cv-mode")):
        paragraph += nodes.Text(" · ")
        paragraph += text(part, kind)
    paragraph += nodes.Text(" ")
    paragraph += duration([page], page.duration(book.as_of).label)
    return paragraph


def position_facts(book: Book, page: ExperiencePage) -> nodes.container:
    """An experience page's facts box: role, period, duration, mode, stack."""
    position = page.position
    box = nodes.container(classes=["position-facts"])
    listing = nodes.definition_list()
    role = _role(page)
    rows = [
        ("role", nodes.paragraph(role, role)),
        ("period", nodes.paragraph("", "", text(_period(page), "cv-period"))),
        # A row of its own: when the browser recounts it, no other line reflows.
        ("duration", nodes.paragraph("", "", duration([page], page.duration(book.as_of).label))),
        ("mode", nodes.paragraph(position.mode, position.mode)),
        ("stack", nodes.paragraph("", " · ".join(position.stack))),
    ]
    for term, definition in rows:
        listing += nodes.definition_list_item(
            "", nodes.term(term, term, classes=["cv-label"]), nodes.definition("", definition)
        )
    box += listing
    return box


def positions_overview(book: Book) -> list[nodes.Node]:
    """Every position, newest first: company (linking its page), role, dates, mode, duration
    and its highlights. A section each, so they nest under whatever heading lists them."""
    sections: list[nodes.Node] = []
    for page in book.positions:
        section = nodes.section(ids=[f"position-{page.docname.rsplit('/', 1)[-1]}"], classes=["cv-position"])
        title = nodes.title()
        title += doc_link(page.docname, nodes.inline(page.position.company, page.position.company))
        section += title
        section += position_meta(book, page)
        if page.highlights:
            listing = nodes.bullet_list(classes=["cv-highlights"])
            for highlight in page.highlights:
                listing += nodes.list_item("", nodes.paragraph(highlight, highlight))
            section += listing
        more = nodes.paragraph(classes=["cv-more"])
        more += doc_link(page.docname, nodes.inline("Problems and solutions →", "Problems and solutions →"))
        section += more
        sections.append(section)
    return sections


def self_development(book: Book) -> list[nodes.Node]:
    """Books and languages in the plan, from self-development.md's front matter."""
    plan = book.self_development
    parts: list[nodes.Node] = []
    for label, items in (
        ("books", [(entry.title, " (reading right now)" if entry.reading else "") for entry in plan.books]),
        ("languages", [(language, "") for language in plan.languages]),
    ):
        if not items:
            continue
        parts.append(nodes.paragraph("", "", text(label, "cv-label")))
        listing = nodes.bullet_list(classes=["cv-plan"])
        for title, note in items:
            listing += nodes.list_item("", nodes.paragraph("", "", nodes.Text(title), nodes.Text(note)))
        parts.append(listing)
    return parts


def page_title(book: Book, docname: str) -> str | None:
    """The fact that titles ``docname``: the owner's name on the intro, the company on a position."""
    if docname == HOME:
        return book.profile.name
    page = position_of(book, docname)
    return page.position.company if page else None


def page_description(book: Book, docname: str) -> str | None:
    """A sentence from the facts that says what ``docname`` holds, for the pages the facts make:
    the home page, the experience index and each position; None for any other page."""
    owner = book.profile.name
    if docname == HOME:
        return book.profile.description
    if docname == EXPERIENCE_INDEX:
        companies = [page.position.company for page in book.positions]
        listed = ", ".join(companies[:-1]) + " and " + companies[-1] if len(companies) > 1 else companies[0]
        # No total here: a description is read in search results and link previews long after
        # the build, where a duration that runs to today cannot be recounted.
        return f"{owner}'s positions, newest first: {listed}, each with its dates and the time in it."
    page = position_of(book, docname)
    if page is None:
        return None
    if page.position.description:
        return page.position.description
    leads = " ".join(bullet.lead_sentence for bullet in page.bullets)
    return f"{owner}, {_role(page)} at {page.position.company}, {_period(page)}. {leads}".strip()


def position_of(book: Book, docname: str) -> ExperiencePage | None:
    return next((page for page in book.positions if page.docname == docname), None)
