"""Sphinx's settings for this book: Jupyter Book's, computed from _config.yml (edit that file).

`python -m cvbook build` (make book) and `python -m cvbook live` (make live) run Sphinx with
this file; `jupyter-book build .` ignores it and computes the same settings itself.
"""

from pathlib import Path

from cvbook.site.upstream.jupyter_book import sphinx_config

globals().update(sphinx_config(Path(__file__).resolve().parent))
