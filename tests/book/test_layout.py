"""Tests mirror the package: cvbook/<layer>/<module>.py is tested in tests/<layer>/test_<module>.py.

A new module without its test module fails here, naming the file to create. A few modules
are tested under another name; ``TESTED_ELSEWHERE`` lists them, each with its reason.
"""

from __future__ import annotations

import pytest

from synthetic import REPO

PACKAGE = REPO / "cvbook"

# module (as a path in cvbook/, without .py) -> the test module that holds its rules instead.
TESTED_ELSEWHERE = {
    # the package's entry point dispatches to the commands; it is tested with them
    "__main__": "tests/cli/test_main.py",
    # the head is computed per page and read back from the built pages' HTML
    "site/head": "tests/site/test_head_html.py",
    # the notebooks' Binder/Colab links and downloads are checked in the built notebooks
    "site/notebook_links": "tests/book/test_notebooks.py",
    # the sitemap is one of the extension's outputs, checked with the others
    "site/sitemap": "tests/site/test_extension.py",
}


def modules() -> list[str]:
    return sorted(
        path.relative_to(PACKAGE).with_suffix("").as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py" and "__pycache__" not in path.parts
    )


def mirrored(module: str) -> str:
    folder, _, name = module.rpartition("/")
    return f"tests/{folder + '/' if folder else ''}test_{name}.py"


@pytest.mark.parametrize("module", modules())
def test_every_module_has_its_test_module(module: str) -> None:
    expected = TESTED_ELSEWHERE.get(module, mirrored(module))
    assert (REPO / expected).is_file(), f"cvbook/{module}.py has no tests: create {expected}"


@pytest.mark.parametrize("module", sorted(TESTED_ELSEWHERE))
def test_each_exception_names_a_module_and_a_test_that_uses_it(module: str) -> None:
    assert (PACKAGE / f"{module}.py").is_file(), f"cvbook/{module}.py is gone: drop it from TESTED_ELSEWHERE"
    name = module.rpartition("/")[2]
    text = (REPO / TESTED_ELSEWHERE[module]).read_text(encoding="utf-8")
    assert name.strip("_") in text or name in text, f"{TESTED_ELSEWHERE[module]} never mentions {name}"


def test_the_test_folders_are_the_layers() -> None:
    layers = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    assert layers <= {path.name for path in (REPO / "tests").iterdir() if path.is_dir()}
