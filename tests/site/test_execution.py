"""cvbook.site.execution: each notebook's settings as MyST-NB and jupyter-cache read them; real
kernels, in the notebook's folder over private channels; real builds, where the notebooks run
at the same time, a notebook saved again during the build runs again, and a failure stops the
build with the notebook and the cell named, and nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
from myst_nb.core.config import NbParserConfig
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from cvbook.site import execution
from synthetic import assert_clean_build, build_book, make_book

BOOK_SETTINGS = NbParserConfig(execution_mode="off", execution_timeout=120)
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def notebook_text(*cells: str, title: str | None = None, metadata: dict[str, Any] | None = None) -> str:
    """A notebook of code ``cells``, under a ``title`` heading when given (a page needs one)."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell) for cell in cells])
    if title is not None:
        notebook.cells.insert(0, nbformat.v4.new_markdown_cell(f"# {title}"))
    notebook.metadata.update({"kernelspec": KERNELSPEC, **(metadata or {})})
    return nbformat.writes(notebook)


def write_notebook(path: Path, *cells: str, title: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notebook_text(*cells, title=title), encoding="utf-8")
    return path


def job(path: Path) -> execution.Job:
    found = execution.job_for(path, path.read_text(encoding="utf-8"), BOOK_SETTINGS)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("metadata", "book_settings", "expected"),
    [
        pytest.param({}, {}, {"folder": "own", "timeout": 120, "allow_errors": False}, id="the-books"),
        pytest.param({"mystnb": {"execution_timeout": 7}}, {}, {"timeout": 7}, id="mystnb-timeout"),
        pytest.param({"execution": {"timeout": 5}}, {}, {"timeout": 5}, id="jupyter-cache-timeout"),
        pytest.param({"execution": {"allow_errors": True}}, {}, {"allow_errors": True}, id="allow-errors"),
        pytest.param({"mystnb": {"execution_in_temp": True}}, {}, {"folder": None}, id="in-temp"),
        pytest.param({"mystnb": {"execution_mode": "off"}}, {}, None, id="kept-as-stored"),
        pytest.param({"mystnb": {"execution_mode": "force"}}, {}, None, id="left-to-myst-nb"),
        pytest.param({}, {"execution_excludepatterns": ["*/drafts/*"]}, None, id="excluded"),
    ],
)
def test_a_notebook_runs_with_the_books_settings_and_its_own(
    metadata: dict[str, Any], book_settings: dict[str, Any], expected: dict[str, Any] | None
) -> None:
    path = Path("/book/drafts/sample.ipynb")
    found = execution.job_for(
        path, notebook_text("x = 1", metadata=metadata), BOOK_SETTINGS.copy(**book_settings)
    )
    if expected is None:
        assert found is None
        return
    assert found is not None
    for name, value in expected.items():
        assert getattr(found, name) == (path.parent if value == "own" else value), name


@pytest.mark.build
def test_a_notebook_runs_in_its_own_folder_over_private_channels(tmp_path: Path) -> None:
    path = write_notebook(
        tmp_path / "folder" / "sample.ipynb",
        "import json, os\nfrom ipykernel.connect import get_connection_info\n"
        "print(os.getcwd(), json.loads(get_connection_info())['transport'])",
    )
    stored = path.read_text(encoding="utf-8")

    run = execution.execute(job(path))

    cell = run.notebook.cells[0]
    assert cell.outputs[0].text.split() == [str(path.parent), "ipc"]
    assert "execution" not in cell.metadata, "no timings: the same facts give the same download"
    assert path.read_text(encoding="utf-8") == stored


@pytest.mark.build
@pytest.mark.parametrize(
    ("cell", "timeout", "error", "first_line"),
    [
        pytest.param(
            "raise RuntimeError('broken on purpose')",
            60,
            CellExecutionError,
            "sample.ipynb: a cell raised RuntimeError: broken on purpose",
            id="raises",
        ),
        pytest.param(
            "import time\ntime.sleep(30)",
            1,
            CellTimeoutError,
            "sample.ipynb: A cell timed out while it was being executed, after 1 seconds.",
            id="times-out",
        ),
    ],
)
def test_a_failure_names_the_notebook_then_shows_the_cell_without_colour_codes(
    tmp_path: Path, cell: str, timeout: int, error: type[Exception], first_line: str
) -> None:
    path = tmp_path / "sample.ipynb"
    path.write_text(
        notebook_text("x = 1", cell, metadata={"execution": {"timeout": timeout}}), encoding="utf-8"
    )
    with pytest.raises(error) as caught:
        execution.execute(job(path))

    message = execution.failure_message("sample.ipynb", caught.value)

    assert message.splitlines()[0] == first_line
    assert cell.splitlines()[-1] in message
    assert "\x1b" not in message


RENDEZVOUS = """\
import pathlib, time
marks = pathlib.Path({marks!r})
(marks / {own!r}).touch()
deadline = time.monotonic() + 60
while not (marks / {other!r}).exists():
    assert time.monotonic() < deadline, "the other notebook never started while this one ran"
    time.sleep(0.05)
"""


@pytest.mark.build
@pytest.mark.skipif(execution.usable_cpus() < 2, reason="one CPU runs one notebook at a time")
def test_the_books_notebooks_run_at_the_same_time(tmp_path: Path) -> None:
    """Each notebook waits until the other has started: run one after the other, the first one fails."""
    book = make_book(tmp_path / "book")
    marks = tmp_path / "marks"
    marks.mkdir()
    names = ("experience", "skills-timeline")
    for own, other in (names, names[::-1]):
        write_notebook(
            book / "notebooks" / f"{own}.ipynb",
            RENDEZVOUS.format(marks=str(marks), own=own, other=other),
            title=own,
        )

    result = build_book(book)

    assert_clean_build(result)
    assert sorted(path.name for path in marks.iterdir()) == sorted(names)
    assert "Executing notebook" not in result.stdout + result.stderr, "MyST-NB runs none of them"


SAVE_THE_OTHER = """\
import nbformat
other = nbformat.read({other!r}, as_version=4)
other.cells.append(nbformat.v4.new_code_cell("print('saved during the build')"))
nbformat.write(other, {other!r})
"""


@pytest.mark.build
def test_a_notebook_saved_again_during_the_build_shows_what_was_saved(tmp_path: Path) -> None:
    """The first notebook Sphinx reads edits the second, whose run started before the edit."""
    book = make_book(tmp_path / "book")
    second = write_notebook(
        book / "notebooks" / "skills-timeline.ipynb", "print('as first saved')", title="Second"
    )
    write_notebook(
        book / "notebooks" / "experience.ipynb", SAVE_THE_OTHER.format(other=str(second)), title="First"
    )

    assert_clean_build(build_book(book))

    page = (book / "_build" / "html" / "notebooks" / "skills-timeline.html").read_text(encoding="utf-8")
    assert "as first saved" in page
    assert "saved during the build" in page


MYST_NOTEBOOK_POST = """\
---
date: "2026-01-21"  # quoted: MyST-NB writes the front matter into a JSON notebook
category: Notes
tags: [golang]
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  name: python3
  display_name: Python 3
{mystnb}---

# A post that computes

```{{code-cell}} python3
print(6 * 7)
```
"""


@pytest.mark.build
@pytest.mark.parametrize(
    ("mystnb", "outcome"),
    [
        pytest.param("", "refused", id="refused"),
        pytest.param("mystnb:\n  execution_mode: force\n", "42", id="run-by-myst-nb"),
    ],
)
def test_a_myst_markdown_notebook_runs_only_when_it_asks_myst_nb(
    tmp_path: Path, mystnb: str, outcome: str
) -> None:
    book = make_book(
        tmp_path / "book", posts={"2026-01-21-computes.md": MYST_NOTEBOOK_POST.format(mystnb=mystnb)}
    )

    result = build_book(book)

    if outcome == "refused":
        assert result.returncode != 0
        assert "Notebook error:\nblog/posts/2026-01-21-computes.md: a MyST Markdown notebook" in result.stderr
    else:
        # MyST-NB runs it, over TCP: ipykernel's warning about that is expected here alone.
        assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
        post = book / "_build" / "html" / "blog" / "posts" / "2026-01-21-computes.html"
        assert outcome in post.read_text(encoding="utf-8")


@pytest.mark.build
def test_a_failing_notebook_cell_stops_the_build_and_names_it(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book")
    path = book / "notebooks" / "experience.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('broken on purpose')"))
    nbformat.write(notebook, path)

    result = build_book(book)

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        "Notebook error:\nnotebooks/experience.ipynb: a cell raised RuntimeError: broken on purpose" in output
    )
    assert "cvbook/site" not in output, "the kernel's traceback, not the build's"
    assert not (book / "_build" / "html" / "index.html").exists(), "nothing written"
