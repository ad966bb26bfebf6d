"""The book's notebooks, run all at once while Sphinx reads the other pages.

MyST-NB runs a notebook when Sphinx reads its page, one after the other, and each run is
mostly waiting: a kernel starts, imports pandas and matplotlib, computes, shuts down. Sphinx
cannot read pages in parallel in this book (ABlog declares itself unsafe for it), so the
notebooks run here instead, with nbclient (what MyST-NB runs them with):

* ``env-before-read-docs``: as soon as Sphinx knows which pages it will read, every notebook
  among them starts, each in its own kernel, at most one per CPU, while Sphinx goes on
  reading the Markdown pages;
* ``source-read``: when Sphinx comes to a notebook's page, it waits for that run and hands
  the executed notebook to MyST-NB as the page's source. MyST-NB renders the outputs it is
  given and runs nothing itself (``execute_notebooks: off`` in _config.yml); it still writes
  the executed notebook into its output folder, which the page offers for download.

A notebook runs whenever Sphinx reads its page, as under MyST-NB's ``force`` mode: when it is
new or edited, or when the facts it shows change (``cvbook.site.extension.FACT_PAGES``). A
cell that raises or times out stops the build with a NotebookError: the notebook, the cell,
and the kernel's traceback.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbclient
import nbformat
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util import logging
from traitlets.config import Config

logger = logging.getLogger(__name__)

NOTEBOOK_SUFFIX = ".ipynb"
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")  # IPython colours its tracebacks


class NotebookError(SphinxError):
    """A notebook's cell failed: Sphinx shows "Notebook error:" and the message, no Python traceback."""

    category = "Notebook error"


@dataclass
class Run:
    """One notebook's execution: its result, and how long it took (seconds)."""

    notebook: nbformat.NotebookNode
    seconds: float


@dataclass
class Runs:
    """The notebooks of one build, started and not yet handed to MyST-NB, by docname."""

    pool: ThreadPoolExecutor | None = None
    pending: dict[str, Future[Run]] = field(default_factory=dict)


_ATTRIBUTE = "cvbook_notebook_runs"


def _runs(app: Sphinx) -> Runs:
    if not hasattr(app, _ATTRIBUTE):
        setattr(app, _ATTRIBUTE, Runs())
    return getattr(app, _ATTRIBUTE)


def execute(path: Path, timeout: int | None) -> Run:
    """Run the notebook at ``path`` top to bottom in a new kernel started in its folder.

    Raises nbclient's error for the first cell that fails. No timings are recorded into the
    cells, so a download of the same notebook with the same facts is the same file.
    """
    started = time.perf_counter()
    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="cvbook-kernel-") as sockets:
        nbclient.NotebookClient(
            notebook,
            timeout=timeout,
            resources={"metadata": {"path": str(path.parent)}},
            record_timing=False,
            shutdown_kernel="immediate",  # every output is in; nothing is left to flush
            config=_private_channels(Path(sockets)),
        ).execute()
    return Run(notebook, time.perf_counter() - started)


def _private_channels(folder: Path) -> Config:
    """The kernel's channels: Unix sockets in ``folder``, private to this user, rather than
    ports on loopback that any local process may connect to (ipykernel warns about those on
    every start). POSIX only; elsewhere nbclient's default."""
    if os.name != "posix":
        return Config()
    return Config({"KernelManager": {"transport": "ipc", "ip": str(folder / "kernel")}})


def usable_cpus() -> int:
    """The CPUs this process may run on (a CPU affinity or a container's limit counts)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _notebooks(env: BuildEnvironment, docnames: list[str]) -> list[str]:
    return [docname for docname in docnames if Path(env.doc2path(docname)).suffix == NOTEBOOK_SUFFIX]


def _start(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """env-before-read-docs: start every notebook Sphinx is about to read, in reading order."""
    notebooks = _notebooks(env, docnames)
    if not notebooks:
        return
    runs = _runs(app)
    runs.pool = ThreadPoolExecutor(max_workers=min(len(notebooks), usable_cpus()))
    timeout = app.config.nb_execution_timeout
    for docname in notebooks:
        runs.pending[docname] = runs.pool.submit(execute, Path(env.doc2path(docname)), timeout)
    logger.info(f"cvbook: executing {len(notebooks)} notebook(s) alongside the other pages")


def failure_message(source: str, error: Exception) -> str:
    """The notebook, then what failed: the cell and the kernel's traceback, without colour codes."""
    if isinstance(error, CellExecutionError):
        first = f"{source}: a cell raised {error.ename}: {error.evalue}"
    else:
        first = f"{source}: {str(error).strip().splitlines()[0]}"
    return f"{first}\n{ANSI_ESCAPE.sub('', str(error)).strip()}"


def _hand_over(app: Sphinx, docname: str, source: list[str]) -> None:
    """source-read: a notebook's page reads as the notebook executed."""
    future = _runs(app).pending.pop(docname, None)
    if future is None:
        return
    relative = os.path.relpath(app.env.doc2path(docname), app.srcdir)
    try:
        run = future.result()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        raise NotebookError(failure_message(relative, error)) from None
    logger.info(f"cvbook: executed notebook {relative} in {run.seconds:.2f} s")
    source[0] = nbformat.writes(run.notebook)


def _stop(app: Sphinx, exception: Exception | None) -> None:
    """build-finished, also after a failure: runs not yet started are dropped; started ones end."""
    runs = _runs(app)
    if runs.pool is not None:
        runs.pool.shutdown(wait=True, cancel_futures=True)
    runs.pending.clear()


def setup(app: Sphinx) -> None:
    # Last, so that the list is the one Sphinx reads after every other extension had its say.
    app.connect("env-before-read-docs", _start, priority=900)
    # First, so that every other source-read handler sees the executed notebook.
    app.connect("source-read", _hand_over, priority=100)
    app.connect("build-finished", _stop)
