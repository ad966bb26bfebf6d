"""The Sphinx side of cvbook: validate the facts first, then put them on the pages.

Registered in _config.yml (``sphinx: extensions``). On every build it

* loads and validates all content before Sphinx reads a page; a ContentError stops
  the build as a Sphinx error (one line, no traceback) before anything is written;
* gives intro.md and each experience page a title and facts box rendered from front
  matter (``cvbook.pages``), and provides the ``{skill-groups}`` directive;
* re-reads the pages that show facts whenever a fact or the as-of date changes,
  because Sphinx alone only notices edits to a page's own file.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from fnmatch import fnmatch
from importlib import import_module
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import __version__, jsonld, pages, site, sitemap
from .content import (
    EXPERIENCE_DIR,
    FENCE,
    INTRO,
    SELF_DEVELOPMENT,
    Book,
    front_matter_parts,
    load_book,
    load_site_url,
)
from .errors import ContentError

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"

# Files rendered from the facts into the site's root after a successful HTML build:
# name -> "module:function" taking a Book and returning the file's bytes, or None
# when the file has no place in this build.
ARTEFACTS: dict[str, str] = {
    "resume.json": "cvbook.resume_json:render",
    "cv.pdf": "cvbook.cv_pdf:render",
    "card.png": "cvbook.card:render",  # the link preview picture (og:image)
    "robots.txt": "cvbook.robots:render",
}

# Pages whose text depends on facts held elsewhere or on the as-of date.
FACT_PAGES = ("intro", f"{EXPERIENCE_DIR}/*", "notebooks/*")


def book_of(app: Sphinx) -> Book:
    return app.cvbook_book  # type: ignore[attr-defined]


class ContentStop(SphinxError):
    """A mistake in the content: Sphinx shows it as "Content error:" and its one line."""

    category = "Content error"


def _load(app: Sphinx) -> None:
    """Load and validate the whole book before Sphinx reads or writes anything.

    A ContentError becomes a SphinxError, the kind Sphinx reports as its category and
    message without a traceback, with a non-zero exit status and nothing written; a
    program embedding Sphinx catches it like any other build error. (Jupyter Book 1's
    command line adds a traceback of its own after any failed build, which is why
    `make book` runs `make check` first.)
    """
    try:
        app.cvbook_book = load_book(app.srcdir)  # type: ignore[attr-defined]
    except ContentError as error:
        raise ContentStop(str(error)) from None


def _fingerprint(book: Book) -> str:
    digest = hashlib.sha256(book.as_of.isoformat().encode())
    self_development = book.root / SELF_DEVELOPMENT
    facts = [book.root / INTRO, *(page.path for page in book.positions)]
    for path in sorted([*facts, *([self_development] if self_development.exists() else [])]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _outdated_fact_pages(
    app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set
) -> list[str]:
    fingerprint = _fingerprint(book_of(app))
    if getattr(env, "cvbook_fingerprint", None) == fingerprint:
        return []
    env.cvbook_fingerprint = fingerprint  # type: ignore[attr-defined]
    return [doc for doc in env.found_docs if any(fnmatch(doc, pattern) for pattern in FACT_PAGES)]


def _positions_newest_first(app: Sphinx, doctree: nodes.document) -> None:
    """List the positions newest first by their dates in every toctree (the sidebar, prev/next).

    _toc.yml takes them with a glob, which sorts by file name; a new position is one new
    file, with nothing to register. Runs before Sphinx records the toctree (priority 400).
    """
    order = {page.docname: index for index, page in enumerate(book_of(app).positions)}
    for toctree in doctree.findall(addnodes.toctree):
        entries = toctree["entries"]
        slots = [index for index, (_, docname) in enumerate(entries) if docname in order]
        ranked = sorted((entries[index] for index in slots), key=lambda entry: order[entry[1]])
        for index, entry in zip(slots, ranked, strict=True):
            entries[index] = entry
        toctree["includefiles"] = [docname for _, docname in entries if docname]


def _insert_header(app: Sphinx, docname: str, source: list[str]) -> None:
    book = book_of(app)
    if docname == Path(INTRO).stem:
        header = pages.intro_header(book.profile)
    else:
        page = next((page for page in book.positions if page.docname == docname), None)
        if page is None:
            return
        header = pages.position_header(page, book.as_of)
    front, body = front_matter_parts(source[0])  # validated by load_book
    source[0] = f"{FENCE}{front}\n{FENCE}{header}{body}"


def _sidebar_home_label(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Label the sidebar's home link with the root's ``title`` from _toc.yml ("About me_").

    sphinx-book-theme labels it with the root page's heading, the owner's name.
    """
    site_map = getattr(app.config, "external_site_map", None)
    if site_map is not None and site_map.root.title:
        context["root_title"] = site_map.root.title


def _renderer(target: str) -> Callable[[Book], bytes | None]:
    module, _, function = target.partition(":")
    return getattr(import_module(module), function)


def _site_address(app: Sphinx, config: Config) -> None:
    """``html_baseurl`` is the site's address from SITE_URL or _config.yml (cvbook.content.load_settings).

    Without one, what needs an absolute URL (canonical links, og:url, the sitemap,
    robots.txt, the feed) is left out, and one notice says so: a build for a preview
    or a test needs no address, so this is no warning.
    """
    try:
        address = load_site_url(Path(app.srcdir))
    except ContentError:
        return  # builder-inited reports it with the other content errors
    config.html_baseurl = address or ""
    if not address:
        logger.info(
            "cvbook: no site address (set SITE_URL or html.baseurl in _config.yml); "
            "canonical links, og:url, sitemap, robots.txt and the feed are left out"
        )


def _write_artefacts(app: Sphinx, exception: Exception | None) -> None:
    """Write ARTEFACTS into the HTML output, only when the build itself succeeded."""
    if exception is not None or app.builder.format != "html" or app.statuscode:
        return
    book = book_of(app)
    sitemap.write(app, FACT_PAGES, book.as_of.isoformat())
    for name, target in ARTEFACTS.items():
        started = time.perf_counter()
        data = _renderer(target)(book)
        if data is None:
            continue
        (Path(app.outdir) / name).write_bytes(data)
        elapsed_ms = (time.perf_counter() - started) * 1000
        logger.info(f"cvbook: wrote {name} ({len(data) / 1024:.1f} KiB) in {elapsed_ms:.0f} ms")


def _add_static_path(app: Sphinx) -> None:
    # cvbook's scripts live in the package, not in _static/: Jupyter Book loads every
    # script under _static/ on every page, and these belong only where they are added.
    app.config.html_static_path.append(str(STATIC))


def _experience_counter(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """On the intro: the positions' intervals as JSON and the deferred script that
    recounts the experience total for the reader's today (cvbook/static/experience-counter.js)."""
    if pagename != app.config.root_doc:
        return
    intervals = pages.experience_intervals_json(book_of(app))
    app.add_js_file(None, body=intervals, type="application/json", id="experience-intervals")
    app.add_js_file("experience-counter.js", loading_method="defer")


def _json_ld(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """On the intro: the owner as a schema.org Person, for search engines (cvbook.jsonld)."""
    if pagename == app.config.root_doc:
        context["metatags"] = context.get("metatags", "") + jsonld.script_tag(book_of(app))


class SkillGroups(SphinxDirective):
    """``{skill-groups}``: the intro's skill groups, from its front matter."""

    def run(self) -> list[nodes.Node]:
        container = nodes.container(classes=["skill-groups"])
        markdown = pages.skill_groups(book_of(self.env.app).profile)
        self.state.nested_parse(StringList(markdown.splitlines()), self.content_offset, container)
        return [container]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _site_address, priority=100)  # before extensions read html_baseurl
    app.connect("builder-inited", _load)
    app.connect("builder-inited", _add_static_path)
    app.connect("env-get-outdated", _outdated_fact_pages)
    app.connect("source-read", _insert_header)
    app.connect("doctree-read", _positions_newest_first, priority=400)
    app.connect("html-page-context", _sidebar_home_label, priority=600)  # after the book theme's
    app.connect("html-page-context", _experience_counter)
    app.connect("build-finished", _write_artefacts)
    # The published site's head and weight (cvbook.site, issue 7).
    app.connect("config-inited", site.link_preview_defaults)
    app.connect("html-page-context", site.describe_page, priority=400)  # before sphinxext-opengraph's
    app.connect("html-page-context", site.not_found_base)
    app.connect("html-page-context", site.label_sidebar_toggles, priority=600)  # after the theme's
    app.connect("html-page-context", _json_ld)
    app.connect("html-page-context", site.prune_assets, priority=900)  # after every extension's assets
    app.connect("build-finished", site.trim_theme_stylesheet)
    app.add_directive("skill-groups", SkillGroups)
    app.setup_extension("cvbook.directives")
    app.setup_extension("cvbook.notebook_links")  # Download .ipynb, Binder, Colab on notebook pages
    app.setup_extension("cvbook.blog")  # the blog: one site URL for the feed, bylines on posts
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
