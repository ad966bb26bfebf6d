"""``python -m cvbook COMMAND [ARGS]``: the book's commands, as the Makefile runs them.

build BOOK                          Sphinx on the conf.py, strict (cvbook.cli.build)
check [BOOK]                        every content mistake, one line each (cvbook.cli.check)
live [--port N] [BOOK]              rebuild and reload on save (cvbook.cli.live)
pdf [BOOK] [-o FILE]                the whole book as one A4 PDF (cvbook.cli.book_pdf)
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from .cli import book_pdf, build, check, live

# Each command loads Sphinx, Jupyter Book or Playwright only when it runs: `check` answers
# in a fraction of a second.
COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "build": build.main,
    "check": check.main,
    "live": live.main,
    "pdf": book_pdf.main,
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in COMMANDS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    return COMMANDS[args[0]](args[1:])


if __name__ == "__main__":
    sys.exit(main())
