"""One call at the top of each notebook: consistent figures, and the book loaded.

Keeps notebooks thin (import, call, display) whether they run in the build, in
JupyterLab from ``notebooks/`` or under nbclient from the repository root.
"""

from __future__ import annotations

from pathlib import Path

from .content import Book, load_book


def setup(root: Path | str | None = None) -> Book:
    """Render figures as SVG and return the validated book (as of the build's today)."""
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("svg")
    return load_book(root)
