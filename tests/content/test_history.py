"""cvbook.content.history: the date of the last commit that changed the owner's content."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cvbook.content.history import content_modified, last_commit
from synthetic import make_book

MODIFIED = dt.datetime(2026, 2, 3, 4, 5, 6, tzinfo=dt.UTC)


def git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.mark.system  # git
def test_the_last_commit_to_his_content_dates_it_and_other_commits_do_not(tmp_path: Path) -> None:
    assert shutil.which("git"), "git is missing"
    root = make_book(tmp_path / "book")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "everything", when="2026-01-05T10:00:00+01:00")
    with (root / "experience" / "alpha.md").open("a", encoding="utf-8") as file:
        file.write("\nOne more line of the story.\n")
    git(root, "commit", "-q", "-am", "his story", when="2026-02-03T04:05:06+00:00")
    (root / "README.md").write_text("Not his content.\n", encoding="utf-8")
    git(root, "add", "README.md")
    git(root, "commit", "-q", "-m", "the theme's notes", when="2026-03-01T00:00:00+00:00")
    assert content_modified(root) == MODIFIED
    # Any file's last commit, as the sitemap dates a page, from the page's own folder.
    assert last_commit(root, ("README.md",)) == dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    assert last_commit(root / "experience", ("alpha.md",)) == MODIFIED


def test_outside_git_there_is_no_date_and_the_caller_takes_the_as_of_date(tmp_path: Path) -> None:
    root = make_book(tmp_path / "book")  # a copy, not a checkout
    assert content_modified(root) is None
    assert last_commit(root, ("README.md",)) is None
