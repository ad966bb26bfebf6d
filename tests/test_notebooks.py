"""Every notebook runs top to bottom outside the build too (issue 8).

Readers open them in JupyterLab (`make lab`), Binder or a download, where the working
folder is the notebook's own or the repository root; both are run here under nbclient,
in a copy of the book, as of the pinned date.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from synthetic import PINNED_EPOCH, REPO, copy_book

NOTEBOOK_GLOBS = ("notebooks/*.ipynb", "blog/**/*.ipynb")
NOTEBOOKS = sorted(
    path.relative_to(REPO).as_posix()
    for pattern in NOTEBOOK_GLOBS
    for path in REPO.glob(pattern)
    if ".ipynb_checkpoints" not in path.parts
)
CELL_TIMEOUT = 120  # seconds, as execute.timeout in _config.yml


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy, so that nothing a notebook writes lands in the checkout."""
    return copy_book(tmp_path_factory.mktemp("notebooks") / "book")


def test_notebooks_are_found() -> None:
    assert "notebooks/experience.ipynb" in NOTEBOOKS


@pytest.mark.parametrize("where", ["own folder", "repository root"])
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_top_to_bottom(
    notebook: str, where: str, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The kernel inherits the environment: durations are counted to the pinned date.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(PINNED_EPOCH))
    path = book / notebook
    cwd = path.parent if where == "own folder" else book
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": cwd}}
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code_cells and all(cell.execution_count for cell in code_cells)


def test_notebooks_are_stored_without_outputs() -> None:
    """nbstripout (pre-commit) keeps them so; the build executes them."""
    for notebook in NOTEBOOKS:
        nb = nbformat.read(REPO / notebook, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, notebook


@pytest.fixture(scope="module")
def repository() -> tuple[str, str]:
    """``("altushka/cv", "main")`` from repository: in _config.yml, where it is set once."""
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    url, branch = config["repository"]["url"], config["repository"]["branch"]
    return url.removeprefix("https://github.com/").strip("/"), branch


@pytest.mark.build
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_page_has_binder_and_colab_buttons(
    notebook: str, built_book: Path, repository: tuple[str, str]
) -> None:
    slug, branch = repository
    page = (built_book / notebook).with_suffix(".html").read_text(encoding="utf-8")
    assert f'href="https://mybinder.org/v2/gh/{slug}/{branch}?urlpath=lab/tree/{notebook}"' in page
    assert f'href="https://colab.research.google.com/github/{slug}/blob/{branch}/{notebook}"' in page


@pytest.mark.build
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_page_offers_its_ipynb_for_download(notebook: str, built_book: Path) -> None:
    html_file = (built_book / notebook).with_suffix(".html")
    name = re.escape(Path(notebook).name)
    links = re.findall(rf'href="([^"#?]*{name})"', html_file.read_text(encoding="utf-8"))
    local = [link for link in links if "://" not in link]
    assert local, (
        f"{html_file.name} links to no {Path(notebook).name} to download: keep the theme's download "
        "button (html_theme_options.use_download_button) or link the notebook another way"
    )
    for link in local:
        downloaded = nbformat.read(html_file.parent / link, as_version=4)
        assert downloaded.cells == nbformat.read(REPO / notebook, as_version=4).cells
