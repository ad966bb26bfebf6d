"""Every third-party import is declared, in one list: the package's in requirements.in.

cvbook/ imports only what requirements.in names (pyproject.toml reads its dependencies from
it) or an extra of pyproject.toml names (``pdf``: Playwright); a package that is here only
because something else happens to pull it in would vanish from an install the day that
something stops needing it. tests/ and tools/ may also use what requirements-dev.in names;
tools/ never imports tests/. Imports are read with ``ast`` (function-level ones too, such
as the commands' late imports of Sphinx), and mapped to their distribution through the
installed metadata (``yaml`` is PyYAML, ``PIL`` is Pillow).
"""

from __future__ import annotations

import ast
import sys
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import metadata

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from synthetic import REPO

PACKAGE = "cvbook"
# Folders beside the package whose own modules import each other by these names.
FIRST_PARTY = frozenset({PACKAGE, "tools", "tests", *(path.stem for path in (REPO / "tests").glob("*.py"))})
TEST_HELPERS = frozenset({"tests", *(path.stem for path in (REPO / "tests").glob("*.py"))})


def imports(folder: str) -> dict[str, list[str]]:
    """``{top-level module: [files importing it]}`` for the absolute imports in ``folder``."""
    found: dict[str, list[str]] = {}
    for path in sorted((REPO / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                files = found.setdefault(name.partition(".")[0], [])
                if (where := path.relative_to(REPO).as_posix()) not in files:
                    files.append(where)
    return found


def third_party(found: dict[str, list[str]]) -> dict[str, list[str]]:
    return {
        module: files
        for module, files in found.items()
        if module not in sys.stdlib_module_names and module not in FIRST_PARTY and module != "__future__"
    }


def declared(requirements: str) -> set[str]:
    """The canonical distribution names a requirements*.in file lists (options and comments aside)."""
    names = set()
    for line in (REPO / requirements).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(canonicalize_name(Requirement(line).name))
    return names


def extras() -> dict[str, set[str]]:
    """pyproject.toml's optional dependencies: ``{extra: {canonical distribution names}}``."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        extra: {canonicalize_name(Requirement(line).name) for line in lines}
        for extra, lines in project.get("optional-dependencies", {}).items()
    }


@cache
def distributions() -> dict[str, list[str]]:
    return metadata.packages_distributions()


def undeclared(found: dict[str, list[str]], allowed: set[str], where: str) -> list[str]:
    """One line per import whose distribution ``allowed`` lacks: module, files, distribution."""
    problems = []
    for module, files in sorted(third_party(found).items()):
        names = distributions().get(module)
        if not names:
            problems.append(
                f"{module} (imported by {', '.join(files)}) is not installed from any distribution"
            )
        elif not {canonicalize_name(name) for name in names} & allowed:
            problems.append(
                f"{module} (imported by {', '.join(files)}) comes from {' or '.join(sorted(set(names)))}, "
                f"which {where} does not name"
            )
    return problems


def runtime() -> set[str]:
    return declared("requirements.in").union(*extras().values())


def test_pyproject_reads_its_dependencies_from_requirements_in() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "dependencies" in config["project"]["dynamic"]
    assert config["tool"]["setuptools"]["dynamic"]["dependencies"] == {"file": ["requirements.in"]}


def test_the_package_imports_only_what_requirements_in_or_an_extra_names() -> None:
    problems = undeclared(imports(PACKAGE), runtime(), "requirements.in (nor an extra in pyproject.toml)")
    assert not problems, "add each to requirements.in, then `make lock`:\n" + "\n".join(problems)


def test_playwright_is_the_pdf_extra_not_a_runtime_need() -> None:
    """`make pdf` prints with Playwright; building the site does not need it."""
    assert "playwright" in extras()["pdf"]
    assert "playwright" not in declared("requirements.in")


@pytest.mark.parametrize("folder", ["tests", "tools"])
def test_tests_and_tools_import_only_what_the_dev_list_names(folder: str) -> None:
    problems = undeclared(imports(folder), runtime() | declared("requirements-dev.in"), "requirements-dev.in")
    assert not problems, "add each to requirements-dev.in, then `make lock`:\n" + "\n".join(problems)


def helpers_imported(found: dict[str, list[str]]) -> Iterable[str]:
    return (
        f"{module} (imported by {', '.join(files)})"
        for module, files in found.items()
        if module in TEST_HELPERS
    )


def test_tools_import_nothing_from_tests() -> None:
    """tools/ runs on its own (`make audit`, `make bench`); the tests import tools/, never the reverse."""
    found = list(helpers_imported(imports("tools")))
    assert not found, "tools/ imports from tests/: " + "; ".join(found)


def test_the_reader_sees_lazy_and_nested_imports() -> None:
    """The walk finds function-level imports (the commands load Sphinx late) and maps names to distributions."""
    found = third_party(imports(PACKAGE))
    assert "cvbook/cli/build.py" in found["sphinx"]
    assert "cvbook/cli/book_pdf.py" in found["playwright"]
    assert "PyYAML" in distributions()["yaml"]
