"""Jupyter Book 1, where no setting reaches: its settings as a conf.py, and one option it
passes to any build.

* ``sphinx_config``: the settings ``jupyter-book build`` computes from _config.yml, which
  the book's conf.py hands to Sphinx. `python -m cvbook build` and `python -m cvbook live`
  then run plain Sphinx (and sphinx-autobuild) on the same settings; ``jupyter-book build``
  ignores conf.py and computes them itself, so it builds the same book.
* ``comments_config``: Jupyter Book passes it (from ``html.comments``) to every build as an
  override, for the sphinx_comments extension, which this site does not load; Sphinx warns
  about an override it does not know, and warnings fail the build. Declared here, unused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyter_book.config import get_final_config
from sphinx.application import Sphinx

from . import require

TESTED = ">=1.0.4,<1.1"
CONFIG = "_config.yml"
# What `jupyter-book build` passes on its command line by default (its --individualpages flag).
COMMAND_LINE = {"latex_individualpages": False}


def setup(app: Sphinx) -> None:
    require("jupyter-book", TESTED, "jupyter_book")
    app.add_config_value("comments_config", {}, "html", types=[dict])


def sphinx_config(root: Path) -> dict[str, Any]:
    """Sphinx's settings for the book at ``root``, as ``jupyter-book build`` computes them."""
    require("jupyter-book", TESTED, "jupyter_book")
    config, _ = get_final_config(user_yaml=root / CONFIG, cli_config=dict(COMMAND_LINE), sourcedir=root)
    return config
