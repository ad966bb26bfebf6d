"""`make audit`: serve the built site gzipped with nginx, as a static host would, then measure
one page of each kind (home, an experience page, the numbers and skills notebooks, the blog
index, the newest post) with Lighthouse (its default mobile mode) and axe-core (light and dark
mode) in Debian's Chromium, print one table and exit non-zero when a target is missed.

    python -m tools.audit [SITE]        # SITE defaults to _build/html

Everything runs on loopback; nginx and every browser are stopped before this returns.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from cvbook.cli.browser import CHROMIUM_ARGS, system_chromium

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
MIME_TYPES = Path("/etc/nginx/mime.types")

# Lighthouse launches Chromium itself, so it also needs the headless flag.
CHROMIUM_FLAGS = ("--headless=new", *CHROMIUM_ARGS)

# text/html is always compressed by nginx; these are the other text formats the site serves.
GZIP_TYPES = (
    "text/css",
    "application/javascript",
    "text/javascript",
    "image/svg+xml",
    "application/json",
    "application/manifest+json",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "text/plain",
)

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COLOR_MODES = ("light", "dark")

# The acceptance targets: Lighthouse mobile scores and LCP on every page kind, and the home
# page's weight budget (20 KiB with inline CSS measures LCP 0.65 s here: the floor).
MIN_SCORES = {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_LCP_MS = 1000
INTRO_MAX_KIB = 35
INTRO_MAX_REQUESTS = 6

LIGHTHOUSE_TIMEOUT_S = 180
SERVER_START_TIMEOUT_S = 10


class AuditError(RuntimeError):
    """A measurement could not be taken (the tool failed, not the site)."""


@dataclass(frozen=True)
class Page:
    label: str
    path: str  # relative to the site's root, as in its URL
    byte_budget: bool = False  # held to the home page's KiB and request limits


@dataclass(frozen=True)
class LighthouseResult:
    scores: dict[str, int | None]  # 0–100 per category; None when Lighthouse could not score it
    lcp_ms: float | None
    transferred_bytes: int
    requests: int
    off_origin_urls: tuple[str, ...]
    # Per category, the scored audits that cost points: where to look when a score is short.
    failing_audits: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Lighthouse's own caveats, such as a CPU slower than it expects (a busy machine).
    warnings: tuple[str, ...] = ()

    @property
    def transferred_kib(self) -> float:
        return self.transferred_bytes / 1024


@dataclass(frozen=True)
class AxeResult:
    mode: str
    violations: tuple[str, ...]  # "rule-id (n nodes)", one per violated rule
    rendered_theme: str | None = None  # the colour scheme the page was rendered in


@dataclass
class PageReport:
    page: Page
    lighthouse: LighthouseResult | None = None
    axe: dict[str, AxeResult] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- which pages


def newest_post(site: Path) -> str | None:
    """The newest blog post, as a path under ``site``, read from the blog's Atom feed.

    The feed is the one place the built site states every post's date; ablog writes it to
    ``blog/atom.xml`` (tag and category feeds sit deeper, so the shallowest feed wins)."""
    feeds = sorted((site / "blog").rglob("*.xml"), key=lambda path: (len(path.parts), path))
    for feed in feeds:
        entries = _atom_entries(feed)
        if entries:
            for _, link in sorted(entries, reverse=True):
                local = local_path_for(site, link)
                if local:
                    return local
    return None


_ATOM = "{http://www.w3.org/2005/Atom}"


def _atom_entries(feed: Path) -> list[tuple[datetime, str]]:
    """(date, link) for each entry of an Atom feed; empty for anything else."""
    try:
        root = ElementTree.parse(feed).getroot()
    except ElementTree.ParseError:
        return []
    if root.tag != f"{_ATOM}feed":
        return []
    entries = []
    for entry in root.iter(f"{_ATOM}entry"):
        date_text = entry.findtext(f"{_ATOM}published") or entry.findtext(f"{_ATOM}updated")
        links = [
            link.get("href")
            for link in entry.iter(f"{_ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if date_text and links and links[0]:
            entries.append((datetime.fromisoformat(date_text.strip()), links[0]))
    return entries


def local_path_for(site: Path, url: str) -> str | None:
    """The file under ``site`` that an absolute URL of the published site points at.

    The feed's links carry the published base URL (``https://…/cv/blog/post.html``), so the
    longest tail of the URL's path that exists in the build is the page."""
    parts = [part for part in urllib.parse.urlparse(url).path.split("/") if part]
    if url.endswith("/"):
        parts.append("index.html")
    for start in range(len(parts)):
        candidate = site.joinpath(*parts[start:])
        if candidate.is_file():
            return "/".join(parts[start:])
        if (candidate / "index.html").is_file():
            return "/".join([*parts[start:], "index.html"])
    return None


def first_position(site: Path) -> str | None:
    """An experience page: the first one in file order (any will do, they share a layout)."""
    pages = sorted(path for path in (site / "experience").glob("*.html") if path.name != "index.html")
    return pages[0].relative_to(site).as_posix() if pages else None


NOINDEX = re.compile(r'<meta name="robots" content="noindex">')


def choose_pages(site: Path) -> tuple[list[Page], list[str]]:
    """One page of each kind, and a note for each kind this build does not have."""
    wanted = [
        Page("home", "index.html", byte_budget=True),
        Page("experience", first_position(site) or "experience/(none).html"),
        Page("numbers", "notebooks/experience.html"),
        Page("skills", "notebooks/skills-timeline.html"),
        Page("blog", "blog/index.html"),
    ]
    pages, notes = [], []
    for page in wanted:
        if not (site / page.path).is_file():
            notes.append(f"skipped {page.label}: {page.path} is not in this build")
        elif NOINDEX.search((site / page.path).read_text(encoding="utf-8")):
            # Kept out of search engines on purpose (an empty blog): Lighthouse's SEO score
            # counts that against it, so it has no SEO target to meet.
            notes.append(f"skipped {page.label}: {page.path} is noindex in this build (a blog without posts)")
        else:
            pages.append(page)
    post = newest_post(site)
    if post:
        pages.append(Page("blog post", post))
    else:
        notes.append("skipped blog post: no post in this build (audit a test copy with posts: SITE=...)")
    return pages, notes


# ---------------------------------------------------------------- nginx


def _quoted(path: Path) -> str:
    return '"' + str(path).replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_nginx_config(
    site: Path, port: int, workdir: Path, *, as_root: bool, mime_types: Path = MIME_TYPES
) -> str:
    """An nginx.conf that serves ``site`` gzipped on 127.0.0.1:``port`` in the foreground,
    keeping its pid, logs and temp files in ``workdir`` so it runs without touching /var."""
    # As root, nginx's workers would drop to "nobody", who can't read a site under a private
    # temp folder (pytest's are 0700); non-root, the directive is ignored with a warning.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if as_root else ""
    temp = workdir / "temp"
    return f"""\
# Generated by tools/audit.py for one audit run.
{user}daemon off;
worker_processes 1;
pid {_quoted(workdir / "nginx.pid")};
error_log {_quoted(workdir / "error.log")} warn;

events {{
    worker_connections 256;
}}

http {{
    include {_quoted(mime_types)};
    default_type application/octet-stream;
    access_log {_quoted(workdir / "access.log")};
    client_body_temp_path {_quoted(temp / "client_body")};
    proxy_temp_path {_quoted(temp / "proxy")};
    fastcgi_temp_path {_quoted(temp / "fastcgi")};
    uwsgi_temp_path {_quoted(temp / "uwsgi")};
    scgi_temp_path {_quoted(temp / "scgi")};
    sendfile on;

    gzip on;
    gzip_comp_level 6;
    gzip_vary on;
    gzip_types {" ".join(GZIP_TYPES)};

    server {{
        listen 127.0.0.1:{port};
        root {_quoted(site.resolve())};
        index index.html;
        # As GitHub Pages does: a site's own 404 page when it has one.
        error_page 404 /404.html;
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout_s: float) -> None:
    """Return once something accepts connections on the port; fail fast if the process died."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AuditError(f"nginx exited with code {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise AuditError(f"nginx did not listen on port {port} within {timeout_s:.0f} s")


def stop_process_group(
    process: subprocess.Popen[bytes], first_signal: int = signal.SIGTERM, grace_s: float = 10
) -> None:
    """Stop a process started with ``start_new_session=True``: ask it first (nginx's master
    then stops its workers; Lighthouse on SIGINT closes its Chrome), then kill its whole group."""
    if process.poll() is not None:
        return  # exited and reaped: its group id is no longer ours to signal
    process.send_signal(first_signal)
    try:
        process.wait(grace_s)
        return
    except subprocess.TimeoutExpired:
        pass
    # Not yet reaped, so the group id is still its own.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@contextlib.contextmanager
def serve_gzipped(site: Path) -> Iterator[str]:
    """Serve ``site`` with nginx on a free loopback port; yields the base URL (no trailing /)."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise AuditError("nginx is not installed: run .ci/run or `apt-get install nginx-light`")
    with tempfile.TemporaryDirectory(prefix="audit-nginx-") as tmp:
        workdir = Path(tmp)
        (workdir / "temp").mkdir()
        port = free_port()
        config = workdir / "nginx.conf"
        config.write_text(render_nginx_config(site, port, workdir, as_root=os.geteuid() == 0))
        command = [nginx, "-p", str(workdir), "-e", str(workdir / "error.log"), "-c", str(config)]
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            try:
                wait_for_port(port, process, SERVER_START_TIMEOUT_S)
            except AuditError as error:
                log = (
                    (workdir / "error.log").read_text(errors="replace")
                    if (workdir / "error.log").exists()
                    else ""
                )
                raise AuditError(f"{error}\n{log.strip()}") from None
            yield f"http://127.0.0.1:{port}"
        finally:
            stop_process_group(process)


# ---------------------------------------------------------------- Lighthouse


def parse_lighthouse(report: dict) -> LighthouseResult:
    """The numbers the audit reports, out of a Lighthouse JSON report (lhr)."""
    if report.get("runtimeError"):
        error = report["runtimeError"]
        raise AuditError(f"Lighthouse: {error.get('code')}: {error.get('message')}")
    scores = {}
    for name in CATEGORIES:
        score = report["categories"][name]["score"]
        scores[name] = None if score is None else round(score * 100)
    audits = report["audits"]
    page_origin = _origin(report.get("finalDisplayedUrl") or report["requestedUrl"])
    # data: and blob: URLs appear in the list too but never reach the network.
    requests = [
        item["url"]
        for item in audits["network-requests"]["details"]["items"]
        if urllib.parse.urlparse(item["url"]).scheme in ("http", "https")
    ]
    return LighthouseResult(
        scores=scores,
        lcp_ms=audits["largest-contentful-paint"].get("numericValue"),
        transferred_bytes=int(audits["total-byte-weight"]["numericValue"]),
        requests=len(requests),
        off_origin_urls=tuple(url for url in requests if _origin(url) != page_origin),
        failing_audits={name: _failing_audits(report, name) for name in CATEGORIES},
        warnings=tuple(_first_sentence(warning) for warning in report.get("runWarnings", [])),
    )


def _first_sentence(text: str) -> str:
    return " ".join(text.split(". ")[0].split()).removesuffix(".") + "."


def _failing_audits(report: dict, category: str) -> tuple[str, ...]:
    """The audits with weight in ``category`` that did not score full marks."""
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        score = report["audits"][ref["id"]].get("score")
        if ref.get("weight", 0) > 0 and score is not None and score < 1:
            failing.append(ref["id"])
    return tuple(failing)


def _origin(url: str) -> str:
    parts = urllib.parse.urlparse(url)
    return f"{parts.scheme}://{parts.netloc}"


def chromium_path() -> str:
    path = system_chromium()
    if not path:
        raise AuditError("Debian's chromium is not installed: run .ci/run or `apt-get install chromium`")
    return path


def run_lighthouse(url: str, output: Path) -> LighthouseResult:
    """One Lighthouse run in its default (mobile, simulated throttling) mode; keeps the JSON."""
    if not LIGHTHOUSE.exists():
        raise AuditError(f"{LIGHTHOUSE.relative_to(REPO)} is missing: run `npm ci` (make audit does)")
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
        "--quiet",
    ]
    environment = {**os.environ, "CHROME_PATH": chromium_path()}
    # Its own session, so a timeout can take down the Chromium it launched as well.
    process = subprocess.Popen(
        command,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _, stderr = process.communicate(timeout=LIGHTHOUSE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise AuditError(f"Lighthouse took over {LIGHTHOUSE_TIMEOUT_S} s on {url}") from None
    finally:
        # Chrome runs in a process group of its own; Lighthouse closes it when interrupted.
        stop_process_group(process, first_signal=signal.SIGINT)
    if not output.exists():
        raise AuditError(f"Lighthouse wrote no report (exit {process.returncode}): {stderr.decode()[-2000:]}")
    return parse_lighthouse(json.loads(output.read_text()))


# ---------------------------------------------------------------- axe-core


_AXE_RUN = """async () => {
    const results = await axe.run(document);
    return results.violations.map(v => `${v.id} (${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"})`);
}"""


def run_axe(
    urls: Sequence[str], modes: Sequence[str] = COLOR_MODES, browser: Browser | None = None
) -> dict[tuple[str, str], AxeResult]:
    """axe-core's violations for every URL in every colour mode, in one headless Chromium.

    ``browser``: one already running (the tests share theirs: Playwright's sync API runs
    one instance per thread); else one is launched for the call.
    """
    if not AXE_SCRIPT.exists():
        raise AuditError(f"{AXE_SCRIPT.relative_to(REPO)} is missing: run `npm ci` (make audit does)")
    if browser is not None:
        return _axe_in(browser, urls, modes)
    # A dev dependency: imported only when used, so the pure parts need only the standard library.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_FLAGS))
        try:
            return _axe_in(launched, urls, modes)
        finally:
            launched.close()


def _axe_in(browser: Browser, urls: Sequence[str], modes: Sequence[str]) -> dict[tuple[str, str], AxeResult]:
    from playwright.sync_api import Error as PlaywrightError

    results = {}
    for mode in modes:
        # The system's preference, which the theme follows on a first visit.
        context = browser.new_context(color_scheme=mode)
        try:
            for url in urls:
                try:
                    results[(url, mode)] = _axe_on(context, url, mode)
                except PlaywrightError as error:
                    raise AuditError(f"axe-core on {url} in {mode} mode: {error.message}") from None
        finally:
            context.close()
    return results


def _axe_on(context: BrowserContext, url: str, mode: str) -> AxeResult:
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))  # a <script> tag would break the page's CSP
        violations = page.evaluate(_AXE_RUN)
        dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        theme = "dark" if dark else "light"
        return AxeResult(mode=mode, violations=tuple(violations), rendered_theme=theme)
    finally:
        page.close()


# ---------------------------------------------------------------- targets and table


def missed_targets(report: PageReport) -> list[str]:
    """Each target this page misses, as a sentence."""
    label = report.page.label
    missed = [f"{label}: {error}" for error in report.errors]
    result = report.lighthouse
    if result:
        for name, minimum in MIN_SCORES.items():
            score = result.scores.get(name)
            if score is None or score < minimum:
                why = ", ".join(result.failing_audits.get(name, ()))
                missed.append(
                    f"{label}: {name} {'not scored' if score is None else score} < {minimum}"
                    + (f" ({why})" if why else "")
                )
        if result.lcp_ms is None or result.lcp_ms > MAX_LCP_MS:
            shown = "not measured" if result.lcp_ms is None else f"{result.lcp_ms / 1000:.2f} s"
            missed.append(f"{label}: LCP {shown} > {MAX_LCP_MS / 1000:.1f} s")
        if result.off_origin_urls:
            missed.append(
                f"{label}: {len(result.off_origin_urls)} off-origin requests: "
                + ", ".join(result.off_origin_urls)
            )
        if report.page.byte_budget:
            if result.transferred_kib > INTRO_MAX_KIB:
                missed.append(f"{label}: {result.transferred_kib:.0f} KiB transferred > {INTRO_MAX_KIB} KiB")
            if result.requests > INTRO_MAX_REQUESTS:
                missed.append(f"{label}: {result.requests} requests > {INTRO_MAX_REQUESTS}")
    for mode, axe in report.axe.items():
        if axe.violations:
            missed.append(f"{label}: axe-core in {mode} mode: " + ", ".join(axe.violations))
    return missed


TABLE_HEADER = ("page", "perf", "a11y", "best", "seo", "LCP", "KiB", "req", "off-origin", "axe light/dark")


def table_row(report: PageReport) -> tuple[str, ...]:
    result = report.lighthouse
    if result:
        scores = tuple(
            "—" if result.scores[name] is None else str(result.scores[name]) for name in CATEGORIES
        )
        lcp = "—" if result.lcp_ms is None else f"{result.lcp_ms / 1000:.1f} s"
        weight = (f"{result.transferred_kib:.0f}", str(result.requests), str(len(result.off_origin_urls)))
    else:
        scores, lcp, weight = ("—",) * 4, "—", ("—",) * 3
    axe = "/".join(
        str(len(report.axe[mode].violations)) if mode in report.axe else "—" for mode in COLOR_MODES
    )
    return (f"{report.page.label} ({report.page.path})", *scores, lcp, *weight, axe)


def format_table(reports: Sequence[PageReport]) -> str:
    """A Markdown table, padded so it also reads well in a terminal."""
    rows = [TABLE_HEADER, *(table_row(report) for report in reports)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(TABLE_HEADER))]

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(cells, widths))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join("-" * (width + 1) + ("-" if column == 0 else ":") for column, width in enumerate(widths))
        + "|"
    )
    return "\n".join([line(rows[0]), rule, *(line(row) for row in rows[1:])])


# ---------------------------------------------------------------- the run


def audit(site: Path, reports_dir: Path) -> tuple[list[PageReport], list[str]]:
    """Measure every page that exists in ``site``; returns the reports and the skip notes."""
    pages, notes = choose_pages(site)
    reports = [PageReport(page) for page in pages]
    with serve_gzipped(site) as base:
        urls = {report.page: f"{base}/{report.page.path}" for report in reports}
        for report in reports:
            slug = report.page.path.replace("/", "_").removesuffix(".html")
            print(f"lighthouse: {report.page.path} …", file=sys.stderr, flush=True)
            try:
                report.lighthouse = run_lighthouse(urls[report.page], reports_dir / f"{slug}.json")
            except AuditError as error:
                report.errors.append(str(error))
        print("axe-core: light and dark …", file=sys.stderr, flush=True)
        try:
            axe = run_axe(list(urls.values()))
        except AuditError as error:
            for report in reports:
                report.errors.append(str(error))
        else:
            for report in reports:
                report.axe = {mode: axe[(urls[report.page], mode)] for mode in COLOR_MODES}
    warnings: dict[str, list[str]] = {}
    for report in reports:
        for warning in report.lighthouse.warnings if report.lighthouse else ():
            warnings.setdefault(warning, []).append(report.page.label)
    notes += [f"Lighthouse on {', '.join(labels)}: {warning}" for warning, labels in warnings.items()]
    for report in reports:
        for mode, result in report.axe.items():
            if result.rendered_theme and result.rendered_theme != mode:
                notes.append(
                    f"{report.page.label}: asked for {mode} mode, the page rendered {result.rendered_theme}"
                )
    return reports, notes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.audit", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "site",
        nargs="?",
        type=Path,
        default=REPO / "_build" / "html",
        help="the built site's folder (default: _build/html)",
    )
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports in this folder")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site} has no index.html: build the book first (`make book`)", file=sys.stderr)
        return 2
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="audit-reports-") as tmp:
        reports_dir = args.reports or Path(tmp)
        reports_dir.mkdir(parents=True, exist_ok=True)
        try:
            reports, notes = audit(args.site, reports_dir)
        except AuditError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    print(format_table(reports))
    for note in notes:
        print(f"note: {note}")
    missed = [line for report in reports for line in missed_targets(report)]
    print(f"\n{len(reports)} pages measured in {time.monotonic() - started:.0f} s.")
    if missed:
        print(f"{len(missed)} targets missed:")
        print("\n".join(f"  - {line}" for line in missed))
        return 1
    print("Every target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
