"""When the owner last changed his content, from the repository's history.

The date of the last commit that touched intro.md, experience/ or self-development.md:
what search engines read as the profile's ``dateModified`` (cvbook.render.jsonld). It comes
from git, never from the clock, so a rebuild of the same commit says the same; outside a
git checkout (a copied book, an unpacked archive) or without git, it is None and the
caller falls back to the build's as-of date.
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
    git = shutil.which("git")
    if git is None:
        return None
    try:
        result = subprocess.run(
            [git, "-C", str(root), "log", "-1", "--format=%cI", "--", *CONTENT],
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
