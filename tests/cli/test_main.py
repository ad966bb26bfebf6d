"""``python -m cvbook COMMAND`` (cvbook/__main__.py): the commands the Makefile runs, and its usage."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import cvbook.__main__ as entry
from synthetic import build_env, make_book


def cvbook(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cvbook", *args], cwd=cwd, env=build_env(), capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    "args", [[], ["bulid"], ["--help"], ["Build"]], ids=["none", "typo", "option", "case"]
)
def test_no_or_an_unknown_command_prints_the_usage_and_exits_2(args: list[str]) -> None:
    result = cvbook(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("``python -m cvbook COMMAND [ARGS]``")
    assert "Traceback" not in result.stderr


def test_the_usage_lists_every_command() -> None:
    listed = re.findall(r"^(\w+) ", entry.__doc__, flags=re.MULTILINE)
    assert listed == list(entry.COMMANDS) == ["build", "check", "live", "pdf"]


def test_check_runs_through_the_entry_point(tmp_path: Path) -> None:
    result = cvbook("check", str(make_book(tmp_path / "book")))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("content OK: ")


def test_main_passes_the_rest_of_the_arguments(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert entry.main(["check", str(tmp_path), "extra"]) == 2  # check's own usage: one book at most
    assert capsys.readouterr().err == "usage: python -m cvbook check [BOOK]\n"
