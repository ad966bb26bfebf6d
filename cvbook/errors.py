"""The one exception type for mistakes in the content the owner edits.

A ContentError is the owner's mistake, not a bug: it is shown as a single line
naming the file and the field, never as a traceback (see ``cvbook.sphinx``).
"""

from __future__ import annotations

from pathlib import Path


class ContentError(Exception):
    """A problem in a content file, reported as ``file: field: message``."""

    def __init__(self, path: Path | str, field: str | None, message: str) -> None:
        self.path = Path(path)
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: {self.field}" if self.field else f"{self.path}"
        return f"{where}: {self.message}"
