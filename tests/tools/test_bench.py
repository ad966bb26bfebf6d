"""tools/bench.py's pure parts: figures, verdicts, the table, generated posts. No timings."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from synthetic import PINNED_EPOCH
from tools import bench
from tools.bench import (
    BOOK_PDF_MODULE,
    CATEGORIES,
    Row,
    Sample,
    Summary,
    Target,
    book_pdf_missing,
    cv_pdf_times_from_log,
    edit_page,
    evaluate,
    format_table,
    generated_posts,
    ratio,
    summarize,
    write_posts,
)

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
TITLE = re.compile(r"^# .+$", re.MULTILINE)
MIB = 2**20


def summary(median: float, minimum: float | None = None, maximum: float | None = None) -> Summary:
    return Summary(median, minimum if minimum is not None else median, maximum or median, 3, 100 * MIB)


def test_summary_is_median_min_max_and_highest_memory() -> None:
    samples = [Sample(3.0, 200 * MIB), Sample(1.0, 300 * MIB), Sample(2.0, 100 * MIB)]
    assert summarize(samples) == Summary(2.0, 1.0, 3.0, 3, 300 * MIB)


def test_summary_of_an_even_count_averages_the_middle_two() -> None:
    assert summarize([Sample(1.0), Sample(2.0), Sample(4.0), Sample(10.0)]).median == 3.0


def test_summary_without_memory_figures_says_none() -> None:
    assert summarize([Sample(1.0)]).peak_rss_bytes is None


def test_summary_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        summarize([])


def test_ratio_is_median_over_median() -> None:
    assert ratio(Row("x", summary(6.0, 1.0, 9.0), summary(2.0))) == 3.0


def test_ratio_needs_both_sides() -> None:
    assert ratio(Row("x", summary(6.0))) is None
    assert ratio(Row("x", None, summary(2.0))) is None


@pytest.mark.parametrize(
    ("ours", "reference", "passed"),
    [(4.0, 2.0, True), (4.2, 2.0, False), (1.0, 2.0, True)],
)
def test_relative_target_allows_at_most_the_limit(ours: float, reference: float, passed: bool) -> None:
    target = Target("no-change", 2, relative=True)
    verdict = evaluate(target, [Row("no-change", summary(ours), summary(reference))])
    assert verdict.passed is passed
    assert verdict.value == pytest.approx(ours / reference)


@pytest.mark.parametrize(("median", "passed"), [(9.9, True), (10.0, False), (12.0, False)])
def test_absolute_target_is_under_the_limit(median: float, passed: bool) -> None:
    verdict = evaluate(Target("posts", 10, relative=False), [Row("posts", summary(median), summary(1.0))])
    assert verdict.passed is passed
    assert verdict.describe().startswith("PASS" if passed else "MISS")


def test_a_target_without_figures_is_missed_and_says_so() -> None:
    verdict = evaluate(Target("book", 2, relative=True), [Row("book", None, note="n/a")])
    assert not verdict.passed
    assert "not measured" in verdict.describe()


def test_table_lines_up_and_shows_ratio_target_and_verdict() -> None:
    rows = [
        Row("cold build", summary(30.0, 28.0, 35.5), summary(12.0, 11.0, 13.0)),
        Row("cv.pdf render", Summary(0.05, 0.04, 0.2, 3, None)),
        Row("book PDF", None, note="n/a (pdf target missing)"),
    ]
    table = format_table(rows, [Target("cold build", 3, relative=True)]).splitlines()
    assert len(table) == 2 + len(rows)  # header, rule, one line a row
    cold, cv_pdf, book_pdf = table[2:]
    assert "30.0 s (28.0–35.5)" in cold and "12.0 s (11.0–13.0)" in cold
    assert "100 MiB" in cold and "2.50x" in cold and "≤3x stock" in cold and cold.endswith("PASS")
    assert "50 ms (40–200)" in cv_pdf
    assert "n/a (pdf target missing)" in book_pdf
    # Columns line up: each column starts where the header's does.
    assert cold.index("30.0 s") == table[0].index("ours")


def test_generated_posts_have_the_blog_front_matter() -> None:
    posts = generated_posts(300)
    assert len({post.filename for post in posts}) == 300
    for post in posts:
        match = FRONT_MATTER.match(post.text)
        assert match, post.filename
        front = yaml.safe_load(match.group(1))
        assert set(front) == {"date", "category", "tags"}
        assert isinstance(front["date"], dt.date)
        assert post.filename.startswith(front["date"].isoformat() + "-")  # as the README asks
        assert front["date"] < dt.date(2026, 1, 1)  # in the past: no drafts
        assert front["category"] in CATEGORIES and " " not in front["category"]
        assert front["tags"] and all(isinstance(tag, str) for tag in front["tags"])
        assert len(TITLE.findall(post.text)) == 1  # one "# Title" heading names the post


def test_generated_posts_are_the_same_every_run() -> None:
    assert generated_posts(5) == generated_posts(5)


def test_posts_are_written_as_files(tmp_path: Path) -> None:
    paths = write_posts(tmp_path / "blog" / "posts", generated_posts(3))
    assert [path.name for path in paths] == sorted(path.name for path in paths)
    assert all(path.read_text().startswith("---\n") for path in paths)


def test_edit_page_changes_the_text(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Page_\n")
    edit_page(page, 1)
    edit_page(page, 2)
    assert page.read_text().startswith("# Page_\n") and "run 2" in page.read_text()


def test_cv_pdf_times_are_read_from_the_build_log(tmp_path: Path) -> None:
    log = tmp_path / "build.log"
    log.write_text(
        "cvbook: wrote resume.json (3.4 KiB) in 1 ms\ncvbook: wrote cv.pdf (55.8 KiB) in 110 ms\nbuild succeeded.\n"
    )
    assert cv_pdf_times_from_log(log) == [Sample(0.11)]


def test_book_pdf_row_says_when_the_pdf_tool_is_missing(tmp_path: Path) -> None:
    assert book_pdf_missing(tmp_path) == "n/a (pdf target missing)"
    (tmp_path / BOOK_PDF_MODULE).parent.mkdir(parents=True)
    (tmp_path / BOOK_PDF_MODULE).write_text("")
    assert book_pdf_missing(tmp_path) in (None, "n/a (no chromium to print with)")


def test_builds_are_pinned_to_the_tests_today(tmp_path: Path) -> None:
    env = bench.build_env(tmp_path, own_code=True)
    assert env["SOURCE_DATE_EPOCH"] == str(PINNED_EPOCH)
    assert env["PYTHONPATH"].split(":")[0] == str(tmp_path)  # the copy's cvbook, not the checkout's


def test_every_build_row_has_a_target_and_the_live_rows_are_relative_to_stock() -> None:
    targets = {target.label: target for target in bench.TARGETS}
    assert targets[bench.COLD].limit == 1.25 and targets[bench.NO_CHANGE].limit == 1.1
    assert targets[bench.EDIT_PAGE].limit == 1.5
    assert targets[bench.LIVE_STORY].relative and targets[bench.LIVE_STORY].limit == 1.5
    assert targets[bench.LIVE_FACT].relative and targets[bench.LIVE_FACT].limit == 4
    assert not targets[bench.POSTS_EDIT].relative and targets[bench.POSTS_EDIT].limit == 10


def test_a_partial_run_is_judged_on_its_own_rows_only() -> None:
    rows = [
        Row(bench.LIVE_STORY, summary(3.0), summary(2.5)),
        Row(bench.LIVE_FACT, summary(6.0), summary(2.5)),
    ]
    assert [target.label for target in bench.targets_for(rows)] == [bench.LIVE_STORY, bench.LIVE_FACT]
    assert all(evaluate(target, rows).passed for target in bench.targets_for(rows))


def test_the_live_rows_edit_the_first_position_page(tmp_path: Path) -> None:
    experience = tmp_path / "experience"
    experience.mkdir()
    for name in ("index.md", "zeta.md", "beta.md"):
        (experience / name).write_text("---\nrole: Engineer\ncompany: X\n---\n\nStory.\n", encoding="utf-8")
    page = bench.first_position(tmp_path)
    assert page.name == "beta.md"

    bench.story_edit(page, "A marker sentence.")
    assert page.read_text(encoding="utf-8").endswith("Story.\n\nA marker sentence.\n")
    assert "role: Engineer\n" in page.read_text(encoding="utf-8"), "a story edit leaves the facts alone"

    bench.role_edit(page, "Benchmark role 1a")
    assert "role: Benchmark role 1a\n" in page.read_text(encoding="utf-8")
    (experience / "none.md").write_text("---\ncompany: X\n---\n", encoding="utf-8")
    with pytest.raises(bench.BuildFailed):
        bench.role_edit(experience / "none.md", "x")


def test_pages_showing_finds_the_html_pages_with_the_text(tmp_path: Path) -> None:
    (tmp_path / "experience").mkdir()
    (tmp_path / "index.html").write_text("<p>Role A</p>", encoding="utf-8")
    (tmp_path / "experience" / "a.html").write_text("<p>Role A</p>", encoding="utf-8")
    (tmp_path / "other.html").write_text("<p>Role B</p>", encoding="utf-8")
    (tmp_path / "cv.txt").write_text("Role A", encoding="utf-8")
    assert bench.pages_showing(tmp_path, "Role A") == ["experience/a.html", "index.html"]


def test_waiting_gives_up_with_what_it_waited_for() -> None:
    with pytest.raises(bench.BuildFailed, match="the impossible"):
        bench.wait_until(lambda: False, 0.1, "the impossible")


def test_our_builds_run_make_books_command_and_the_stock_book_jupyter_books(
    tmp_path: Path, monkeypatch
) -> None:
    commands: list[list[str]] = []

    def record(command, env, log, cwd=None):
        commands.append(list(command))
        return Sample(1.0)

    monkeypatch.setattr(bench, "run_measured", record)
    runner = bench.Bench(tmp_path)
    runner.build(tmp_path / "ours", "ours", own_code=True)
    runner.build(tmp_path / "stock", "stock", own_code=False)
    assert commands[0][1:4] == ["-m", "cvbook", "build"]
    assert commands[1][0].endswith("jupyter-book") and commands[1][1] == "build"
