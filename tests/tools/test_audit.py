"""`make audit`'s instrument (tools/audit.py): nginx config, report parsing, targets, table;
then real nginx serving the built book gzipped, and one real Lighthouse and axe-core run."""

from __future__ import annotations

import gzip
import json
import shutil
import socket
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools import audit
from tools.audit import AxeResult, LighthouseResult, Page, PageReport

FIXTURE = Path(__file__).parents[1] / "fixtures" / "lighthouse-report.json"


def nginx_or_fail() -> str:
    path = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(path).exists():
        pytest.fail("Debian's nginx is not installed: run .ci/run or `apt-get install nginx-light`")
    return path


def result(**overrides: object) -> LighthouseResult:
    """A Lighthouse result that meets every target, with ``overrides``."""
    values: dict[str, object] = {
        "scores": {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100},
        "lcp_ms": 800.0,
        "transferred_bytes": 20 * 1024,
        "requests": 5,
        "off_origin_urls": (),
    }
    return LighthouseResult(**{**values, **overrides})  # type: ignore[arg-type]


def clean_axe() -> dict[str, AxeResult]:
    return {mode: AxeResult(mode, ()) for mode in audit.COLOR_MODES}


# ---------------------------------------------------------------- nginx config


def test_nginx_config_serves_the_site_gzipped_in_the_foreground(tmp_path: Path) -> None:
    config = audit.render_nginx_config(tmp_path / "site", 8123, tmp_path, as_root=False)
    for directive in [
        "daemon off;",
        "gzip on;",
        "gzip_comp_level 6;",
        "gzip_vary on;",
        "listen 127.0.0.1:8123;",
        'include "/etc/nginx/mime.types";',
    ]:
        assert directive in config
    gzip_types = next(line for line in config.splitlines() if "gzip_types" in line)
    for mime in ["text/css", "application/javascript", "image/svg+xml", "application/json"]:
        assert mime in gzip_types
    assert f'root "{(tmp_path / "site").resolve()}";' in config


def test_nginx_config_keeps_its_files_in_the_work_folder(tmp_path: Path) -> None:
    config = audit.render_nginx_config(tmp_path / "site", 8123, tmp_path, as_root=False)
    for directive in ["pid", "error_log", "access_log", "client_body_temp_path", "proxy_temp_path"]:
        line = next(line for line in config.splitlines() if line.strip().startswith(directive + " "))
        assert f'"{tmp_path}/' in line, line


def test_nginx_config_names_a_user_only_when_running_as_root(tmp_path: Path) -> None:
    assert "\nuser " in audit.render_nginx_config(tmp_path, 8123, tmp_path, as_root=True)
    assert "user " not in audit.render_nginx_config(tmp_path, 8123, tmp_path, as_root=False)


@pytest.mark.system
def test_nginx_accepts_the_rendered_config(tmp_path: Path) -> None:
    (tmp_path / "temp").mkdir()
    config = tmp_path / "nginx.conf"
    config.write_text(audit.render_nginx_config(tmp_path, audit.free_port(), tmp_path, as_root=False))
    check = subprocess.run(
        [nginx_or_fail(), "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(config)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


# ---------------------------------------------------------------- Lighthouse report


def test_parse_lighthouse_takes_scores_paint_and_weight() -> None:
    parsed = audit.parse_lighthouse(json.loads(FIXTURE.read_text()))
    assert parsed.scores == {"performance": 87, "accessibility": 100, "best-practices": 96, "seo": None}
    assert parsed.lcp_ms == pytest.approx(3456.7)
    assert parsed.transferred_bytes == 102912
    assert parsed.transferred_kib == pytest.approx(100.5)


def test_parse_lighthouse_counts_network_requests_not_data_urls() -> None:
    parsed = audit.parse_lighthouse(json.loads(FIXTURE.read_text()))
    assert parsed.requests == 3
    assert parsed.off_origin_urls == ("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js",)


def test_parse_lighthouse_names_the_audits_that_cost_points() -> None:
    parsed = audit.parse_lighthouse(json.loads(FIXTURE.read_text()))
    assert parsed.failing_audits == {
        "performance": ("largest-contentful-paint",),
        "accessibility": (),
        "best-practices": ("errors-in-console",),
        "seo": (),  # unscored (errored) audits are not blamed; the category shows as not scored
    }


def test_parse_lighthouse_keeps_the_gist_of_its_run_warnings() -> None:
    parsed = audit.parse_lighthouse(json.loads(FIXTURE.read_text()))
    assert parsed.warnings == ("The tested device appears to have a slower CPU than Lighthouse expects.",)


def test_parse_lighthouse_raises_on_a_runtime_error() -> None:
    report = json.loads(FIXTURE.read_text())
    report["runtimeError"] = {"code": "ERRORED_DOCUMENT_REQUEST", "message": "Status code: 404."}
    with pytest.raises(audit.AuditError, match="ERRORED_DOCUMENT_REQUEST"):
        audit.parse_lighthouse(report)


# ---------------------------------------------------------------- pages


def atom_feed(*entries: tuple[str, str]) -> str:
    body = "".join(
        f'<entry><title>t</title><published>{date}</published><link href="{link}"/></entry>'
        for date, link in entries
    )
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog_</title>{body}</feed>'


def test_newest_post_comes_from_the_blog_feed(tmp_path: Path) -> None:
    for post in ["older", "newest"]:
        (tmp_path / "blog").mkdir(exist_ok=True)
        (tmp_path / "blog" / f"{post}.html").write_text("<html></html>")
    (tmp_path / "blog" / "atom.xml").write_text(
        atom_feed(
            ("2026-01-10T00:00:00+00:00", "https://example.org/cv/blog/older.html"),
            ("2026-02-20T00:00:00+00:00", "https://example.org/cv/blog/newest.html"),
        )
    )
    # A tag's feed sits deeper and lists only some posts; it must not win.
    (tmp_path / "blog" / "tag" / "go").mkdir(parents=True)
    (tmp_path / "blog" / "tag" / "go" / "atom.xml").write_text(
        atom_feed(("2026-01-10T00:00:00+00:00", "https://example.org/cv/blog/older.html"))
    )
    assert audit.newest_post(tmp_path) == "blog/newest.html"


def test_newest_post_is_none_without_a_feed(tmp_path: Path) -> None:
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "index.html").write_text("<html></html>")
    assert audit.newest_post(tmp_path) is None


def test_missing_pages_are_skipped_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "experience").mkdir()
    for page in ["index.html", "experience/index.html", "experience/nda.html"]:
        (tmp_path / page).write_text("<html></html>")
    pages, notes = audit.choose_pages(tmp_path)
    assert [page.path for page in pages] == ["index.html", "experience/nda.html"]
    assert any("skills" in note and "notebooks/skills-timeline.html" in note for note in notes)
    assert any("blog post" in note for note in notes)


def test_a_noindex_page_is_skipped_with_a_note(tmp_path: Path) -> None:
    """An empty blog is kept out of search on purpose; Lighthouse would score that as an SEO miss."""
    (tmp_path / "blog").mkdir()
    (tmp_path / "index.html").write_text("<html></html>")
    (tmp_path / "blog" / "index.html").write_text(
        '<html><head><meta name="robots" content="noindex"></head></html>'
    )
    pages, notes = audit.choose_pages(tmp_path)
    assert [page.path for page in pages] == ["index.html"]
    assert any("blog/index.html is noindex" in note for note in notes)


# ---------------------------------------------------------------- targets and table


def test_a_page_meeting_every_target_misses_nothing() -> None:
    report = PageReport(Page("intro", "index.html", byte_budget=True), result(), clean_axe())
    assert audit.missed_targets(report) == []


def test_missed_targets_name_the_page_and_the_number() -> None:
    heavy = result(
        scores={"performance": 80, "accessibility": 100, "best-practices": 96, "seo": None},
        lcp_ms=1600.0,
        transferred_bytes=300 * 1024,
        requests=19,
        off_origin_urls=("https://cdn.example/x.js",),
        failing_audits={"performance": ("total-blocking-time",)},
    )
    axe = {"light": AxeResult("light", ()), "dark": AxeResult("dark", ("color-contrast (2 nodes)",))}
    missed = audit.missed_targets(PageReport(Page("intro", "index.html", byte_budget=True), heavy, axe))
    assert missed == [
        "intro: performance 80 < 100 (total-blocking-time)",
        "intro: best-practices 96 < 100",
        "intro: seo not scored < 100",
        "intro: LCP 1.60 s > 1.0 s",
        "intro: 1 off-origin requests: https://cdn.example/x.js",
        "intro: 300 KiB transferred > 35 KiB",
        "intro: 19 requests > 6",
        "intro: axe-core in dark mode: color-contrast (2 nodes)",
    ]


def test_the_byte_and_request_budget_applies_to_budgeted_pages_only() -> None:
    heavy = result(transferred_bytes=300 * 1024, requests=19)
    assert (
        audit.missed_targets(PageReport(Page("experience", "experience/nda.html"), heavy, clean_axe())) == []
    )


def test_a_failed_measurement_is_a_missed_target() -> None:
    report = PageReport(Page("intro", "index.html", byte_budget=True), errors=["Lighthouse took over 180 s"])
    assert audit.missed_targets(report) == ["intro: Lighthouse took over 180 s"]


def test_table_has_one_aligned_row_per_page() -> None:
    reports = [
        PageReport(Page("intro", "index.html", byte_budget=True), result(), clean_axe()),
        PageReport(Page("experience", "experience/nda.html"), errors=["boom"]),
    ]
    lines = audit.format_table(reports).splitlines()
    assert len(lines) == 4
    assert len({len(line) for line in lines}) == 1  # every line padded to the same width
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == list(audit.TABLE_HEADER)
    intro = [cell.strip() for cell in lines[2].strip("|").split("|")]
    assert intro == ["intro (index.html)", "100", "100", "100", "100", "0.8 s", "20", "5", "0", "0/0"]
    failed = [cell.strip() for cell in lines[3].strip("|").split("|")]
    assert failed[0] == "experience (experience/nda.html)"
    assert set(failed[1:]) == {"—", "—/—"}


# ---------------------------------------------------------------- real nginx, real browsers


@pytest.fixture(scope="module")
def served_site(synthetic_site: Path) -> Iterator[str]:
    nginx_or_fail()
    with audit.serve_gzipped(synthetic_site) as base:
        yield base


def port_of(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def port_is_open(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.build
@pytest.mark.system
def test_nginx_serves_css_gzipped(served_site: str, synthetic_site: Path) -> None:
    css = max((synthetic_site / "_static").rglob("*.css"), key=lambda path: path.stat().st_size)
    url = f"{served_site}/{css.relative_to(synthetic_site).as_posix()}"
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers["Content-Type"].startswith("text/css")
        assert "Accept-Encoding" in response.headers["Vary"]
        assert gzip.decompress(response.read()) == css.read_bytes()


@pytest.mark.build
@pytest.mark.system
def test_nginx_stops_even_when_the_audit_fails(synthetic_site: Path) -> None:
    with pytest.raises(RuntimeError, match="measurement failed"), audit.serve_gzipped(synthetic_site) as base:
        port = port_of(base)
        assert port_is_open(port)
        raise RuntimeError("measurement failed")
    assert not port_is_open(port)


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.system
def test_lighthouse_measures_the_intro(served_site: str, tmp_path: Path) -> None:
    """The whole instrument on one page (about 15–20 s); the targets are `make audit`'s job."""
    measured = audit.run_lighthouse(f"{served_site}/index.html", tmp_path / "intro.json")
    assert set(measured.scores) == set(audit.CATEGORIES)
    assert all(score is not None and 0 <= score <= 100 for score in measured.scores.values())
    assert measured.requests >= 1 and measured.transferred_bytes > 0 and measured.lcp_ms
    report = json.loads((tmp_path / "intro.json").read_text())
    assert report["lighthouseVersion"] == "12.2.3"
    assert report["configSettings"]["formFactor"] == "mobile"


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.system
def test_axe_runs_in_light_and_dark_mode(served_site: str, browser) -> None:
    url = f"{served_site}/index.html"
    results = audit.run_axe([url], browser=browser)
    assert set(results) == {(url, "light"), (url, "dark")}
    # The page follows the system's scheme on a first visit.
    assert {mode: found.rendered_theme for (_, mode), found in results.items()} == {
        "light": "light",
        "dark": "dark",
    }
