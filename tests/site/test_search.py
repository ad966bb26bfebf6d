"""The site's search and the phone layout in a real browser (Debian's Chromium through
Playwright), on a synthetic book with a post and a notebook post: results with excerpts
that show the query and no notebook code, no console message and no failed request, a
search link in the top bar on one line at 360 px, and no word broken mid-word at 360 px.
The build's notice for a profile without contacts is checked on the same build."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from cvbook.site.search import searchable
from synthetic import assert_clean_build, build_book, make_book, serve

pytestmark = [pytest.mark.build, pytest.mark.browser]

NARROW_PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
CODE_WORD = "zebracornfactor"  # only in a notebook's code cell
PROSE_WORD = "quokkaledger"  # in the same notebook's prose, after the code
POST = """---
date: 2026-01-21
category: Notes
tags: [golang]
---

# A synthetic post

A first paragraph about golang services, for its description.
"""


def notebook_post() -> str:
    """A notebook post whose code cell (shown folded) holds a word its prose never uses."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata.update(
        date="2026-02-01",
        kernelspec={"name": "python3", "display_name": "Python 3", "language": "python"},
    )
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# A notebook post\n\nA post with a folded code cell."),
        nbformat.v4.new_code_cell(
            f"{CODE_WORD} = 'golang'\nprint(len({CODE_WORD}))", metadata={"tags": ["hide-input"]}
        ),
        nbformat.v4.new_markdown_cell(f"The golang figures above, from the {PROSE_WORD}."),
    ]
    return nbformat.writes(notebook)


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    posts = {"2026-01-21-synthetic.md": POST, "2026-02-01-notebook.ipynb": notebook_post()}
    book = make_book(tmp_path_factory.mktemp("search") / "src", posts=posts)
    result = build_book(book)
    assert_clean_build(result)
    return result, book / "_build" / "html"


@pytest.fixture(scope="module")
def site(build: tuple[subprocess.CompletedProcess[str], Path]) -> Path:
    return build[1]


@pytest.fixture(scope="module")
def url(site: Path) -> Iterator[str]:
    with serve(site) as address:
        yield address


def indexed_pages(site: Path, term: str) -> set[str]:
    """The pages searchindex.js lists for ``term`` (as Sphinx stems it)."""
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    found = index["terms"].get(term, [])
    return {index["docnames"][number] for number in (found if isinstance(found, list) else [found])}


@pytest.mark.parametrize("term", ["golang", "kafka"])  # a skill with time, a skill listed without
def test_the_skills_page_is_found_by_its_table_words(site: Path, term: str) -> None:
    """Notebook outputs are indexed word by word, not as tags glued into one long token."""
    assert "notebooks/skills-timeline" in indexed_pages(site, term)


@pytest.mark.parametrize(
    ("markup", "words"),
    [
        ("<table><tr><th>golang</th><td>4 years</td></tr></table>", "golang 4 years"),
        (
            "<div><svg><text>golang</text></svg><p>kafka &amp; <b>TDD</b></p><script>x()</script></div>",
            "kafka & TDD",
        ),
    ],
)
def test_an_output_is_indexed_as_its_words(markup: str, words: str) -> None:
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    document = new_document("page", get_default_settings(Parser))
    code = nodes.container(nb_element="cell_code_source")
    code += nodes.literal_block("import zebra", "import zebra")
    document += [code, nodes.raw("", markup, format="html")]
    indexed = searchable(document)
    assert indexed.astext() == words
    assert len(list(document.findall(nodes.raw))) == 1, "the page's own doctree is left as it is"


def open_page(browser, address: str, viewport: dict = DESKTOP):
    """A fresh page that records every console message, page error and failed request."""
    context = browser.new_context(viewport=viewport, is_mobile=viewport["width"] < 400)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: page.problems.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: page.problems.append(f"failed: {request.url}"))
    page.on("response", lambda response: response.status >= 400 and page.problems.append(
        f"{response.status}: {response.url}"))  # fmt: skip
    page.goto(address, wait_until="networkidle")
    return page


def results(browser, url: str, query: str) -> tuple[list[dict], list[str]]:
    page = open_page(browser, f"{url}/search.html?q={query}")
    try:
        page.locator(
            ".search-summary", has_text=re.compile(r"\w")
        ).wait_for()  # no eval: the policy forbids it
        expect(page.locator("ul.search > li:not(:has(.context))")).to_have_count(0)  # every excerpt written
        found = page.eval_on_selector_all(
            "ul.search > li",
            """items => items.map(item => ({
                href: item.querySelector('a').getAttribute('href'),
                excerpt: item.querySelector('.context')?.textContent ?? null,
                marked: [...item.querySelectorAll('.context mark')].map(mark => mark.textContent),
            }))""",
        )
        return found, page.problems
    finally:
        page.context.close()


def test_a_search_lists_pages_with_excerpts_that_show_the_query(browser, url: str) -> None:
    found, problems = results(browser, url, "golang")
    assert not problems, problems
    pages = {item["href"] for item in found}
    assert {"index.html", "experience/alpha.html", "blog/posts/2026-01-21-synthetic.html"} <= pages
    assert not [page for page in pages if "intro" in page]
    for item in found:
        assert item["excerpt"], item
        assert [word.lower() for word in item["marked"]] and all(
            word.lower().startswith("golang") for word in item["marked"]
        ), item


def test_notebook_code_is_neither_indexed_nor_excerpted(browser, url: str, site: Path) -> None:
    page = (site / "blog" / "posts" / "2026-02-01-notebook.html").read_text(encoding="utf-8")
    assert CODE_WORD in page, "the page still shows its code"
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(re.search(r"Search\.setIndex\((.*)\)", index, re.DOTALL)[1])["terms"]
    stems = [term for term in terms if term.startswith(("zebracorn", "quokka"))]  # stemmed, as indexed
    assert len(stems) == 1 and stems[0].startswith("quokka"), stems
    assert not results(browser, url, CODE_WORD)[0]
    (item,) = [item for item in results(browser, url, PROSE_WORD)[0] if "notebook" in item["href"]]
    assert PROSE_WORD in item["excerpt"] and CODE_WORD not in item["excerpt"]


@pytest.mark.parametrize(
    "page_name", ["index.html", "experience/alpha.html", "blog/posts/2026-01-21-synthetic.html"]
)
def test_the_top_bar_links_search_on_one_line_at_360_px(browser, url: str, page_name: str) -> None:
    page = open_page(browser, f"{url}/{page_name}", NARROW_PHONE)
    try:
        link = page.locator(".cv-nav a", has_text="Search")
        assert link.count() == 1
        tops = page.eval_on_selector_all(
            ".cv-nav li", "items => items.map(item => item.getBoundingClientRect().top)"
        )
        assert len(set(tops)) == 1, tops
        link.click()
        page.wait_for_load_state("networkidle")
        assert page.url.split("?")[0].endswith("/search.html")
        assert not page.problems, page.problems
    finally:
        page.context.close()


# Every word (a run of letters and digits, or a date like 2025-09) of the page's main text in
# one line box, unless it alone is wider than the column; "in-memory" is two words.
WORDS_BROKEN_MID_WORD = """() => {
  const main = document.querySelector("main");
  const column = main.clientWidth;
  const broken = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.textContent.matchAll(/\\d{4}-\\d{2}(?:-\\d{2})?|[\\p{L}\\p{N}_'’]+/gu)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
      const lines = new Set(rects.map((rect) => Math.round(rect.top)));
      const width = rects.reduce((sum, rect) => sum + rect.width, 0);
      if (lines.size > 1 && width <= column) broken.push(match[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("page_name", ["index.html", "experience/alpha.html", "experience/long.html"])
def test_no_word_breaks_mid_word_on_a_360_px_phone(browser, hostile_site: Path, page_name: str) -> None:
    with serve(hostile_site) as address:
        page = open_page(browser, f"{address}/{page_name}", NARROW_PHONE)
        try:
            assert page.evaluate(WORDS_BROKEN_MID_WORD) == []
            assert page.evaluate("document.documentElement.scrollWidth") <= NARROW_PHONE["width"]
        finally:
            page.context.close()


def test_the_build_says_once_that_no_contact_is_set(
    build: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    result = build[0]
    notices = [line for line in (result.stdout + result.stderr).splitlines() if "no contact" in line]
    assert (
        len(notices) == 1 and "email" in notices[0] and "profiles" in notices[0] and "intro.md" in notices[0]
    )
