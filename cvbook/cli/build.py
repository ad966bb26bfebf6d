"""How the book is built, stated once for the Makefile, the live preview, the tests and the bench.

    python -m cvbook build BOOK [MORE SPHINX-BUILD OPTIONS]

runs Sphinx in this process on the book's conf.py, which holds Jupyter Book's settings
computed from _config.yml (``cvbook.site.upstream.jupyter_book``), with the strict flags,
into BOOK/_build/html. That is where ``jupyter-book build BOOK`` writes, with the same
settings and the same doctrees (BOOK/_build/.doctrees), so either command builds the same
site and finds the other's cache; `python -m cvbook live` runs the same conf.py through
sphinx-autobuild. A content mistake is Sphinx's own error: its category and one line, no
traceback, a non-zero exit status.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

# Warnings fail the build (-W), every reference must resolve (-n), and all the
# problems of one run are reported before it fails (--keep-going).
STRICT_FLAGS = ("-W", "-n", "--keep-going")
OUTPUT = Path("_build")  # under the book, as Jupyter Book puts it
DOCTREES = OUTPUT / ".doctrees"


def sphinx_arguments(
    book: Path, builder: str = "html", output: Path | None = None, extra: Sequence[str] = ()
) -> list[str]:
    """sphinx-build's arguments for ``book``: the builder's output under _build unless ``output``."""
    output = output or book / OUTPUT / builder
    return [str(book), str(output), "-b", builder, "-d", str(book / DOCTREES), *STRICT_FLAGS, *extra]


def build(book: Path, builder: str = "html", output: Path | None = None, extra: Sequence[str] = ()) -> int:
    """Build ``book`` strictly with ``builder``; Sphinx's exit status (0: built, no warning)."""
    from sphinx.cmd.build import build_main

    return build_main(sphinx_arguments(book, builder, output, extra))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0].startswith("-"):
        print("usage: python -m cvbook build BOOK [MORE SPHINX-BUILD OPTIONS]", file=sys.stderr)
        return 2
    return build(Path(args[0]).resolve(), extra=args[1:])


if __name__ == "__main__":
    sys.exit(main())
