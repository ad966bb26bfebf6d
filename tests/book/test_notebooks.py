"""The notebook pages, on synthetic books: they run outside the build too, their pages speak to
readers, durations that run to today are live, the bar offers the notebook, charts and tables
read on a phone."""

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
from cvbook.render.tables import positions_table, skills_table
from cvbook.site.notebook_links import binder_url, colab_url, github_slug
from synthetic import (
    PINNED_DATE,
    PINNED_EPOCH,
    REPO,
    assert_clean_build,
    build_book,
    make_book,
    position,
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


def page_text(html_file: Path) -> str:
    """The text a reader sees in the page's main content (tags, scripts and comments dropped)."""
    text = html_file.read_text(encoding="utf-8")
    main = text[text.find("<main") : text.rfind("</main>")] if "<main" in text else text
    main = re.sub(r"<(script|style)\b.*?</\1>|<!--.*?-->", " ", main, flags=re.DOTALL)
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
    cwd = path.parent if where == "own folder" else book
    NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": cwd}}
    ).execute()
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code_cells and all(cell.execution_count for cell in code_cells)


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


def test_tables_keep_facts_as_text(tmp_path: Path) -> None:
    company = "NDA </script><script>alert(1)</script> & <b>Agency</b>"
    profile = {"name": "A", "headline": "B", "description": "C", "skills": {"Back<end>": ["R&D <Go>"]}}
    positions = {"a": position(company, "Lead <i>", "2020-01", "present", stack=["R&D <Go>"])}
    book = load_book(make_book(tmp_path / "book", profile=profile, positions=positions), as_of=PINNED_DATE)
    for table in (positions_table(book), skills_table(book)):
        tree = lxml_html.fragment_fromstring(table.markup)
        assert not tree.xpath("//script | //b | //i")
    assert company in lxml_html.fragment_fromstring(positions_table(book).markup).text_content()
    assert "R&D <Go>" in lxml_html.fragment_fromstring(skills_table(book).markup).text_content()


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
    # Each current position's duration and the total, each once, with the built label.
    assert [label for _, label in live] == [
        *(page.duration(PINNED_DATE).label for page in current),
        facts.experience.label,
    ]
    assert spans[-1] == everything
    assert all(any(end is None for _, end in intervals) for intervals in spans)
    # A finished position's duration is plain text.
    finished = next(page for page in facts.positions if page.position.end is not None)
    assert f"<td>{finished.duration(PINNED_DATE).label}</td>" in page


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
    assert downloaded.cells == nbformat.read(synthetic_book / notebook, as_version=4).cells


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
              const texts = [...document.querySelectorAll('svg.cv-chart text')].map(t => ({
                text: t.textContent,
                height: t.getBoundingClientRect().height,
                size: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
                right: t.getBoundingClientRect().right,
              }));
              const cells = [...document.querySelectorAll('table.cv-table :is(td, th)')]
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
