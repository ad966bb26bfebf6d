"""The site's theme (cvbook/site/theme/) and what a theme's templates cannot do alone.

``cvbook.site.extension`` registers the theme and these hooks. Per page they give the layout
plain-text facts to print: the title (the page's, then the owner's name: a tab, a search
result and a link preview all say whose site it is), a description of that page, the
address, the link preview, the navigation, and a Content-Security-Policy
that allows this site's own files plus the hashes of its inline blocks (the colour
scheme script and the stylesheet, and the scripts at the end of <body>), computed here from
the very text the page inlines.
The home page is the book's root document, ``index`` (index.md, a link to the owner's
intro.md), so it is ``index.html`` at the site's root and its one search result
(cvbook.site.search).
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.util import logging

from ..model.book import Book
from ..render import live
from . import pages
from .pages import HOME
from .state import book_of
from .upstream import sphinx_autobuild

logger = logging.getLogger(__name__)

THEME_DIR = Path(__file__).parent / "theme"
NOT_FOUND_PAGE = "404"
SEARCH_PAGE = "search"
DESCRIPTION_LENGTH = 160  # what search results show of a description
CARD = "card.png"  # the link-preview card the build renders (1200x630)
LONG_PAGE_SECTIONS = 4  # pages with this many sections or more get an in-page contents list

# Pages not worth a search result: the sitemap leaves them out, and they say noindex.
UNLISTED = (SEARCH_PAGE, "genindex", NOT_FOUND_PAGE)
# Titles of the pages Sphinx makes from templates alone, which have no heading to take one from.
TEMPLATE_TITLES = {NOT_FOUND_PAGE: "Page not found", SEARCH_PAGE: "Search", "genindex": "Index"}

SCHEME_SCRIPT = THEME_DIR / "scheme.js"  # in <head>: the remembered scheme before the first paint
TOGGLE_SCRIPT = THEME_DIR / "theme.js"  # end of <body>: the toggle, keyboard access to scrolling boxes
DURATIONS_SCRIPT = THEME_DIR / "durations.js"  # end of <body>, where a live duration is (cvbook.render.live)
SEARCH_SCRIPT = THEME_DIR / "search.js"  # end of the search page's <body>: excerpts (cvbook.site.search)
STYLESHEET = THEME_DIR / "cv.css"


def assets_digest() -> str:
    """A digest of the theme's inlined files. Sphinx rewrites pages when a template changes,
    not when an inlined stylesheet or script does; as an "html" config value, this digest
    makes it (cvbook.site.extension)."""
    digest = hashlib.sha256()
    for path in (STYLESHEET, SCHEME_SCRIPT, TOGGLE_SCRIPT, DURATIONS_SCRIPT, SEARCH_SCRIPT):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def csp_hash(text: str) -> str:
    """A CSP source for an inline block with exactly this text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@cache
def inline_css() -> str:
    """cv.css without its comments and indentation: inlined into every page (no request
    stands between a reader and the first paint)."""
    css = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.DOTALL)
    return "\n".join(line.strip() for line in css.splitlines() if line.strip())


@cache
def script(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip()


def body_scripts(pagename: str, body: str) -> list[str]:
    """The scripts a page runs once parsed, inlined: no request, nothing blocks the first paint."""
    scripts = [script(TOGGLE_SCRIPT)]
    if live.CLASS in body:
        scripts.append(script(DURATIONS_SCRIPT))
    if pagename == SEARCH_PAGE:
        scripts.append(script(SEARCH_SCRIPT))
    return scripts


def content_security_policy(scripts: list[str], served_scripts: list[str] = ()) -> str:
    """The page's policy: its own files, and the inline scripts it holds (``scripts``) or the
    server adds (``served_scripts``: `make live`'s reload script), each by its hash."""
    inline = [script(SCHEME_SCRIPT), *scripts, *served_scripts]
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self' " + " ".join(csp_hash(text) for text in inline),
            f"style-src 'self' {csp_hash(inline_css())}",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


@cache
def favicon_data_uri(path: Path) -> str:
    """The SVG favicon as a data: URI: one request fewer on every first visit."""
    return "data:image/svg+xml," + quote(path.read_text(encoding="utf-8").strip(), safe=":/='")


def _served_scripts(app: Sphinx) -> list[str]:
    """The preview's reload script, when `make live` builds for its server (``cvbook_live_reload``)."""
    address = app.config.cvbook_live_reload
    return [sphinx_autobuild.reload_script(address)] if address else []


def plain_title(title: str) -> str:
    """``About me_`` -> ``About me``: the trailing underscore decorates headings, not titles."""
    title = " ".join(title.split())
    return title[:-1].rstrip() if title.endswith("_") and not title.endswith("__") else title


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def first_paragraph(doctree: nodes.Node | None) -> str:
    """The text of the page's first plain paragraph, on one line: not front matter, a byline,
    a facts box, a notebook's bar or anything else the page marks with a class."""
    if doctree is None:
        return ""
    skipped = (nodes.docinfo, nodes.field_list, nodes.raw, nodes.system_message)
    for paragraph in doctree.findall(nodes.paragraph):
        ancestors = _ancestors(paragraph)
        inside_marked = any(node.get("classes") or isinstance(node, skipped) for node in ancestors)
        if not paragraph.get("classes") and not inside_marked and paragraph.astext().strip():
            return " ".join(_plain_text(paragraph).split())
    return ""


def _plain_text(node: nodes.Node) -> str:
    """A node's text, each link's label without the decorative underscore (``[Skills_](…)``
    names a page by its top-bar label)."""
    if isinstance(node, nodes.reference):
        return plain_title(node.astext())
    if isinstance(node, nodes.Text):
        return node.astext()
    return "".join(_plain_text(child) for child in node.children)


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    found = []
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section | nodes.document):
        found.append(parent)
        parent = parent.parent
    return found


def page_url(book: Book, app: Sphinx, pagename: str) -> str | None:
    """The page's absolute address, or None while the site's address is unknown."""
    if not book.site_url or pagename in UNLISTED:  # no canonical address for pages kept out of search
        return None
    if pagename == HOME:
        return book.site_url
    return urljoin(book.site_url, app.builder.get_target_uri(pagename))


def _nav(app: Sphinx, pagename: str, context: dict) -> list[dict[str, Any]]:
    """The top bar's links (theme option ``nav``: docnames), each labelled with its entry's
    title in _toc.yml or else the page's title; ``current`` for the page's own section."""
    options = app.builder.theme_options if hasattr(app.builder, "theme_options") else {}
    docnames = context.get("theme_nav") or options.get("nav") or []
    site_map = getattr(app.config, "external_site_map", None)
    section = _section_of(app, pagename)
    items = []
    for docname in docnames:
        label = None
        if site_map is not None and docname in site_map:
            label = site_map[docname].title
        if not label and docname in app.env.titles:
            label = app.env.titles[docname].astext()
        href = context["pathto"](docname)
        items.append({"href": href, "label": label or docname, "current": docname == section})
    return items


def _section_of(app: Sphinx, pagename: str) -> str:
    """The top-level entry a page belongs to: itself, its highest parent below the root, or
    (for the blog's generated archive pages) the blog's index."""
    root = app.config.root_doc
    if pagename == HOME:
        return root
    relations = getattr(app.builder, "relations", {})
    current = pagename
    while current in relations and relations[current][0] not in (None, root):
        current = relations[current][0]
    if current not in relations and pagename not in app.env.all_docs:
        blog_path = getattr(app.config, "blog_path", "")
        if blog_path and pagename.startswith(f"{blog_path}/"):
            return f"{blog_path}/index"
    return current


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Everything the layout prints that is not the page's body (see the module docstring)."""
    book = book_of(app)
    is_home = pagename == HOME
    owner = book.profile.name
    title = plain_title(Markup(context.get("title") or "").striptags()) or TEMPLATE_TITLES.get(pagename, "")
    meta = app.env.metadata.get(pagename, {}) if pagename in app.env.all_docs else {}
    if is_home:
        page_title = f"{owner} — {book.profile.headline}"
    else:
        page_title = f"{title} — {owner}" if title and title != owner else owner
    description = page_description(app, pagename, title, meta, doctree)
    url = page_url(book, app, pagename)
    scripts = body_scripts(pagename, context.get("body") or "")
    home = context["pathto"](HOME)
    context.update(
        cv_title=page_title,
        cv_owner=owner,
        cv_site_title=app.config.html_title or app.config.project,
        cv_description=shorten(description),
        cv_url=url,
        cv_card=urljoin(book.site_url, CARD) if book.site_url else None,
        cv_og_type="article" if meta.get("blogpost") or pagename.startswith("blog/posts/") else "website",
        cv_noindex=pagename in UNLISTED,
        cv_csp=content_security_policy(scripts, _served_scripts(app)),
        cv_inline_css=inline_css(),
        cv_scheme_script=script(SCHEME_SCRIPT),
        cv_body_scripts=scripts,
        cv_favicon=favicon_data_uri(Path(app.confdir) / app.config.html_favicon)
        if app.config.html_favicon
        else None,
        cv_home=home,
        cv_nav=_nav(app, pagename, context),
        cv_local_toc=not is_home and _section_count(doctree) >= LONG_PAGE_SECTIONS,
        cv_base=_site_path(app) if pagename == NOT_FOUND_PAGE else None,
    )


def page_description(app: Sphinx, pagename: str, title: str, meta: dict, doctree: Any) -> str:
    """A sentence or two that says what the page holds: from the facts on the pages they make
    (cvbook.site.pages.page_description), else the page's ``description`` front matter, its
    first paragraph, or a sentence of the theme's for the pages Sphinx or ABlog make."""
    book = book_of(app)
    owner = book.profile.name
    described = meta.get("description")
    if isinstance(described, str) and described.strip():
        return described
    from_facts = pages.page_description(book, pagename)
    if from_facts:
        return from_facts
    if pagename == SEARCH_PAGE:
        return f"Search the pages of {owner}'s site."
    if pagename == NOT_FOUND_PAGE:
        return f"There is no page at this address on {owner}'s site."
    blog_path = getattr(app.config, "blog_path", "")
    generated = pagename not in app.env.all_docs  # ABlog's archives: tags, categories, years
    listing = (
        pagename in (blog_path, f"{blog_path}/index") or pagename.startswith(f"{blog_path}/") and generated
    )
    if blog_path and listing:
        return f"{title}: posts by {owner}." if title else f"Posts by {owner}."
    return first_paragraph(doctree) or (f"{title}, on {owner}'s site." if title else f"{owner}'s site.")


def _section_count(doctree: Any) -> int:
    """The page's sections below its title; a list of positions is one list, not a long text."""
    if doctree is None:
        return 0
    sections = [
        section for section in doctree.findall(nodes.section) if "cv-position" not in section["classes"]
    ]
    return max(0, len(sections) - 1)


def _site_path(app: Sphinx) -> str:
    """The site's path on its host ("/cv/"): the 404 page resolves its links from there,
    however deep the missing address it is shown for."""
    book = book_of(app)
    path = urlsplit(book.site_url).path if book.site_url else "/"
    return path if path.endswith("/") else f"{path}/"
