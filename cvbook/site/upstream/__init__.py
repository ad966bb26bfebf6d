"""Where the site leans on a library's behaviour rather than on its settings: one module per library.

Everything else configures the libraries (_config.yml, conf.py) or uses their extension
points (Sphinx events, template overrides). What no setting reaches is here, each piece
with the reason no setting does, so that an upgrade has one place to look at:

* ``ablog``: the publication date of posts (a module constant) and the Atom feed's final touches;
* ``external_toc``: positions ordered by date in a globbed toctree;
* ``jupyter_book``: its settings as a conf.py, and the one option it passes to any build;
* ``myst_nb``: the "Show code" control of a hide-input cell, written as valid HTML;
* ``sphinx_autobuild``: its reload script, which the preview's pages allow by its hash.

Each module states the versions it was tested with (``TESTED``) and calls ``require``
when the extension is set up: outside that range the build stops with one line saying
which module to check. tests/site/upstream/test_*.py pin the behaviour each one relies on.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from packaging.specifiers import SpecifierSet
from packaging.version import Version
from sphinx.errors import SphinxError


class UpstreamChanged(SphinxError):
    """A library is not the one the glue in cvbook.site.upstream was written for."""

    category = "Unsupported library version"


def require(distribution: str, tested: str, module: str) -> Version:
    """The installed version of ``distribution``; UpstreamChanged when it is outside ``tested``."""
    try:
        found = Version(version(distribution))
    except PackageNotFoundError:
        raise UpstreamChanged(f"{distribution} is not installed (cvbook.site.upstream.{module})") from None
    if found not in SpecifierSet(tested):
        raise UpstreamChanged(
            f"{distribution} {found} is outside {tested}, the range cvbook.site.upstream.{module} "
            f"was tested with: check that module against the new release, then widen TESTED there"
        )
    return found
