"""`make check`: every mistake in the content the owner edits, without building the book.

    python -m cvbook check [BOOK]

Prints each problem on one line, ``file: key: message``, and exits 1; or prints one OK
line, and a notice when the owner has set no contact (``contact_notice``), and exits 0. It reads the same front matter as the build, through the same
validation (``cvbook.content.loader.problems``), but never imports Sphinx, so it answers in
well under a second.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..content.errors import ContentError
from ..content.loader import contact_notice, find_root, load_profile, problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or any(arg.startswith("-") for arg in args):
        print("usage: python -m cvbook check [BOOK]", file=sys.stderr)
        return 2
    try:
        root = find_root(Path(args[0]) if args else None)
    except ContentError as error:  # no book here at all
        print(error.line, file=sys.stderr)
        return 1
    found = problems(root)
    for problem in found:
        print(problem.line, file=sys.stderr)
    if found:
        print(f"{len(found)} problem{'s' if len(found) > 1 else ''} in the content", file=sys.stderr)
        return 1
    print(f"content OK: {root}")
    notice = contact_notice(load_profile(root)[0])
    if notice:
        print(notice)
    return 0


if __name__ == "__main__":
    sys.exit(main())
