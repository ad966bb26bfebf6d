"""How the book is built, stated once for the Makefile, the live preview, the tests and the bench.

    python -m cvbook build BOOK

runs Sphinx in this process on the book's conf.py, which holds Jupyter Book's settings
computed from _config.yml (``cvbook.site.upstream.jupyter_book``), with the strict flags,
into BOOK/_build/html. That is where ``jupyter-book build BOOK`` writes, with the same
settings and the same doctrees (BOOK/_build/.doctrees), so either command builds the same
site and finds the other's cache; `python -m cvbook live` runs the same conf.py through
sphinx-autobuild. A content mistake is Sphinx's own error: its category and one line, no
traceback, a non-zero exit status; a notebook cell's error is shown the same way, followed
by the cell and the kernel's traceback (cvbook.site.execution). A bug raised in an
extension's event handler is Sphinx's "Extension error", naming the handler; anywhere else,
its Python traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Warnings fail the build (-W), every reference must resolve (-n), and all the
# problems of one run are reported before it fails (--keep-going).
STRICT_FLAGS = ("-W", "-n", "--keep-going")
OUTPUT = Path("_build")  # under the book, as Jupyter Book puts it
DOCTREES = OUTPUT / ".doctrees"


def sphinx_arguments(book: Path, builder: str = "html", output: Path | None = None) -> list[str]:
    """The same build as sphinx-build's arguments (for sphinx-autobuild and for reading)."""
    output = output or book / OUTPUT / builder
    return [str(book), str(output), "-b", builder, "-d", str(book / DOCTREES), *STRICT_FLAGS]


def build(book: Path, builder: str = "html", output: Path | None = None) -> int:
    """Build ``book`` strictly with ``builder``: 0 when built without a warning.

    Sphinx's application as ``sphinx-build`` with STRICT_FLAGS runs it, with one difference:
    an exception that is not a SphinxError keeps its traceback here (sphinx-build saves it
    to a file), since it is a bug to read, not a mistake in the content.
    """
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.console import color_terminal, nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    if not color_terminal():
        nocolor()  # plain text in a log or a pipe, as sphinx-build does
    output = output or book / OUTPUT / builder
    try:
        with patch_docutils(str(book)), docutils_namespace():
            app = Sphinx(
                str(book), str(book), str(output), str(book / DOCTREES), builder,
                confoverrides={"nitpicky": True},  # -n
                warningiserror=True,  # -W
                keep_going=True,  # --keep-going
            )  # fmt: skip
            app.build()
            return app.statuscode
    except SphinxError as error:
        # A content mistake (cvbook.site.extension.ContentStop), a failing notebook cell
        # (cvbook.site.execution.NotebookError) and Sphinx's own errors: no Python traceback.
        print(f"\n{error.category}:\n{error}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0].startswith("-"):
        print("usage: python -m cvbook build BOOK", file=sys.stderr)
        return 2
    return build(Path(args[0]).resolve())


if __name__ == "__main__":
    sys.exit(main())
