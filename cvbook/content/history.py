"""When files last changed, from the repository's history.

``last_commit``: the date of the last commit that touched some files, what the sitemap's
``lastmod`` says of a page; ``content_modified``: the one that touched the owner's content
(intro.md, experience/, self-development.md), what search engines read as the profile's
``dateModified`` (cvbook.render.jsonld). Both come from git, never from the clock, so a
rebuild of the same commit says the same; outside a git checkout (a copied book, an
unpacked archive) or without git, they are None and the caller falls back to the build's
as-of date.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from .loader import EXPERIENCE_DIR, INTRO, SELF_DEVELOPMENT

CONTENT = (INTRO, EXPERIENCE_DIR, SELF_DEVELOPMENT)  # the files that state his facts and story
TIMEOUT_S = 10


def content_modified(root: Path) -> dt.datetime | None:
    """The committer date of the last commit that changed the owner's content, or None."""
    return last_commit(root, CONTENT)


def last_commit(folder: Path, paths: tuple[str, ...]) -> dt.datetime | None:
    """The committer date of the last commit that changed ``paths`` (relative to ``folder``), or None."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        result = subprocess.run(
            [git, "-C", str(folder), "log", "-1", "--format=%cI", "--", *paths],
            capture_output=True,
            text=True,
            check=False,
            timeout=TIMEOUT_S,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    stamp = result.stdout.strip()
    if result.returncode != 0 or not stamp:
        return None  # not a checkout, or no commit touches these files yet
    return dt.datetime.fromisoformat(stamp)
