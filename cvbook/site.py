"""The published site's head and weight: which assets a page loads, how it describes itself.

Hooked into Sphinx by ``cvbook.sphinxext``. Jupyter Book's themes load every script and
stylesheet on every page, and some from other origins; this module keeps, page by page,
only what the page uses (issue 7: fast, private, findable):

* the theme's bundles are linked through Sphinx's asset list rather than the theme's
  hard-coded macros (dropped in ``_templates/layout.html``), so that they are pruned and
  cache-busted like everything else. Left out entirely: the FontAwesome script (~540 KiB
  gzipped; icons are SVG masks in ``_static/cv.css``) and Bootstrap's script (tooltips,
  dropdowns and back-to-top, none of which the site uses);
* Sphinx's search scripts load on the search page only (the theme's search field is a
  plain form that submits to it);
* Pygments' and MyST-NB's stylesheets load only on pages with highlighted code or
  notebook cells;
* our own scripts are deferred and print.css is linked for print, so that neither
  blocks the first paint;
* the theme's stylesheet loses FontAwesome's glyph map (a rule per icon, some 1,900 of
  them: 20 of its 66 KiB gzipped, all of them unused without FontAwesome);
* an asset from another origin (MathJax from a CDN on a page with math, say) is a
  warning, hence a failed ``-W`` build: no page may call another origin.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

SEARCH_PAGE = "search"
NOT_FOUND_PAGE = "404"

# The theme's bundles, linked by Sphinx instead of the theme's macros (see the docstring).
# pydata-sphinx-theme's theme.css is only `@import "../basic.css"`: linking basic.css
# directly saves a request in series before the first paint.
THEME_CSS = {"basic.css": 100, "styles/pydata-sphinx-theme.css": 150}  # name -> priority
THEME_JS = "scripts/pydata-sphinx-theme.js"  # theme switch, search dialog, mobile sidebars

# Scripts only the search page runs: Sphinx's search and its "highlight the hits" helper.
SEARCH_ONLY_SCRIPTS = ("doctools.js", "sphinx_highlight.js", "searchtools.js", "language_data.js")

# Stylesheets a page needs only when its body has what they style.
ConditionalCss = Callable[[str], bool]
CONDITIONAL_CSS: dict[str, ConditionalCss] = {
    "pygments.css": lambda body: 'class="highlight' in body,
    "mystnb.": lambda body: 'class="cell' in body or "cell_output" in body,
}

# Stylesheets for one medium only: linked with media=..., they stay off the critical path.
CSS_MEDIA = {"print.css": "print"}

# The theme's stylesheet, as copied into the output, and FontAwesome's glyph rules inside it:
# `.fa-bars:before,.fa-navicon:before{content:"\f0c9"}`. cv.css draws the few icons used.
THEME_STYLESHEET = "_static/styles/pydata-sphinx-theme.css"
FONTAWESOME_GLYPHS = re.compile(r'(?:\.fa-[a-z0-9-]+:before,?)+\{content:"[^"]*"\}')

# Scripts that must run before the inline `DOCUMENTATION_OPTIONS.x = ...` lines after them.
KEEP_SYNCHRONOUS = ("documentation_options.js",)


def _link_theme_bundles(app: Sphinx) -> None:
    """Put the theme's stylesheets and script in this page's lists (see the module docstring).

    Per page, because pydata-sphinx-theme's own page hook deletes its stylesheet from the
    list (it expects to link it from the macros that _templates/layout.html drops).
    """
    for name, priority in THEME_CSS.items():
        app.add_css_file(name, priority=priority)
    app.add_js_file(THEME_JS, loading_method="defer")


def link_preview_defaults(app: Sphinx, config: Config) -> None:
    """Link previews take the site's address and name from _config.yml's ``html.baseurl``
    and ``title`` unless told otherwise: each fact lives once."""
    if config.html_baseurl and not getattr(config, "ogp_site_url", True):
        config.ogp_site_url = config.html_baseurl
    if getattr(config, "ogp_site_name", False) is None and config.html_title:
        config.ogp_site_name = config.html_title


def _filename(asset: Any) -> str:
    return str(getattr(asset, "filename", None) or "")


def _is_off_origin(url: str) -> bool:
    return url.startswith(("//", "http://", "https://"))


def _wanted_css(asset: Any, body: str) -> bool:
    name = Path(_filename(asset)).name
    return all(needed(body) for prefix, needed in CONDITIONAL_CSS.items() if name.startswith(prefix))


def _for_medium(asset: Any) -> Any:
    """The same stylesheet, limited to its medium when CSS_MEDIA names one."""
    medium = CSS_MEDIA.get(Path(_filename(asset)).name)
    if medium is None or "media" in asset.attributes:
        return asset
    return type(asset)(_filename(asset), priority=asset.priority, **asset.attributes, media=medium)


def _wanted_js(asset: Any) -> bool:
    return Path(_filename(asset)).name not in SEARCH_ONLY_SCRIPTS


def _deferred(asset: Any) -> Any:
    """The same script, deferred, when it is a same-origin file that may run after parsing."""
    name = _filename(asset)
    attributes = dict(asset.attributes)
    if not name or _is_off_origin(name) or Path(name).name in KEEP_SYNCHRONOUS:
        return asset
    if "defer" in attributes or "async" in attributes or attributes.get("type") == "module":
        return asset
    return type(asset)(name, priority=asset.priority, **attributes, defer="defer")


def prune_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Keep only the stylesheets and scripts this page uses; defer the scripts that can wait.

    Runs last among the page hooks (priority 900), after every extension has added its
    per-page assets. Sphinx restores the full lists after each page, so edits in place
    affect this page only.
    """
    _link_theme_bundles(app)
    body = context.get("body", "")
    css_files, script_files = context["css_files"], context["script_files"]
    css_files[:] = [_for_medium(asset) for asset in css_files if _wanted_css(asset, body)]
    if pagename != SEARCH_PAGE:  # its template runs Sphinx's search inline, right after these
        script_files[:] = [_deferred(asset) for asset in script_files if _wanted_js(asset)]
    for asset in [*css_files, *script_files]:
        if _is_off_origin(_filename(asset)):
            logger.warning(
                f"{pagename}: loads {_filename(asset)} from another origin; the site makes no "
                "third-party requests (vendor the file into _static or drop what needs it)",
                type="cvbook",
                subtype="privacy",
            )


def trim_theme_stylesheet(app: Sphinx, exception: Exception | None) -> None:
    """Drop FontAwesome's glyph map from the theme's stylesheet in the output (build-finished:
    after Sphinx has copied the theme's static files). The theme's own copy stays as it is."""
    if exception is not None or app.builder.format != "html":
        return
    stylesheet = Path(app.outdir) / THEME_STYLESHEET
    if stylesheet.is_file():
        css = stylesheet.read_text(encoding="utf-8")
        stylesheet.write_text(FONTAWESOME_GLYPHS.sub("", css), encoding="utf-8")


def name_section_toggles(toctree: Any) -> Any:
    """Name each sidebar section toggle after its entry: "Pages under Experience_".

    pydata-sphinx-theme puts an unnamed <summary> (an icon only) after the link of each
    entry with children; ``toctree`` is the theme's parsed tree (BeautifulSoup).
    """
    for summary in toctree.select("li > details > summary:not([aria-label])"):
        link = summary.parent.find_previous_sibling("a")
        if link is not None:
            summary["aria-label"] = f"Pages under {link.get_text(strip=True)}"
    return toctree


def label_sidebar_toggles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Screen readers and axe-core's "summary-name" rule need a name on each section toggle
    of the sidebar; the theme gives none. Wraps the theme's toctree function for this page."""
    generate = context.get("generate_toctree_html")
    if generate is None:
        return

    def generate_named(*args: Any, **kwargs: Any) -> Any:
        toctree = generate(*args, **kwargs)
        return name_section_toggles(toctree) if hasattr(toctree, "select") else toctree

    context["generate_toctree_html"] = generate_named


def describe_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """``description`` from a page's front matter as its meta description and link preview text.

    Runs before sphinxext-opengraph (priority 400 < 500): it then keeps our
    ``<meta name="description">`` and takes ``og:description`` from the page metadata.
    Pages without the key get sphinxext-opengraph's summary of their first paragraph.
    """
    meta = context.get("meta") or {}
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        return
    text = " ".join(description.split())
    context["metatags"] = (
        context.get("metatags", "") + f'<meta name="description" content="{html.escape(text)}" />\n'
    )
    context["meta"] = {**meta, "og:description": text}  # a copy: env.metadata stays as read


def not_found_base(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Give the 404 page a ``<base>`` at the site's path (from ``html.baseurl``).

    A host serves 404.html for any missing address, however deep, so its relative links
    must resolve from the site's root. First in <head>, before any URL it affects.
    """
    if pagename != NOT_FOUND_PAGE or not app.config.html_baseurl:
        return
    path = urlsplit(app.config.html_baseurl).path or "/"
    path = path if path.endswith("/") else f"{path}/"
    context["metatags"] = f'<base href="{html.escape(path)}" />\n' + context.get("metatags", "")
