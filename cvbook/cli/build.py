"""How the book is built, stated once for the Makefile, the tests and the bench.

    python -m cvbook build BOOK [MORE JUPYTER-BOOK OPTIONS]

is ``jupyter-book build BOOK`` with the strict flags, and one difference: a build that
Sphinx stopped with one of its own errors (a SphinxError, such as a content mistake,
which Sphinx has already printed as its category and message) ends with exit status 1
and no traceback. Jupyter Book 1 follows every failed build with a traceback of its own
RuntimeError, which says nothing the Sphinx message did not. Any other exception keeps
its traceback: that is a bug to see.
"""

from __future__ import annotations

import sys

# Warnings fail the build (-W), every reference must resolve (-n), and all the
# problems of one run are reported before it fails (--keep-going).
STRICT_FLAGS = ("-W", "-n", "--keep-going")


def main(argv: list[str] | None = None) -> int:
    from jupyter_book.cli.main import main as jupyter_book
    from sphinx.errors import SphinxError

    args = sys.argv[1:] if argv is None else argv
    try:
        # Click ends the command with SystemExit and its status, which passes through.
        jupyter_book.main(["build", *args, *STRICT_FLAGS], prog_name="jupyter-book")
    except RuntimeError as error:
        if isinstance(error.__cause__, SphinxError):
            return 1
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
