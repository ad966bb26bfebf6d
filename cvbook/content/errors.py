"""The one exception type for mistakes in the content the owner edits.

A ContentError is the owner's mistake, not a bug: it is shown as a single line
naming the file and the field, never as a traceback (see ``cvbook.site.extension``).
"""

from __future__ import annotations

from pathlib import Path


class ContentError(Exception):
    """A problem in a content file, reported as ``file: field: message``.

    ``more`` holds further problems found in the same file at the same time, so that
    ``make check`` can list every one while a build stops at the first.
    """

    def __init__(
        self, path: Path | str, field: str | None, message: str, more: tuple[ContentError, ...] = ()
    ) -> None:
        self.path = Path(path)
        self.field = None if field is None else _one_line(field)
        self.message = _one_line(message)
        self.more = more
        super().__init__(str(self))

    @property
    def line(self) -> str:
        """This problem alone, as one line."""
        path = _one_line(str(self.path))  # a file name may hold a line break too
        where = f"{path}: {self.field}" if self.field else path
        return f"{where}: {self.message}"

    @property
    def all(self) -> tuple[ContentError, ...]:
        return (self, *self.more)

    def __str__(self) -> str:
        count = len(self.more)
        return self.line + (f" (and {count} more problem{'s' if count > 1 else ''})" if count else "")


def _one_line(text: str) -> str:
    """``text`` with line breaks and other control characters shown as escapes: an error stays one line."""
    return "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in text)
