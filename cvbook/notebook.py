"""One call at the top of each notebook: consistent figures, and the book loaded.

Keeps notebooks thin (import, call, display) whether they run in the build, in
JupyterLab from ``notebooks/`` or under nbclient from the repository root.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .content import Book, load_book

if TYPE_CHECKING:
    import pandas as pd
    from IPython.display import HTML


def setup(root: Path | str | None = None) -> Book:
    """Render figures as SVG and return the validated book (as of the build's today)."""
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("svg")
    return load_book(root)


def table(frame: pd.DataFrame) -> HTML:
    """A frame as a plain HTML table: no index column, no cut-off cells, no inline styles."""
    from IPython.display import HTML

    return HTML(frame.to_html(index=False, border=0, classes="cv-table"))
