"""`make lint` stays clean: ruff's lint and formatting on the package, tools, tests and notebooks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from synthetic import REPO

RUFF = Path(sys.executable).parent / "ruff"
LINTED = ("cvbook", "tools", "tests", "notebooks")  # as the Makefile's LINTED


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff_is_clean(command: list[str]) -> None:
    result = subprocess.run(
        [str(RUFF), *command, *LINTED], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, (
        f"run `make lint` (`ruff {' '.join(command)}`):\n{result.stdout}{result.stderr}"
    )


def test_the_makefile_lints_the_same_folders() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert f"LINTED := {' '.join(LINTED)}\n" in makefile


def test_the_layers_contract_holds() -> None:
    """.importlinter: each layer imports only the ones below it, and no modules form a circle."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"run `make lint` (lint-imports):\n{result.stdout}{result.stderr}"
    assert "0 broken" in result.stdout
