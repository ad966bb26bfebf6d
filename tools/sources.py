"""Copying the book's sources for a throw-away build (tests, bench)."""

from __future__ import annotations

import shutil
from pathlib import Path

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
    }
)


def copy_sources(source: Path, destination: Path) -> Path:
    """``source`` at ``destination``, without what NOT_COPIED names."""
    shutil.copytree(source, destination, ignore=lambda folder, names: [n for n in names if n in NOT_COPIED])
    return destination
