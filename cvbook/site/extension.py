"""The Sphinx side of cvbook: validate the facts first, then put them on the pages.

Registered in _config.yml (``sphinx: extensions``). On every build it

* loads and validates all content before Sphinx reads a page; a ContentError stops
  the build as a Sphinx error (one line, no traceback) before anything is written;
* gives intro.md and each experience page a title and facts box rendered from front
  matter (``cvbook.site.pages``), and provides the ``{skill-groups}`` directive;
* re-reads the pages that show facts whenever a fact they show or the as-of date
  changes, because Sphinx alone only notices edits to a page's own file; a story edit
  re-reads its own page only (``FACT_PAGES``);
* runs the notebooks, all at once while Sphinx reads the other pages (``cvbook.site.execution``);
* leaves Python environments out of the pages, whatever their folder's name.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from .. import __version__
from ..content import history
from ..content.errors import ContentError
from ..content.files import FENCE, front_matter_parts
from ..content.loader import EXPERIENCE_DIR, contact_notice, load_book
from ..content.settings import load_site_url
from ..model.book import Book
from ..render import card, cv_pdf, jsonld, resume_json, robots
from . import blog, execution, head, notebook_links, pages, search, sitemap
from .state import book_of, set_book
from .upstream import external_toc, jupyter_book, myst_nb

logger = logging.getLogger(__name__)

# Files rendered from the facts into the site's root after a successful HTML build:
# name -> a function taking a Book and returning the file's bytes, or None when the file
# has no place in this build.
ARTEFACTS: dict[str, Callable[[Book], bytes | None]] = {
    "resume.json": resume_json.render,
    "cv.pdf": cv_pdf.render,
    "card.png": card.render,  # the link preview picture (og:image)
    "robots.txt": robots.render,
}

# Pages whose text depends on facts held elsewhere or on the as-of date -> what of the book
# they show (``_facts``). A story's bullets reach the home page as highlights, never a
# notebook, so an edit of a story's text re-reads its own page (and the home page when a
# highlight changed), and no notebook runs again.
FACT_PAGES: dict[str, tuple[str, ...]] = {
    pages.HOME: ("facts", "highlights"),
    f"{EXPERIENCE_DIR}/*": ("facts",),
    "notebooks/*": ("facts",),
}

# Markers of a Python environment's folder (venv, virtualenv, tox; conda).
ENVIRONMENT_MARKERS = ("pyvenv.cfg", "conda-meta")


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
        set_book(app, load_book(app.srcdir))
    except ContentError as error:
        raise ContentStop(str(error)) from None
    notice = contact_notice(book_of(app).profile)
    if notice:
        logger.info(notice)


def _facts(book: Book) -> dict[str, object]:
    """What the fact pages show, as plain data: the validated facts (profile, each position,
    self-development, settings, the as-of date) and, apart, the stories' highlights."""
    return {
        "facts": {
            "as_of": book.as_of.isoformat(),
            "profile": book.profile.model_dump(mode="json"),
            "positions": [[page.docname, page.position.model_dump(mode="json")] for page in book.positions],
            "self_development": book.self_development.model_dump(mode="json"),
            "settings": [
                book.settings.site_url,
                book.settings.repository_url,
                book.settings.repository_branch,
            ],
        },
        "highlights": [[page.docname, list(page.highlights)] for page in book.positions],
    }


def fingerprints(book: Book) -> dict[str, str]:
    """Each FACT_PAGES pattern -> a digest of what its pages show."""
    parts = {name: json.dumps(value, sort_keys=True) for name, value in _facts(book).items()}
    return {
        pattern: hashlib.sha256("\0".join(parts[name] for name in shown).encode()).hexdigest()
        for pattern, shown in FACT_PAGES.items()
    }


def _outdated_fact_pages(
    app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set
) -> list[str]:
    current = fingerprints(book_of(app))
    previous = getattr(env, "cvbook_fingerprints", {})
    env.cvbook_fingerprints = current  # type: ignore[attr-defined]
    stale = [pattern for pattern, digest in current.items() if previous.get(pattern) != digest]
    return [doc for doc in env.found_docs if any(fnmatch(doc, pattern) for pattern in stale)]


def _positions_newest_first(app: Sphinx, doctree: nodes.document) -> None:
    """List the positions newest first by their dates in every toctree (the Experience_ index, prev/next).

    _toc.yml takes them with a glob, which sorts by file name; a new position is one new
    file, with nothing to register (cvbook.site.upstream.external_toc).
    """
    rank = {page.docname: index for index, page in enumerate(book_of(app).positions)}
    external_toc.order_entries(doctree, rank)


def environments(root: Path) -> list[str]:
    """The folders under ``root`` that hold a Python environment, relative, as exclude patterns.

    Hidden folders (.venv, .tox) are excluded by _config.yml already; an environment under
    any other name would be read as pages: the Markdown and notebooks of its packages.
    """
    found = []
    for folder, subfolders, files in os.walk(root):
        relative = Path(folder).relative_to(root).as_posix()
        if relative != "." and any(marker in files or marker in subfolders for marker in ENVIRONMENT_MARKERS):
            found.append(relative)
            subfolders.clear()
            continue
        subfolders[:] = [
            name for name in subfolders if not name.startswith(".") and name not in ("_build", "node_modules")
        ]
    return sorted(found)


def _exclude_environments(app: Sphinx, config: Config) -> None:
    config.exclude_patterns = [*config.exclude_patterns, *environments(Path(app.srcdir))]


# Fixed text put before the body of the intro and of each experience page: a title whose
# text a role fills from the facts, then the page's header. No fact passes through Markdown.
PAGE_HEAD = "# {cv-fact}`title`\n\n```{cv-page-header}\n```\n\n"


def _insert_header(app: Sphinx, docname: str, source: list[str]) -> None:
    if pages.page_title(book_of(app), docname) is None:
        return
    front, body = front_matter_parts(source[0])  # validated by load_book
    source[0] = f"{FENCE}{front}\n{FENCE}{PAGE_HEAD}{body}"


def _site_address(app: Sphinx, config: Config) -> None:
    """``html_baseurl`` is the site's address from SITE_URL or _config.yml (cvbook.content.loader.load_settings).

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
    sitemap.write(app, tuple(FACT_PAGES), book.as_of.isoformat())
    for name, render in ARTEFACTS.items():
        started = time.perf_counter()
        data = render(book)
        if data is None:
            continue
        (Path(app.outdir) / name).write_bytes(data)
        elapsed_ms = (time.perf_counter() - started) * 1000
        logger.info(f"cvbook: wrote {name} ({len(data) / 1024:.1f} KiB) in {elapsed_ms:.0f} ms")
    if book.image_path is not None and book.profile.image is not None:
        # resume.json and JSON-LD name the avatar at its path in the repository.
        avatar = Path(app.outdir) / book.profile.image
        avatar.parent.mkdir(parents=True, exist_ok=True)
        avatar.write_bytes(book.image_path.read_bytes())


def _theme_assets(app: Sphinx, config: Config) -> None:
    """Pages inline the theme's CSS and scripts: a change to them rewrites every page."""
    config.cvbook_theme_assets = head.assets_digest()


def _json_ld(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """On the home page: a schema.org ProfilePage of the owner, for search engines (cvbook.render.jsonld)."""
    if pagename == head.HOME:
        book = book_of(app)
        modified = history.content_modified(book.root) or book.as_of
        context["metatags"] = context.get("metatags", "") + jsonld.script_tag(book, modified)


class FactRole(SphinxRole):
    """``{cv-fact}`title```: the fact that titles this page (the owner's name, a company), as
    text marked ``cv-fact``: a name, which the theme leaves without its heading decoration."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        title = pages.page_title(book_of(self.env.app), self.env.docname) or ""
        return [nodes.inline(title, title, classes=["cv-fact"])], []


class PageHeader(SphinxDirective):
    """``{cv-page-header}``: the intro's header (avatar, headline, contacts, experience, files)
    or an experience page's facts box."""

    def run(self) -> list[nodes.Node]:
        book = book_of(self.env.app)
        page = pages.position_of(book, self.env.docname)
        if page is not None:
            return [pages.position_facts(book, page)]
        return pages.profile_header(book)


class Positions(SphinxDirective):
    """``{cv-positions}``: every position, newest first, as on the home page."""

    def run(self) -> list[nodes.Node]:
        return pages.positions_overview(book_of(self.env.app))


class ExperienceTotal(SphinxDirective):
    """``{cv-experience-total}``: the union of all positions, live."""

    def run(self) -> list[nodes.Node]:
        return [pages.experience_total(book_of(self.env.app))]


class SelfDevelopment(SphinxDirective):
    """``{cv-self-development}``: books and languages in the plan (home page, self-development.md)."""

    def run(self) -> list[nodes.Node]:
        return pages.self_development(book_of(self.env.app))


class SkillGroups(SphinxDirective):
    """``{skill-groups}``: the intro's skill groups, from its front matter."""

    def run(self) -> list[nodes.Node]:
        return [pages.skill_groups(book_of(self.env.app))]


def setup(app: Sphinx) -> dict[str, Any]:
    jupyter_book.setup(app)
    external_toc.setup(app)
    myst_nb.setup(app)
    app.connect("config-inited", _site_address, priority=100)  # before extensions read html_baseurl
    app.connect("config-inited", _exclude_environments)
    app.connect("builder-inited", _load)
    app.connect("env-get-outdated", _outdated_fact_pages)
    app.connect("source-read", _insert_header)
    app.connect("doctree-read", _positions_newest_first, priority=external_toc.PRIORITY)
    app.connect("build-finished", _write_artefacts)
    # The site's theme and head (cvbook/site/theme/, cvbook.site).
    app.add_html_theme("cvbook", str(head.THEME_DIR))
    app.add_config_value("cvbook_theme_assets", "", "html", types=[str])
    # host:port of `make live`'s server, whose reload script the pages then allow (cvbook.cli.live).
    app.add_config_value("cvbook_live_reload", "", "html", types=[str])
    app.connect("config-inited", _theme_assets)
    app.connect("html-page-context", head.page_context)
    app.connect("html-page-context", _json_ld)
    app.add_role("cv-fact", FactRole())
    app.add_directive("cv-page-header", PageHeader)
    app.add_directive("skill-groups", SkillGroups)
    app.add_directive("cv-positions", Positions)
    app.add_directive("cv-experience-total", ExperienceTotal)
    app.add_directive("cv-self-development", SelfDevelopment)
    app.add_node(
        pages.monogram,
        html=(pages.visit_monogram_html, None),
        latex=(pages.skip_node, None),
        text=(pages.skip_node, None),
        man=(pages.skip_node, None),
        texinfo=(pages.skip_node, None),
    )
    execution.setup(app)  # the notebooks run all at once, while Sphinx reads the other pages
    notebook_links.setup(app)  # Download .ipynb, Binder, Colab on notebook pages
    search.setup(app)  # search fed the pages' prose, not their notebook code
    blog.setup(app)  # the blog: one site URL for the feed, bylines on posts
    # Not parallel-read safe: the notebooks run in this process's threads, which the processes
    # Sphinx forks to read pages would wait for in vain (ABlog forbids a parallel read anyway).
    return {"version": __version__, "parallel_read_safe": False, "parallel_write_safe": True}
