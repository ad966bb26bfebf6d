"""The notebook pages, on synthetic books: they run outside the build too (from any folder, for
any day set in their parameters cell), their pages speak to readers with the code one click
away, durations that run to today are live, the bar offers the executed notebook, charts and
tables read on a phone."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
import pytest
from lxml import html as lxml_html
from nbclient import NotebookClient

from cvbook.content.loader import load_book
from cvbook.model import durations
from cvbook.site.notebook_links import binder_url, colab_url, github_slug
from synthetic import (
    PINNED_DATE,
    PINNED_EPOCH,
    REPO,
    assert_clean_build,
    build_book,
    make_book,
    serve,
)

NOTEBOOKS = sorted(path.relative_to(REPO).as_posix() for path in REPO.glob("notebooks/*.ipynb"))
NUMBERS = "notebooks/experience"
CELL_TIMEOUT = 120  # seconds, as execute.timeout in _config.yml

# What readers are not told about: the machinery behind the pages.
DEVELOPER_WORDS = re.compile(
    r"cvbook|front matter|render|dateutil|relativedelta|as of the build|ipykernel|kernel|myst|glue|nbclient"
    r"|jupyter_execute|as-of date",
    re.IGNORECASE,
)
EVIDENCE_REMARKS = re.compile(r"not named in a position|listed skill|listed, not", re.IGNORECASE)


CODE = re.compile(r'<details class="[^"]*\bcv-code\b[^"]*">.*?</details>', re.DOTALL)  # code on demand


def page_text(html_file: Path) -> str:
    """The text a reader sees in the page's main content (tags, scripts, comments and code he did
    not open dropped)."""
    text = html_file.read_text(encoding="utf-8")
    main = text[text.find("<main") : text.rfind("</main>")] if "<main" in text else text
    main = re.sub(r"<(script|style)\b.*?</\1>|<!--.*?-->", " ", main, flags=re.DOTALL)
    main = CODE.sub(" ", main)
    return html.unescape(re.sub(r"<[^>]+>", " ", main))


def test_notebooks_are_found() -> None:
    assert f"{NUMBERS}.ipynb" in NOTEBOOKS


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic copy, so that nothing a notebook writes lands in the checkout."""
    return make_book(tmp_path_factory.mktemp("notebooks") / "book")


@pytest.mark.build  # a kernel per run: as slow as a build
@pytest.mark.parametrize("where", ["own folder", "repository root"])
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_top_to_bottom(
    notebook: str, where: str, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in JupyterLab (`make lab`), Binder or a download: from its own folder or the root."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(PINNED_EPOCH))  # the kernel inherits it
    path = book / notebook
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(NAMESPACE_CHECK))
    cwd = path.parent if where == "own folder" else book
    run(nb, cwd)
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code_cells and all(cell.execution_count for cell in code_cells)
    assert "<svg" in "".join(outputs(nb, "text/html")), "no chart shown"


# Run All leaves the computation to work with: a DataFrame and a matplotlib figure.
NAMESPACE_CHECK = """import matplotlib.figure, pandas
assert any(isinstance(value, pandas.DataFrame) for value in list(globals().values()))
assert isinstance(chart.figure, matplotlib.figure.Figure)"""


def run(nb: nbformat.NotebookNode, cwd: Path) -> None:
    NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": cwd}}
    ).execute()


def outputs(nb: nbformat.NotebookNode, mime: str) -> list[str]:
    return [
        output["data"][mime]
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if mime in output.get("data", {})
    ]


def test_notebooks_have_a_parameters_cell_with_the_builds_date() -> None:
    for notebook in NOTEBOOKS:
        cells = nbformat.read(REPO / notebook, as_version=4).cells
        tagged = [cell for cell in cells if "parameters" in cell.metadata.get("tags", [])]
        assert len(tagged) == 1 and re.match(r"as_of = None\b", tagged[0].source), notebook
        first = cells[0]
        assert first.cell_type == "markdown" and "clone the repository, then `make lab`" in first.source


@pytest.mark.build
def test_a_date_injected_after_the_parameters_recounts_every_figure(book: Path, monkeypatch) -> None:
    """As papermill does: a cell after the one tagged `parameters` sets as_of; Run All counts to that day."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(PINNED_EPOCH))
    nb = nbformat.read(book / f"{NUMBERS}.ipynb", as_version=4)
    index = next(i for i, cell in enumerate(nb.cells) if "parameters" in cell.metadata.get("tags", []))
    nb.cells.insert(
        index + 1,
        nbformat.v4.new_code_cell('as_of = "2026-12-01"', metadata={"tags": ["injected-parameters"]}),
    )
    run(nb, book)
    later = load_book(book, as_of="2026-12-01")
    current = next(page for page in later.positions if page.position.end is None)
    shown = " ".join(outputs(nb, "text/html"))
    assert f">{current.duration(later.as_of).label}</span>" in shown
    assert f">{later.experience.label}</span>" in shown
    assert current.duration(later.as_of).label != current.duration(PINNED_DATE).label


def test_notebooks_are_stored_without_outputs() -> None:
    """nbstripout (pre-commit) keeps them so; the build executes them."""
    for notebook in NOTEBOOKS:
        for cell in nbformat.read(REPO / notebook, as_version=4).cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, notebook


def test_duration_rules_for_readers_come_from_the_docstring_in_plain_words() -> None:
    rules = durations.rules_for_readers()
    assert rules in durations.__doc__  # one source
    assert [line[:3] for line in rules.splitlines() if line[:1].isdigit()] == [
        "1. ",
        "2. ",
        "3. ",
        "4. ",
        "5. ",
    ]
    assert not DEVELOPER_WORDS.search(rules) and "``" not in rules and "as-of" not in rules


def test_the_rules_example_holds() -> None:
    """Rule 3's example, checked by the rules themselves."""
    assert (
        "on 18 March 2026, a position\n   that started in March 2026 has lasted 17 days"
        in durations.rules_for_readers()
    )
    start = durations.Interval(PINNED_DATE.replace(day=1), PINNED_DATE)
    assert durations.Duration.of([start]).label == "17 days"


# --- the built pages -------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_pages_speak_to_readers(notebook: str, synthetic_site: Path) -> None:
    text = page_text((synthetic_site / notebook).with_suffix(".html"))
    assert not DEVELOPER_WORDS.findall(text), notebook
    assert not EVIDENCE_REMARKS.search(text), notebook


@pytest.mark.build
def test_durations_that_run_to_today_are_live_on_the_numbers_page(
    synthetic_site: Path, synthetic_book: Path
) -> None:
    page = (synthetic_site / NUMBERS).with_suffix(".html").read_text(encoding="utf-8")
    live = re.findall(r"<span class=\"cv-duration\" data-intervals='([^']*)'>([^<]*)</span>", page)
    spans = [json.loads(html.unescape(data)) for data, _ in live]
    facts = load_book(synthetic_book, as_of=PINNED_DATE)
    current = [page for page in facts.positions if page.position.end is None]
    everything = [[p.position.start.isoformat(), p.position.end_exclusive and p.position.end_exclusive.isoformat()]
                  for p in facts.positions]  # fmt: skip
    assert current, "the default synthetic book has a current position"
    # Each current position's duration, the merged interval it is part of, and the total.
    assert [label for _, label in live] == [
        *(page.duration(PINNED_DATE).label for page in current),
        *(facts.experience.label for _ in current[:1]),  # the default book has no gap
        facts.experience.label,
    ]
    assert spans[-1] == everything
    assert all(any(end is None for _, end in intervals) for intervals in spans)
    # A finished position's duration is plain text.
    finished = next(page for page in facts.positions if page.position.end is not None)
    assert f'<td data-label="Duration"><span>{finished.duration(PINNED_DATE).label}</span></td>' in page


@pytest.mark.build
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_each_code_cell_is_behind_a_show_code_control(
    notebook: str, synthetic_site: Path, synthetic_book: Path
) -> None:
    page = lxml_html.parse(str((synthetic_site / notebook).with_suffix(".html"))).getroot()
    cells = page.xpath("//div[contains(@class, 'cell_input')]")
    stored = [
        cell
        for cell in nbformat.read(synthetic_book / notebook, as_version=4).cells
        if cell.cell_type == "code"
    ]
    assert len(cells) == len(stored)
    for cell in cells:
        details = cell.getparent()
        assert details.tag == "details" and "open" not in details.attrib
        assert details.xpath("./summary")[0].text_content().split()[:2] == ["Show", "code"]


@pytest.mark.build
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_page_offers_its_ipynb_for_download(
    notebook: str, synthetic_site: Path, synthetic_book: Path
) -> None:
    html_file = (synthetic_site / notebook).with_suffix(".html")
    page = html_file.read_text(encoding="utf-8")
    bar = re.search(r'<div class="cv-notebook-links[^"]*">(.*?)</div>', page, re.DOTALL)
    assert bar, f"{html_file.name} has no notebook bar"
    links = re.findall(r'href="([^"]+)"', bar[1])
    assert len(links) == 1 and "Download .ipynb" in bar[1]  # no repository set: no Binder, no Colab
    downloaded = nbformat.read(html_file.parent / html.unescape(links[0]), as_version=4)
    stored = nbformat.read(synthetic_book / notebook, as_version=4)
    assert [cell.source for cell in downloaded.cells] == [cell.source for cell in stored.cells]
    # The executed notebook: its tables and charts show on GitHub or nbviewer.
    assert "<svg" in " ".join(outputs(downloaded, "text/html"))
    assert outputs(downloaded, "image/svg+xml")


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("https://github.com/someone/cv", "someone/cv"),
        ("https://github.com/someone/cv/", "someone/cv"),
        ("https://github.com/some-one/my.cv.git", "some-one/my.cv"),
        ("https://gitlab.com/someone/cv", None),
        ("https://github.com/someone", None),
        (None, None),
    ],
)
def test_binder_and_colab_need_a_github_repository(url: str | None, slug: str | None) -> None:
    assert github_slug(url) == slug


INSTALL_CELL = """try:
    import cvbook
except ImportError:  # Colab: the package is not there yet
    %pip install --quiet cvbook"""


@pytest.fixture(scope="module")
def site_with_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic book with a GitHub repository set, whose skills notebook installs what it needs."""
    book = make_book(
        tmp_path_factory.mktemp("repository") / "src",
        config={"repository": {"url": "https://github.com/example/cv", "branch": "trunk"}},
    )
    path = book / "notebooks/skills-timeline.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(INSTALL_CELL, metadata={"tags": ["remove-cell"]}))
    nbformat.write(nb, path)
    assert_clean_build(build_book(book))
    return book / "_build" / "html"


@pytest.mark.build
def test_binder_always_and_colab_only_for_a_notebook_that_installs_itself(site_with_repository: Path) -> None:
    for notebook, colab in [(f"{NUMBERS}.ipynb", False), ("notebooks/skills-timeline.ipynb", True)]:
        page = (site_with_repository / notebook).with_suffix(".html").read_text(encoding="utf-8")
        assert f'href="{html.escape(binder_url("example/cv", "trunk", notebook))}"' in page
        assert (f'href="{html.escape(colab_url("example/cv", "trunk", notebook))}"' in page) is colab
        assert "<script" not in re.search(r'<div class="cv-notebook-links.*?</div>', page, re.DOTALL)[0]


# --- on a phone ------------------------------------------------------------------------------

PHONE = {"width": 390, "height": 844}
MIN_TEXT_PX = 11


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_charts_and_tables_read_on_a_phone(notebook: str, scheme: str, synthetic_site: Path, browser) -> None:
    with serve(synthetic_site) as url:
        context = browser.new_context(viewport=PHONE, device_scale_factor=3, color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{url}/{notebook.removesuffix('.ipynb')}.html")
        report = page.evaluate(
            """() => {
              const texts = [...document.querySelectorAll('svg.cv-chart text')].filter(t => t.getClientRects().length).map(t => ({
                text: t.textContent,
                height: t.getBoundingClientRect().height,
                size: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
                right: t.getBoundingClientRect().right,
              }));
              const cells = [...document.querySelectorAll('table.cv-table :is(td, th)')]
                .filter(c => !c.closest('thead') || c.getBoundingClientRect().width > 1)  // a stacked table's head is for screen readers
                .filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent);
              const wide = [...document.querySelectorAll('table.cv-table')].filter(table => {
                const box = table.parentElement.getBoundingClientRect();
                return table.getBoundingClientRect().right > Math.min(box.right, window.innerWidth) + 1;
              }).length;
              const charts = [...document.querySelectorAll('svg.cv-chart')].map(svg => svg.getBoundingClientRect().right);
              return {texts, cells, wide, charts, width: document.documentElement.scrollWidth};
            }"""
        )
        context.close()
    assert report["texts"], "no chart text"
    small = [t["text"] for t in report["texts"] if t["size"] < MIN_TEXT_PX or t["height"] < MIN_TEXT_PX]
    assert not small, f"chart text under {MIN_TEXT_PX} px on a {PHONE['width']} px phone: {small}"
    assert not report["cells"], f"clipped table cells: {report['cells']}"
    assert not report["wide"], "a table is wider than the phone: it reflows into three columns or fewer"
    assert report["width"] <= PHONE["width"], "the page scrolls sideways"
    assert all(right <= PHONE["width"] for right in report["charts"])


def test_binder_installs_the_package_from_the_repository() -> None:
    """repo2docker installs requirements.txt at the root; its `-e .` is this package, on runtime.txt's Python."""
    requirements = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-e ." in [line.strip() for line in requirements]
    assert (REPO / "runtime.txt").read_text(encoding="utf-8").strip().startswith("python-3.")
