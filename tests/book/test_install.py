"""A real install: the package as a wheel, in a fresh venv, builds a book that has no cvbook/ folder.

Every other test imports cvbook from the checkout, where the theme, the blog's templates and
the Typst templates sit next to the code whether or not pyproject.toml ships them. Here the
wheel is built from a copy of the sources, installed with the runtime lock's pins (no
resolver, no index URL: pip's own configuration, the machine's mirror) into a venv of its
own, and that venv builds a synthetic book strictly, from a folder outside the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from synthetic import REPO, assert_clean_build, build_env, make_book
from tools.sources import copy_sources

pytestmark = pytest.mark.build
SELF = "-e ."  # the lock's line for the book's own package; the wheel stands in for it
PIP = ("-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps")
# What the package reads as data at run time, relative to cvbook/: each must ship in the wheel.
DATA = ("site/theme", "site/blog_templates", "render/templates")


def run(*command: str | Path, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=clean_env(), capture_output=True, text=True,
        timeout=timeout, check=False,
    )  # fmt: skip
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))}:\n{(result.stdout + result.stderr)[-4000:]}"
    )
    return result


def clean_env() -> dict[str, str]:
    """The test build's environment, minus what could lead Python back to the checkout."""
    return {key: value for key, value in build_env().items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's wheel, built from a copy (the build leaves build/ and *.egg-info behind).

    Without build isolation: setuptools and wheel are pinned in the lock and already here, so
    the build needs no index at all.
    """
    folder = tmp_path_factory.mktemp("wheel")
    source = copy_sources(REPO, folder / "src")
    run(
        sys.executable,
        "-m",
        "build",
        "--wheel",
        "--no-isolation",
        "--outdir",
        folder / "dist",
        source,
        cwd=folder,
    )
    (found,) = (folder / "dist").glob("cvbook-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the runtime lock's pins and the wheel, each with --no-deps. Returns its python."""
    folder = tmp_path_factory.mktemp("venv")
    pins = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert SELF in pins, "requirements.txt no longer installs the package as `-e .`: update this test"
    lock = folder / "requirements.txt"
    lock.write_text("\n".join(line for line in pins if line.strip() != SELF) + "\n", encoding="utf-8")
    run(sys.executable, "-m", "venv", folder / "venv", cwd=folder)
    python = folder / "venv" / "bin" / "python"
    run(python, *PIP, "-r", lock, cwd=folder)
    run(python, *PIP, wheel, cwd=folder)
    return python


def test_the_wheel_carries_every_file_of_the_package(wheel: Path) -> None:
    """The code and every data file the package reads (theme, templates), nothing left behind."""
    package = REPO / "cvbook"
    expected = {
        f"cvbook/{path.relative_to(package).as_posix()}"
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.startswith("cvbook/")}
    assert not expected - shipped, (
        f"missing from the wheel (pyproject.toml package-data): {sorted(expected - shipped)}"
    )
    for folder in DATA:
        assert any(name.startswith(f"cvbook/{folder}/") for name in shipped), folder


def test_the_installed_package_builds_a_book_strictly(venv: Path, tmp_path: Path) -> None:
    book = make_book(tmp_path / "book")
    shutil.rmtree(book / "cvbook")  # only the installed package is importable
    where = run(venv, "-c", "import cvbook; print(cvbook.__file__)", cwd=tmp_path).stdout.strip()
    assert Path(where).is_relative_to(venv.parents[1]), f"cvbook imported from {where}, not the venv"
    result = subprocess.run(
        [str(venv), "-m", "cvbook", "build", str(book)], cwd=tmp_path, env=clean_env(),
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert_clean_build(result)
    assert (book / "_build" / "html" / "index.html").is_file()
    assert (book / "_build" / "html" / "cv.pdf").is_file()  # the Typst template shipped
    assert os.path.getsize(book / "_build" / "html" / "cv.pdf") > 0
