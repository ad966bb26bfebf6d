"""`make bench`: how fast the book builds and how it scales, against a reference measured
in the same run.

    python -m tools.bench [--runs N] [--from-head]

Every build is a subprocess in a temporary copy with ``SOURCE_DATE_EPOCH`` pinned: ours is
``python -m cvbook build COPY`` (what `make book` runs), the stock book's ``jupyter-book
build COPY``, both with -W -n --keep-going. Beside each
figure stands the same measure for the stock book that ``jupyter-book create`` makes, built
with the same pins in the same run: a busy machine slows both, so the ratio holds where the
seconds don't. Each figure is the median of N runs (default 3) with its min and max, and
the peak resident memory of the build's whole process tree (Sphinx plus notebook kernels).

Measured: cold build (no _build, no caches), no-change rebuild, rebuild after editing one
page, cv.pdf's render, the book PDF (``python -m cvbook pdf``, what `make pdf` runs),
the live preview (``python -m cvbook live``: a story edit saved until its page is served
updated; a position's role edited until every page that shows it and cv.pdf are), both
against the stock book's one-page rebuild, and a copy with 300 generated blog posts: full
build and rebuild after editing one post.
The exit status is 1 when a target is missed; nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import io
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

from cvbook.cli.build import STRICT_FLAGS
from tools.sources import PINNED_EPOCH, copy_sources

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
JUPYTER_BOOK = BIN / "jupyter-book"
BUILD_TIMEOUT_S = 900
LOG_TAIL_LINES = 40
MEMORY_SAMPLE_S = 0.05
CORES = 2  # the 300-post target is stated for two cores

# The page each "edit one page" run touches: a page whose text depends on nothing else.
OUR_EDITED_PAGE = "self-development.md"
STOCK_EDITED_PAGE = "markdown.md"
POST_COUNT = 300
POSTS_DIR = "blog/posts"
STOCK_POSTS_DIR = "posts"

# The live preview's rows edit the first position page (sorted by name) of the copy.
EXPERIENCE_DIR = "experience"
ROLE_LINE = re.compile(r"^role: .*$", re.MULTILINE)
SERVING = re.compile(r"Serving on (http://127\.0\.0\.1:\d+)")
POLL_S = 0.05

CV_PDF_LOG = re.compile(r"cvbook: wrote cv\.pdf \([\d.]+ KiB\) in (\d+) ms")
BOOK_PDF_MODULE = Path("cvbook") / "cli" / "book_pdf.py"


class BuildFailed(RuntimeError):
    """A measured command exited non-zero; the message ends with its log's tail."""


# --- figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_rss_bytes: int | None = None


@dataclass(frozen=True)
class Summary:
    median: float
    minimum: float
    maximum: float
    runs: int
    peak_rss_bytes: int | None  # the highest of the runs'


def summarize(samples: Sequence[Sample]) -> Summary:
    if not samples:
        raise ValueError("no samples to summarize")
    seconds = [sample.seconds for sample in samples]
    memories = [sample.peak_rss_bytes for sample in samples if sample.peak_rss_bytes is not None]
    return Summary(
        median=statistics.median(seconds),
        minimum=min(seconds),
        maximum=max(seconds),
        runs=len(seconds),
        peak_rss_bytes=max(memories) if memories else None,
    )


@dataclass(frozen=True)
class Row:
    label: str
    ours: Summary | None
    reference: Summary | None = None
    note: str = ""  # shown instead of our figure when there is none


def ratio(row: Row) -> float | None:
    """Our median over the reference's, when both exist."""
    if row.ours is None or row.reference is None or row.reference.median <= 0:
        return None
    return row.ours.median / row.reference.median


@dataclass(frozen=True)
class Target:
    label: str  # the row it judges
    limit: float
    relative: bool  # True: a ratio to the reference; False: our median in seconds

    def describe(self) -> str:
        return f"≤{self.limit:g}x stock" if self.relative else f"<{self.limit:g} s"


@dataclass(frozen=True)
class Verdict:
    target: Target
    value: float | None
    passed: bool

    def describe(self) -> str:
        if self.value is None:
            return f"MISS {self.target.label}: not measured (target {self.target.describe()})"
        shown = f"{self.value:.2f}x" if self.target.relative else f"{self.value:.1f} s"
        return f"{'PASS' if self.passed else 'MISS'} {self.target.label}: {shown} (target {self.target.describe()})"


def evaluate(target: Target, rows: Sequence[Row]) -> Verdict:
    row = next((row for row in rows if row.label == target.label), None)
    if row is None or row.ours is None:
        return Verdict(target, None, False)
    value = ratio(row) if target.relative else row.ours.median
    if value is None:
        return Verdict(target, None, False)
    # Relative limits are "at most"; the absolute one is "under".
    passed = value <= target.limit if target.relative else value < target.limit
    return Verdict(target, value, passed)


# --- the table ------------------------------------------------------------------------------


def format_seconds(summary: Summary | None) -> str:
    if summary is None:
        return "—"
    if summary.maximum < 1:
        to_ms = 1000
        return (
            f"{summary.median * to_ms:.0f} ms ({summary.minimum * to_ms:.0f}–{summary.maximum * to_ms:.0f})"
        )
    return f"{summary.median:.1f} s ({summary.minimum:.1f}–{summary.maximum:.1f})"


def format_memory(summary: Summary | None) -> str:
    if summary is None or summary.peak_rss_bytes is None:
        return "—"
    return f"{summary.peak_rss_bytes / 2**20:.0f} MiB"


def table_cells(row: Row, targets: Sequence[Target]) -> tuple[str, ...]:
    target = next((target for target in targets if target.label == row.label), None)
    verdict = evaluate(target, [row]) if target else None
    factor = ratio(row)
    return (
        row.label,
        format_seconds(row.ours) if row.ours else row.note or "—",
        format_memory(row.ours),
        format_seconds(row.reference),
        format_memory(row.reference),
        f"{factor:.2f}x" if factor is not None else "—",
        target.describe() if target else "",
        ("PASS" if verdict.passed else "MISS") if verdict else "",
    )


HEADER = (
    "measure",
    "ours: median (min–max)",
    "peak RSS",
    "stock: median (min–max)",
    "peak RSS",
    "ratio",
    "target",
    "",
)


def format_table(rows: Sequence[Row], targets: Sequence[Target]) -> str:
    """A plain-text table, one row a measure, columns padded to line up."""
    lines = [HEADER, *(table_cells(row, targets) for row in rows)]
    widths = [max(len(line[column]) for line in lines) for column in range(len(HEADER))]
    rendered = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in lines]
    rendered.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(rendered)


# --- generated posts ------------------------------------------------------------------------

CATEGORIES = ("Decisions", "Debugging", "Notes", "Tools", "Operations")
TAGS = ("go", "python", "postgres", "mongodb", "kafka", "testing", "performance", "caching", "auth", "ops")
FIRST_POST_DATE = dt.date(2019, 1, 7)
DAYS_BETWEEN_POSTS = 7  # 300 posts end in 2024: all in the past, so none is a draft
SENTENCES = (
    "The change looked small on the diff and turned out to touch every request on the path.",
    "I measured before and after on the same machine, with the same data, on the same day.",
    "Nothing failed loudly; the numbers drifted, and the drift was the only symptom.",
    "The fix was one line, and finding the line took most of the week.",
    "A default that suits a library's author does not always suit a service under load.",
    "Writing the decision down made the trade-off visible to the next person on call.",
    "The simplest version that could work was also the one that was easiest to delete.",
    "Reading the code that runs on every request paid for itself within a sprint.",
)


@dataclass(frozen=True)
class GeneratedPost:
    filename: str
    text: str


def generated_post(index: int, rng: random.Random) -> GeneratedPost:
    """Filler post number ``index`` (0-based), in the blog's format: front matter with date,
    tags and category, a ``# Title_`` heading, an excerpt paragraph, a section, a list, code."""
    date = FIRST_POST_DATE + dt.timedelta(days=index * DAYS_BETWEEN_POSTS)
    tags = sorted(rng.sample(TAGS, k=rng.randint(1, 3)))
    category = rng.choice(CATEGORIES)
    number = index + 1
    paragraphs = [" ".join(rng.sample(SENTENCES, k=3)) for _ in range(3)]
    items = "\n".join(
        f"- **{sentence.split(',')[0].rstrip('.')}.** {sentence}" for sentence in rng.sample(SENTENCES, 3)
    )
    text = f"""---
date: {date.isoformat()}
category: {category}
tags: [{", ".join(tags)}]
---

# Field note {number}: {tags[0]} in practice

{paragraphs[0]}

## What changed

{paragraphs[1]}

{items}

```python
def note_{number}(requests: list[str]) -> int:
    return sum(1 for request in requests if request)
```

## What I would do again

{paragraphs[2]}
"""
    return GeneratedPost(f"{date.isoformat()}-field-note-{number:03d}.md", text)


def generated_posts(count: int, seed: int = 9) -> list[GeneratedPost]:
    rng = random.Random(seed)  # the same posts every run, so runs compare
    return [generated_post(index, rng) for index in range(count)]


def write_posts(folder: Path, posts: Sequence[GeneratedPost]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / post.filename for post in posts]
    for path, post in zip(paths, posts):
        path.write_text(post.text, encoding="utf-8")
    return paths


# --- books to build ------------------------------------------------------------------------


def copy_tree(source: Path, destination: Path) -> Path:
    """``source`` without build output, venv, caches or git, as the tests copy it."""
    return copy_sources(source, destination)


def export_head(destination: Path) -> Path:
    """The committed book (``git archive HEAD``), for when the working tree is mid-edit."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", "HEAD"], check=True, capture_output=True
    ).stdout
    destination.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")
    return destination


def create_stock_book(destination: Path) -> Path:
    subprocess.run([str(JUPYTER_BOOK), "create", str(destination)], check=True, capture_output=True)
    return destination


def add_posts_to_stock(book: Path, posts: Sequence[GeneratedPost]) -> None:
    """The same pages as plain chapters of the stock book: the reference for the blog copy."""
    write_posts(book / STOCK_POSTS_DIR, posts)
    with (book / "_toc.yml").open("a", encoding="utf-8") as toc:
        toc.write(f"- glob: {STOCK_POSTS_DIR}/*\n")


def edit_page(page: Path, run: int) -> None:
    """Change a page's text (and so its mtime), as an author saving an edit would."""
    with page.open("a", encoding="utf-8") as file:
        file.write(f"\nEdited for the benchmark, run {run}.\n")


# --- measuring ------------------------------------------------------------------------------


def build_env(book: Path, *, own_code: bool) -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(PINNED_EPOCH), "PYTHONUNBUFFERED": "1"}
    if own_code:
        # cvbook is installed editable from the checkout; the copy's own package must win,
        # in Sphinx and in the notebooks' kernels, or a --from-head run measures the wrong code.
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(book), os.environ.get("PYTHONPATH")]))
    return env


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:  # it ended between listing and reading
            pass
    return total


def watch_peak_rss(pid: int, stop: threading.Event, peak: list[int]) -> None:
    """Sample the process tree's summed RSS until ``stop``; the highest lands in ``peak[0]``."""
    try:
        process = psutil.Process(pid)
    except psutil.Error:
        return
    while not stop.wait(MEMORY_SAMPLE_S):
        try:
            peak[0] = max(peak[0], tree_rss(process))
        except psutil.Error:
            return


def log_tail(log: Path, lines: int = LOG_TAIL_LINES) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def run_measured(command: Sequence[str], env: dict[str, str], log: Path, cwd: Path | None = None) -> Sample:
    """Run ``command`` with its output in ``log``; wall time and peak RSS of its process tree."""
    peak = [0]
    stop = threading.Event()
    with log.open("w", encoding="utf-8") as output:
        started = time.perf_counter()
        # Its own session, so an interrupted bench can stop the whole tree (kernels too).
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True
        )
        watcher = threading.Thread(target=watch_peak_rss, args=(process.pid, stop, peak), daemon=True)
        watcher.start()
        try:
            returncode = process.wait(timeout=BUILD_TIMEOUT_S)
        except BaseException:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise
        finally:
            stop.set()
            watcher.join()
        elapsed = time.perf_counter() - started
    if returncode != 0:
        raise BuildFailed(f"{' '.join(command)} exited {returncode}; last lines of {log}:\n{log_tail(log)}")
    return Sample(elapsed, peak[0] or None)


class Bench:
    """Runs the builds in one scratch folder and keeps each build's log for inspection."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.logs = scratch / "logs"
        self.logs.mkdir()
        self._log_count = 0

    def log(self, name: str) -> Path:
        self._log_count += 1
        return self.logs / f"{self._log_count:03d}-{name}.log"

    def build(self, book: Path, name: str, *, own_code: bool) -> tuple[Sample, Path]:
        """Ours through `make book`'s command; the stock book (no conf.py) through Jupyter Book's."""
        if own_code:
            command = [str(BIN / "python"), "-m", "cvbook", "build", str(book)]
        else:
            command = [str(JUPYTER_BOOK), "build", str(book), *STRICT_FLAGS]
        log = self.log(name)
        return run_measured(command, build_env(book, own_code=own_code), log), log

    def book_pdf(self, book: Path, tool_book: Path, name: str) -> Sample:
        """``python -m cvbook pdf BOOK`` from a clean start, with ``tool_book``'s cvbook."""
        shutil.rmtree(book / "_build", ignore_errors=True)
        command = [
            str(BIN / "python"),
            "-m",
            "cvbook",
            "pdf",
            str(book),
            "-o",
            str(self.scratch / f"{name}.pdf"),
        ]
        env = build_env(tool_book, own_code=True)
        return run_measured(command, env, self.log(name), cwd=tool_book)

    def fresh_copy(self, template: Path, name: str) -> Path:
        destination = self.scratch / name
        shutil.rmtree(destination, ignore_errors=True)
        return copy_tree(template, destination)


def cv_pdf_times_from_log(log: Path) -> list[Sample]:
    """What the build itself says cv.pdf took ("cvbook: wrote cv.pdf (… KiB) in N ms")."""
    text = log.read_text(encoding="utf-8", errors="replace")
    return [Sample(int(ms) / 1000) for ms in CV_PDF_LOG.findall(text)]


# A fresh interpreter per probe, so its peak RSS is cv.pdf's alone; the copy's cvbook is imported.
CV_PDF_PROBE = """
import json, resource, sys, time
from pathlib import Path
from cvbook.content.loader import load_book
from cvbook.render.cv_pdf import render
book = load_book(Path(sys.argv[1]))
render(book)  # warm-up: the first call loads Typst's fonts
started = time.perf_counter()
render(book)
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def cv_pdf_in_process(book: Path) -> Sample:
    result = subprocess.run(
        [str(BIN / "python"), "-c", CV_PDF_PROBE, str(book)],
        check=False,
        capture_output=True,
        text=True,
        env=build_env(book, own_code=True),
        cwd=book,
        timeout=BUILD_TIMEOUT_S,
    )
    if result.returncode != 0:
        raise BuildFailed(f"cv.pdf probe exited {result.returncode}:\n{result.stderr[-4000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return Sample(figures["seconds"], figures["maxrss_kib"] * 1024)


# --- the scenarios -------------------------------------------------------------------------

COLD = "cold build"
NO_CHANGE = "no-change rebuild"
EDIT_PAGE = "rebuild, 1 page edited"
CV_PDF = "cv.pdf render (in-process, warm)"
CV_PDF_BUILD = "cv.pdf render (build log)"
BOOK_PDF = "book PDF (cold)"
LIVE_STORY = "live: story edit → its page served"
LIVE_FACT = "live: role edit → its pages and cv.pdf"
POSTS_FULL = f"{POST_COUNT} posts: full build"
POSTS_EDIT = f"{POST_COUNT} posts: rebuild, 1 post edited"

TARGETS = (
    Target(COLD, 1.25, relative=True),
    Target(NO_CHANGE, 1.1, relative=True),
    Target(EDIT_PAGE, 1.5, relative=True),
    Target(LIVE_STORY, 1.5, relative=True),  # against the stock book's one-page rebuild
    Target(LIVE_FACT, 4, relative=True),  # likewise
    Target(POSTS_EDIT, 10, relative=False),
)


def measure_site(
    bench: Bench, ours: Path, stock: Path, runs: int, progress: Callable[[str], None]
) -> list[Row]:
    """Cold, no-change and one-edit builds, ours and the stock book in turn each round."""
    samples: dict[tuple[str, str], list[Sample]] = {}
    cv_pdf_logged: list[Sample] = []
    for run in range(1, runs + 1):
        for side, template, edited, own_code in (
            ("ours", ours, OUR_EDITED_PAGE, True),
            ("stock", stock, STOCK_EDITED_PAGE, False),
        ):
            progress(f"round {run}/{runs}: {side} cold, no-change, one edit")
            book = bench.fresh_copy(template, f"{side}-site")
            for measure, log_name, before in (
                (COLD, "cold", None),
                (NO_CHANGE, "no-change", None),
                (EDIT_PAGE, "edit", book / edited),
            ):
                if before is not None:
                    edit_page(before, run)
                sample, log = bench.build(book, f"{side}-{log_name}", own_code=own_code)
                samples.setdefault((side, measure), []).append(sample)
                if side == "ours":
                    cv_pdf_logged += cv_pdf_times_from_log(log)
    rows = [
        Row(measure, summarize(samples[("ours", measure)]), summarize(samples[("stock", measure)]))
        for measure in (COLD, NO_CHANGE, EDIT_PAGE)
    ]
    rows.append(
        Row(
            CV_PDF_BUILD,
            summarize(cv_pdf_logged) if cv_pdf_logged else None,
            note="no cv.pdf line in the build logs",
        )
    )
    return rows


def measure_cv_pdf(book: Path, runs: int) -> Row:
    return Row(CV_PDF, summarize([cv_pdf_in_process(book) for _ in range(runs)]))


def book_pdf_missing(book: Path) -> str | None:
    """Why the book PDF can't be measured in ``book``, or None when it can."""
    if not (book / BOOK_PDF_MODULE).is_file():
        return "n/a (pdf target missing)"
    if not (os.environ.get("CHROMIUM") or shutil.which("chromium")):
        return "n/a (no chromium to print with)"
    return None


def measure_book_pdf(
    bench: Bench, ours: Path, stock: Path, runs: int, progress: Callable[[str], None]
) -> Row:
    missing = book_pdf_missing(ours)
    if missing:
        return Row(BOOK_PDF, None, note=missing)
    ours_copy, stock_copy = bench.fresh_copy(ours, "ours-pdf"), bench.fresh_copy(stock, "stock-pdf")
    ours_samples, stock_samples = [], []
    for run in range(1, runs + 1):
        progress(f"round {run}/{runs}: book PDF, ours and stock")
        ours_samples.append(bench.book_pdf(ours_copy, ours_copy, "ours-book-pdf"))
        stock_samples.append(bench.book_pdf(stock_copy, ours_copy, "stock-book-pdf"))
    return Row(BOOK_PDF, summarize(ours_samples), summarize(stock_samples))


# --- the live preview ---------------------------------------------------------------------


def first_position(book: Path) -> Path:
    """The position page the live rows edit: the first by name, not the Experience index."""
    return min(path for path in (book / EXPERIENCE_DIR).glob("*.md") if path.name != "index.md")


def story_edit(page: Path, marker: str) -> None:
    """A sentence added at the end of the page's story: no fact, no highlight changes."""
    with page.open("a", encoding="utf-8") as file:
        file.write(f"\n{marker}\n")


def role_edit(page: Path, role: str) -> None:
    """The position's role in its front matter replaced by ``role``."""
    text = page.read_text(encoding="utf-8")
    replaced, count = ROLE_LINE.subn(f"role: {role}", text, count=1)
    if count != 1:
        raise BuildFailed(f"{page} has no role: line to edit")
    page.write_text(replaced, encoding="utf-8")


def pages_showing(site: Path, text: str) -> list[str]:
    """The HTML pages under ``site`` whose text contains ``text``, relative."""
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if text in path.read_text(encoding="utf-8", errors="replace")
    )


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
        return ""  # not up yet, or the page is being rewritten: the next poll sees it


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise BuildFailed(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(POLL_S)


class LivePreview:
    """``python -m cvbook live --port 0 BOOK`` in its own session, its output in ``log``."""

    def __init__(self, book: Path, log: Path) -> None:
        self.book, self.log = book, log
        self.site = book / "_build" / "html"
        command = [str(BIN / "python"), "-m", "cvbook", "live", "--port", "0", str(book)]
        with log.open("w", encoding="utf-8") as output:
            self.process = subprocess.Popen(
                command, stdout=output, stderr=subprocess.STDOUT, env=build_env(book, own_code=True),
                cwd=book, start_new_session=True,
            )  # fmt: skip
        try:
            wait_until(
                lambda: bool(SERVING.search(self.output())), BUILD_TIMEOUT_S, "the live preview's first build"
            )
        except BaseException:
            self.stop()
            raise
        self.url = SERVING.search(self.output())[1]

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def builds(self) -> int:
        """Builds finished so far: sphinx-autobuild says where it serves after each."""
        return len(SERVING.findall(self.output()))

    def served(self, page: str) -> str:
        return fetch(f"{self.url}/{page}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def time_story_edit(preview: LivePreview, page: Path, run: int) -> Sample:
    """Save a story edit; seconds until the server serves its page with it."""
    marker = f"Story edited for the benchmark, run {run}."
    served = page.relative_to(preview.book).with_suffix(".html").as_posix()
    builds = preview.builds()
    started = time.perf_counter()
    story_edit(page, marker)
    wait_until(lambda: marker in preview.served(served), BUILD_TIMEOUT_S, f"{served} with the story edit")
    elapsed = time.perf_counter() - started
    # The page is written before the build ends (cv.pdf, the card): let it end, untimed.
    wait_until(lambda: preview.builds() > builds, BUILD_TIMEOUT_S, "the story edit's build to end")
    return Sample(elapsed)


def time_role_edit(preview: LivePreview, page: Path, run: int) -> Sample:
    """Change a role; seconds until every page that showed the old one shows the new one, and
    cv.pdf is rewritten. The pages are found by a first, untimed edit to a unique role."""
    before = f"Benchmark role {run}a"
    builds = preview.builds()
    role_edit(page, before)
    wait_until(lambda: preview.builds() > builds, BUILD_TIMEOUT_S, "the untimed role edit's build")
    showing = pages_showing(preview.site, before)
    if not showing:
        raise BuildFailed(f"no page shows the edited role; see {preview.log}")
    cv_pdf = preview.site / "cv.pdf"
    pdf_before = cv_pdf.read_bytes() if cv_pdf.exists() else b""
    after = f"Benchmark role {run}b"
    started = time.perf_counter()
    role_edit(page, after)

    def updated() -> bool:
        pdf_now = cv_pdf.read_bytes() if cv_pdf.exists() else b""
        return pdf_now != pdf_before and all(after in preview.served(shown) for shown in showing)

    wait_until(updated, BUILD_TIMEOUT_S, f"{', '.join(showing)} and cv.pdf with the new role")
    return Sample(time.perf_counter() - started)


def measure_live(
    bench: Bench, ours: Path, stock: Path, runs: int, progress: Callable[[str], None]
) -> list[Row]:
    """The live preview's two rows, each against the stock book's one-page rebuild, measured here."""
    story: list[Sample] = []
    fact: list[Sample] = []
    reference: list[Sample] = []
    for run in range(1, runs + 1):
        progress(f"round {run}/{runs}: live preview, story and role edits; stock one-page rebuild")
        book = bench.fresh_copy(ours, "ours-live")
        preview = LivePreview(book, bench.log("ours-live"))
        try:
            page = first_position(book)
            time.sleep(1)  # let the watcher settle after the first build
            story.append(time_story_edit(preview, page, run))
            fact.append(time_role_edit(preview, page, run))
        finally:
            preview.stop()
        stock_book = bench.fresh_copy(stock, "stock-live-reference")
        bench.build(stock_book, "stock-live-cold", own_code=False)
        edit_page(stock_book / STOCK_EDITED_PAGE, run)
        reference.append(bench.build(stock_book, "stock-live-edit", own_code=False)[0])
    return [
        Row(LIVE_STORY, summarize(story), summarize(reference)),
        Row(LIVE_FACT, summarize(fact), summarize(reference)),
    ]


def measure_posts(
    bench: Bench, ours: Path, stock: Path, runs: int, progress: Callable[[str], None]
) -> list[Row]:
    """A copy with POST_COUNT generated posts (stock: the same files as plain pages)."""
    posts = generated_posts(POST_COUNT)
    edited = posts[POST_COUNT // 2].filename  # mid-blog: neither the newest nor in the feed
    ours_template = bench.fresh_copy(ours, "ours-posts-template")
    write_posts(ours_template / POSTS_DIR, posts)
    stock_template = bench.fresh_copy(stock, "stock-posts-template")
    add_posts_to_stock(stock_template, posts)
    samples: dict[tuple[str, str], list[Sample]] = {}
    for run in range(1, runs + 1):
        for side, template, page, own_code in (
            ("ours", ours_template, POSTS_DIR, True),
            ("stock", stock_template, STOCK_POSTS_DIR, False),
        ):
            progress(f"round {run}/{runs}: {side} with {POST_COUNT} posts, full build and one edit")
            book = bench.fresh_copy(template, f"{side}-posts")
            for measure, log_name, before in (
                (POSTS_FULL, "full", None),
                (POSTS_EDIT, "edit", book / page / edited),
            ):
                if before is not None:
                    edit_page(before, run)
                sample, _ = bench.build(book, f"{side}-posts-{log_name}", own_code=own_code)
                samples.setdefault((side, measure), []).append(sample)
    return [
        Row(measure, summarize(samples[("ours", measure)]), summarize(samples[("stock", measure)]))
        for measure in (POSTS_FULL, POSTS_EDIT)
    ]


def limit_to_cores(count: int) -> str:
    """Run this process and every build on at most ``count`` CPUs; say which."""
    available = sorted(os.sched_getaffinity(0))
    chosen = set(available[:count])
    if len(chosen) < len(available):
        os.sched_setaffinity(0, chosen)
    return f"{len(chosen)} of {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"


# --only: groups of rows, in the order a full run measures them.
GROUPS: dict[str, Callable[[Bench, Path, Path, int, Callable[[str], None]], list[Row]]] = {
    "site": measure_site,
    "cv-pdf": lambda bench, ours, stock, runs, progress: [measure_cv_pdf(ours, runs)],
    "book-pdf": lambda bench, ours, stock, runs, progress: [
        measure_book_pdf(bench, ours, stock, runs, progress)
    ],
    "live": measure_live,
    "posts": measure_posts,
}


def run_all(
    source: Path, scratch: Path, runs: int, progress: Callable[[str], None], only: Sequence[str] = ()
) -> list[Row]:
    bench = Bench(scratch)
    ours = copy_tree(source, scratch / "ours-template")
    stock = create_stock_book(scratch / "stock-template")
    rows: list[Row] = []
    for name, measure in GROUPS.items():
        if not only or name in only:
            rows += measure(bench, ours, stock, runs, progress)
    return rows


def targets_for(rows: Sequence[Row]) -> list[Target]:
    """The targets of the rows measured (all of them in a full run)."""
    labels = {row.label for row in rows}
    return [target for target in TARGETS if target.label in labels]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per figure (default 3: a median needs at least three)"
    )
    parser.add_argument(
        "--from-head",
        action="store_true",
        help="bench the committed book (git archive HEAD) instead of the working tree",
    )
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (logs in KEEP/logs)")
    parser.add_argument(
        "--only", action="append", choices=list(GROUPS), default=[],
        help="measure only this group of rows (repeatable); a full run measures all",
    )  # fmt: skip
    args = parser.parse_args(argv)

    def progress(message: str) -> None:
        print(f"bench: {message}", file=sys.stderr, flush=True)

    machine = limit_to_cores(CORES)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cvbench-") as temporary:
        scratch = args.keep or Path(temporary)
        scratch.mkdir(parents=True, exist_ok=True)
        source = export_head(scratch / "head") if args.from_head else REPO
        try:
            rows = run_all(source, scratch, args.runs, progress, args.only)
        except BuildFailed as failure:
            print(f"bench: a build failed\n{failure}", file=sys.stderr)
            return 2
    targets = targets_for(rows) if args.only else list(TARGETS)
    verdicts = [evaluate(target, rows) for target in targets]
    print(
        f"make bench: {args.runs} runs a figure, {machine}; took {time.perf_counter() - started:.0f} s"
        f"{' (book from git HEAD)' if args.from_head else ''}"
    )
    print(format_table(rows, targets))
    print()
    print("\n".join(verdict.describe() for verdict in verdicts))
    return 0 if all(verdict.passed for verdict in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
