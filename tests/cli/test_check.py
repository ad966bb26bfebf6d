"""`make check` (python -m cvbook check): every content problem on its own line, fast."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from synthetic import CONTACTS, POSITIONS, PROFILE, build_env, make_book


def check(book: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    command = [sys.executable, "-m", "cvbook", "check", str(book)]
    result = subprocess.run(command, capture_output=True, text=True, env=build_env(), check=False, timeout=60)
    return result, time.perf_counter() - started


def test_a_good_book_is_one_ok_line(tmp_path: Path) -> None:
    result, _ = check(make_book(tmp_path / "book", profile={**PROFILE, "email": CONTACTS["email"]}))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1 and "OK" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("contact", ["email", "profiles"])
def test_either_contact_is_enough(tmp_path: Path, contact: str) -> None:
    result, _ = check(make_book(tmp_path / "book", profile={**PROFILE, contact: CONTACTS[contact]}))
    assert "no contact" not in result.stdout


def test_without_a_contact_a_notice_names_the_keys_and_the_file_and_all_is_still_ok(tmp_path: Path) -> None:
    result, _ = check(make_book(tmp_path / "book"))  # the default profile sets neither
    assert result.returncode == 0, result.stderr
    ok, notice = result.stdout.splitlines()
    assert "OK" in ok
    assert all(word in notice for word in ("email", "profiles", "intro.md")), notice
    assert result.stderr == ""


def test_three_mistakes_in_two_files_are_three_lines_naming_file_and_key(tmp_path: Path) -> None:
    first = next(iter(POSITIONS))
    positions = {name: dict(POSITIONS[name]) for name in POSITIONS}
    positions[first]["mode"] = "sometimes"
    positions[first]["end"] = "2019-13"
    book = make_book(tmp_path / "book", profile={**PROFILE, "headlin": "typo"}, positions=positions)

    result, seconds = check(book)

    assert result.returncode == 1
    assert result.stdout == ""
    *problems, summary = result.stderr.splitlines()
    assert sorted(line.split(": ")[:2] for line in problems) == sorted([
        [str(book / "experience" / f"{first}.md"), "end"],
        [str(book / "experience" / f"{first}.md"), "mode"],
        [str(book / "intro.md"), "headlin"],
    ])  # fmt: skip
    assert summary == "3 problems in the content"
    assert seconds < 2, f"make check took {seconds:.2f} s"


def test_no_book_here_is_one_line(tmp_path: Path) -> None:
    result, _ = check(tmp_path)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and "_config.yml" in result.stderr
