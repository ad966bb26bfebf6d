"""The book's notebooks, run all at once while Sphinx reads the other pages.

MyST-NB runs a notebook when Sphinx reads its page, one after the other, and each run is
mostly waiting: a kernel starts, imports pandas and matplotlib, computes, shuts down. Sphinx
cannot read pages in parallel in this book (ABlog declares itself unsafe for it), so the
``.ipynb`` notebooks run here instead, with nbclient (what MyST-NB runs them with):

* ``env-before-read-docs``: as soon as Sphinx knows which pages it will read, every notebook
  among them is queued, each for a kernel of its own, as many at a time as there are CPUs,
  while Sphinx goes on reading the Markdown pages;
* ``source-read``: when Sphinx comes to a notebook's page, it waits for that run and hands
  the executed notebook to MyST-NB as the page's source. A notebook that was not queued, or
  whose file changed since, runs there and then. MyST-NB renders the outputs it is given and
  runs nothing itself (``execute_notebooks: off`` in _config.yml); it still writes the
  executed notebook into its output folder, which the page offers for download.

A notebook runs whenever Sphinx reads its page: when it is new or edited, or when the facts
it shows change (``cvbook.site.extension.FACT_PAGES``). It runs with MyST-NB's execution
settings as MyST-NB would read them (``execute:`` in _config.yml, then the notebook's own
``mystnb`` metadata) and jupyter-cache's per-notebook ``execution`` metadata (``timeout``,
``allow_errors``). A notebook whose metadata sets its own ``execution_mode`` is left to
MyST-NB. A cell that raises or times out stops the build with a NotebookError: the
notebook, the cell, and the kernel's traceback.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import nbclient
import nbformat
from myst_nb.core.config import NbParserConfig
from myst_nb.core.read import create_nb_reader
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util import logging
from traitlets.config import Config

logger = logging.getLogger(__name__)

NOTEBOOK_SUFFIX = ".ipynb"
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")  # IPython colours its tracebacks
FAILURES = (CellExecutionError, CellTimeoutError, DeadKernelError)


class NotebookError(SphinxError):
    """A notebook's cell failed, or a notebook cannot run here: "Notebook error:" and the message."""

    category = "Notebook error"


@dataclass(frozen=True)
class Job:
    """One notebook to run: its text as read, where its kernel starts, and for how long a cell may run."""

    source: str
    folder: Path | None  # None: a temporary folder (MyST-NB's execution_in_temp)
    timeout: int | None
    allow_errors: bool


@dataclass
class Run:
    """A job done: the notebook with its outputs, and how long it took (seconds)."""

    job: Job
    notebook: nbformat.NotebookNode
    seconds: float


@dataclass
class Runs:
    """The notebooks of one build, queued or running, not yet handed to MyST-NB, by docname."""

    pool: ThreadPoolExecutor | None = None
    pending: dict[str, Future[Run]] = field(default_factory=dict)


_RUNS_ATTRIBUTE = "cvbook_notebook_runs"


def _runs(app: Sphinx) -> Runs:
    if not hasattr(app, _RUNS_ATTRIBUTE):
        setattr(app, _RUNS_ATTRIBUTE, Runs())
    return getattr(app, _RUNS_ATTRIBUTE)


def job_for(path: Path, source: str, book_settings: NbParserConfig) -> Job | None:
    """How the notebook at ``path`` (whose text is ``source``) runs, or None when it does not run here.

    The settings are MyST-NB's (``book_settings``) updated from the notebook's ``mystnb``
    metadata, as MyST-NB updates them, then from its ``execution`` metadata, as jupyter-cache
    does. None for a notebook excluded by ``execution_excludepatterns``, and for one whose
    metadata sets ``execution_mode``: MyST-NB runs that one (or not) as it asks.
    """
    notebook = nbformat.reads(source, as_version=4)
    own = dict(notebook.metadata.get(book_settings.metadata_key, {}))
    if "execution_mode" in own:
        return None
    own.pop("output_folder", None)  # MyST-NB ignores it in a notebook too
    settings = book_settings.copy(**own)
    posix_path = PurePosixPath(path.as_posix())
    if any(posix_path.match(pattern) for pattern in settings.execution_excludepatterns):
        return None
    execution = notebook.metadata.get("execution", {})
    return Job(
        source=source,
        folder=None if settings.execution_in_temp else path.parent,
        timeout=execution.get("timeout", settings.execution_timeout),
        allow_errors=execution.get("allow_errors", settings.execution_allow_errors),
    )


def execute(job: Job) -> Run:
    """Run ``job``'s notebook top to bottom in a new kernel.

    Raises nbclient's error for the first cell that fails (unless the job allows errors). No
    timings are recorded into the cells, so the same notebook with the same facts gives the
    same download.
    """
    started = time.perf_counter()
    notebook = nbformat.reads(job.source, as_version=4)
    folder = nullcontext(str(job.folder)) if job.folder else tempfile.TemporaryDirectory()
    with folder as cwd, tempfile.TemporaryDirectory(prefix="cvbook-kernel-") as sockets:
        nbclient.NotebookClient(
            notebook,
            timeout=job.timeout,
            allow_errors=job.allow_errors,
            resources={"metadata": {"path": cwd}},
            record_timing=False,
            shutdown_kernel="immediate",  # every output is in; nothing is left to flush
            config=_private_channels(Path(sockets)),
        ).execute()
    return Run(job, notebook, time.perf_counter() - started)


def _private_channels(folder: Path) -> Config:
    """The kernel's channels: Unix sockets in ``folder``, private to this user, rather than
    ports on loopback that any local process may connect to (ipykernel warns about those on
    every start). POSIX only; elsewhere nbclient's default."""
    if os.name != "posix":
        return Config()
    return Config({"KernelManager": {"transport": "ipc", "ip": str(folder / "kernel")}})


def usable_cpus() -> int:
    """The CPUs this process may run on (its CPU affinity, which a cpuset narrows)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _start(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """env-before-read-docs: queue every notebook Sphinx is about to read, in reading order."""
    jobs = {}
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if path.suffix == NOTEBOOK_SUFFIX:
            job = job_for(path, path.read_text(encoding="utf-8"), env.mystnb_config)
            if job is not None:
                jobs[docname] = job
    if not jobs:
        return
    runs = _runs(app)
    runs.pool = ThreadPoolExecutor(max_workers=min(len(jobs), usable_cpus()))
    for docname, job in jobs.items():
        runs.pending[docname] = runs.pool.submit(execute, job)
    logger.info(f"cvbook: executing {len(jobs)} notebook(s) alongside the other pages")


def failure_message(source: str, error: Exception) -> str:
    """The notebook and what failed on the first line; then the cell and the kernel's traceback, without colour codes."""
    details = ANSI_ESCAPE.sub("", str(error)).strip()
    if isinstance(error, CellExecutionError):
        first = f"{source}: a cell raised {error.ename}: {error.evalue}"
    else:
        first = f"{source}: {details.splitlines()[0] if details else type(error).__name__}"
    return f"{first}\n{details}"


def _hand_over(app: Sphinx, docname: str, source: list[str]) -> None:
    """source-read: a notebook's page reads as the notebook executed."""
    path = Path(app.env.doc2path(docname))
    relative = os.path.relpath(path, app.srcdir)
    if path.suffix != NOTEBOOK_SUFFIX:
        _refuse_unrun_text_notebook(app, path, relative, source[0])
        return
    future = _runs(app).pending.pop(docname, None)
    try:
        run = future.result() if future is not None else None
        if run is None or run.job.source != source[0]:  # not queued, or saved again since
            job = job_for(path, source[0], app.env.mystnb_config)
            if job is None:
                return  # excluded from execution, or MyST-NB's to run
            run = execute(job)
    except FAILURES as error:
        raise NotebookError(failure_message(relative, error)) from None
    logger.info(f"cvbook: executed notebook {relative} in {run.seconds:.2f} s")
    source[0] = nbformat.writes(run.notebook)


def _refuse_unrun_text_notebook(app: Sphinx, path: Path, relative: str, source: str) -> None:
    """A MyST Markdown notebook cannot be handed over executed (MyST-NB re-reads its text), and
    with MyST-NB's own execution off it would show no outputs: say so, unless its front matter
    sets ``execution_mode`` (MyST-NB then runs it as asked)."""
    reader = create_nb_reader(str(path), app.env.myst_config, app.env.mystnb_config, source)
    if reader is None:
        return  # a Markdown page, not a notebook
    own = reader.read(source).metadata.get(app.env.mystnb_config.metadata_key, {})
    if "execution_mode" not in own:
        raise NotebookError(
            f"{relative}: a MyST Markdown notebook does not run in this book; save it as .ipynb, "
            "or set mystnb: {execution_mode: force} in its front matter to have MyST-NB run it"
        )


def _stop(app: Sphinx, exception: Exception | None) -> None:
    """build-finished, also after a failure: queued notebooks are dropped; running ones are waited for."""
    runs = _runs(app)
    if runs.pool is not None:
        runs.pool.shutdown(wait=True, cancel_futures=True)
    runs.pending.clear()


def setup(app: Sphinx) -> None:
    # Last, so that the list is the one Sphinx reads after every other extension had its say
    # (a page added later still runs, when it is read).
    app.connect("env-before-read-docs", _start, priority=900)
    # First, so that every other source-read handler sees the executed notebook.
    app.connect("source-read", _hand_over, priority=100)
    app.connect("build-finished", _stop)
