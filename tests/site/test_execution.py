"""cvbook.site.execution with real kernels and real builds: a notebook runs in its own folder,
the book's notebooks run at the same time, and a failing cell stops the build with the
notebook and the cell named, and nothing written."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from cvbook.site import execution
from synthetic import assert_clean_build, build_book, make_book

pytestmark = pytest.mark.build


def write_notebook(path: Path, *cells: str, title: str | None = None) -> Path:
    """A notebook of code ``cells``, under a ``title`` heading when given (a page needs one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell) for cell in cells])
    if title is not None:
        notebook.cells.insert(0, nbformat.v4.new_markdown_cell(f"# {title}"))
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return path


def test_a_notebook_runs_in_its_own_folder_over_private_channels(tmp_path: Path) -> None:
    path = write_notebook(
        tmp_path / "folder" / "sample.ipynb",
        "import json, os\nfrom ipykernel.connect import get_connection_info\n"
        "print(os.getcwd(), json.loads(get_connection_info())['transport'])",
    )
    stored = path.read_text(encoding="utf-8")

    run = execution.execute(path, timeout=60)

    cell = run.notebook.cells[0]
    assert cell.outputs[0].text.split() == [str(path.parent), "ipc"]
    assert "execution" not in cell.metadata, "no timings: the same facts give the same download"
    assert path.read_text(encoding="utf-8") == stored


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
    path = write_notebook(tmp_path / "sample.ipynb", "x = 1", cell)
    with pytest.raises(error) as caught:
        execution.execute(path, timeout=timeout)

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
