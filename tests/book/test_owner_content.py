"""The owner's own content: only what must hold for ANY content he writes.

Tests that read his content are marked ``owner`` (most live here); every other test
builds synthetic books (tests/synthetic.py), so editing the CV never means editing a
test. One test edits a copy of the repository as the owner would and runs the
``owner`` tests there; another keeps the rest from reading his content.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cvbook.content.loader import load_book, problems
from synthetic import PINNED_DATE, REPO, build_env, copy_book, front_matter

pytestmark = pytest.mark.owner


def test_the_owners_content_has_no_problems() -> None:
    assert [error.line for error in problems(REPO, as_of=PINNED_DATE)] == []


@pytest.mark.build
def test_the_owners_book_builds_with_a_page_per_position(built_book: Path) -> None:
    book = load_book(REPO, as_of=PINNED_DATE)
    assert book.positions
    for page in book.positions:
        assert (built_book / f"{page.docname}.html").is_file(), page.docname
    for artefact in ("index.html", "cv.pdf", "resume.json"):
        assert (built_book / artefact).stat().st_size > 0, artefact


def edit_like_the_owner(root: Path) -> None:
    """A fifth position, two more skills, one technology renamed, and a first post."""
    (root / "experience" / "zz-fifth.md").write_text(
        front_matter(
            {"company": "Fifth Example Ltd", "role": "Staff Engineer", "start": "2026-01", "end": "present",
             "mode": "remote", "stack": ["Golang", "Zig"]},
            "## Problems and solutions\n\n- **Did a new thing.** With some detail.\n",
        ),
        encoding="utf-8",
    )  # fmt: skip
    intro = root / "intro.md"
    head, body = intro.read_text(encoding="utf-8").split("\n---\n", 1)
    facts = yaml.safe_load(head.removeprefix("---\n"))
    first_group = next(iter(facts["skills"]))
    facts["skills"][first_group] += ["Zig", "Rust"]
    renamed = facts["skills"][first_group][0]
    facts["skills"][first_group][0] = renamed + "-renamed"
    intro.write_text(front_matter(facts) + body, encoding="utf-8")
    posts = root / "blog" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    (posts / "2026-03-01-first-post.md").write_text(
        "---\nblogpost: true\ndate: 2026-03-01\ntags: [testing]\ncategory: Notes\n"
        "description: A post the test adds.\n---\n\n# A first post\n\nSome words of the post.\n",
        encoding="utf-8",
    )


@pytest.mark.build
@pytest.mark.meta
def test_editing_the_cv_breaks_no_test(tmp_path: Path) -> None:
    """The tests that read the owner's content (marked ``owner``, wherever they are) pass on an
    edited copy; every other test builds its own synthetic book."""
    root = copy_book(tmp_path / "edited")
    edit_like_the_owner(root)
    environment = {**build_env(), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "owner and not meta"]
    result = subprocess.run(
        command, check=False, cwd=root, capture_output=True, text=True, env=environment, timeout=900
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


OWNER_FIXTURES = {"built_book", "book_copy", "site_url"}  # conftest's fixtures of his own book
OWNER_CALLS = ("load_book(REPO", "copy_book(", 'REPO / "intro.md"', 'REPO / "experience"')


def _marked_owner(decorators: list[ast.expr]) -> bool:
    return any("owner" in ast.unparse(decorator) for decorator in decorators)


def test_only_owner_marked_tests_read_the_owners_content() -> None:
    """A test or fixture that loads or builds his own book is marked ``owner``, so the test
    above runs it on an edited copy; every other test builds a synthetic book."""
    offenders = []
    for test in sorted((REPO / "tests").glob("test_*.py")):
        tree = ast.parse(test.read_text(encoding="utf-8"))
        module_marked = any(
            isinstance(node, ast.Assign) and "pytestmark" in ast.unparse(node.targets[0]) and "owner" in ast.unparse(node.value)
            for node in tree.body
        )  # fmt: skip
        if module_marked:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and not _marked_owner(node.decorator_list):
                arguments = {argument.arg for argument in node.args.args} & OWNER_FIXTURES
                calls = [call for call in OWNER_CALLS if call in ast.unparse(node)]
                offenders += [f"{test.name}::{node.name} uses {use}" for use in [*sorted(arguments), *calls]]
    assert offenders == [], "mark these `owner`, or build a synthetic book instead"
