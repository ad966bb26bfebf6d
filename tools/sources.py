"""Throw-away builds (tests, bench): copying the book's sources, and the day they describe."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

# The date throw-away builds describe (SOURCE_DATE_EPOCH): 2026-03-18 00:00 UTC, so every run
# renders the same pages.
PINNED_DATE = dt.date(2026, 3, 18)
PINNED_EPOCH = int(dt.datetime.combine(PINNED_DATE, dt.time(), tzinfo=dt.UTC).timestamp())

# Build output, environments, caches and git: never part of a build's input.
NOT_COPIED = frozenset(
    {
        ".git",
        ".venv",
        ".venv-lab",
        "_build",
        "node_modules",
        ".pytest_cache",
        ".hypothesis",
        ".ruff_cache",
        "__pycache__",
        "mutants",
    }
)


def copy_sources(source: Path, destination: Path) -> Path:
    """``source`` at ``destination``, without what NOT_COPIED names."""
    shutil.copytree(
        source, destination, symlinks=True, ignore=lambda folder, names: [n for n in names if n in NOT_COPIED]
    )
    return destination
