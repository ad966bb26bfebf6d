"""The whole book as an A4 PDF: cvbook.cli.book_pdf, checked from the PDF file."""

from __future__ import annotations

import glob
import hashlib
import re
import subprocess
import sys
import time
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
import yaml
from PIL import Image

from cvbook.cli import book_pdf
from cvbook.content.loader import load_book
from synthetic import PINNED_DATE, build_env, warnings_in

pytestmark = [pytest.mark.build, pytest.mark.browser, pytest.mark.system]  # poppler reads the PDF

A4_POINTS = (595, 842)
BOTTOM_MARGIN_POINTS = 57  # 20 mm, cv.css's @page: the page number's place
# Text that only the site's chrome carries: the skip link, and the toggle and prev/next with
# the underscore the theme draws after them.
CHROME_TEXT = ["Skip to the text", "dark_", "prev_", "next_"]
# Controls that do nothing on paper, and what an empty blog says.
CONTROL_TEXT = ["Download .ipynb", "cv.pdf", "resume.json", "Problems and solutions →", "No posts yet"]


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a digest of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def toc_docnames(book: Path) -> list[str]:
    """Every page _toc.yml builds, in order: the root, then files and globs, depth first."""
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    docnames = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                docnames.append(entry["file"])
            if "glob" in entry:
                matches = sorted(glob.glob(str(book / entry["glob"])))
                docnames.extend(str(Path(match).relative_to(book).with_suffix("")) for match in matches)
            for key in ("parts", "chapters", "sections"):
                walk(entry.get(key, []))

    walk(toc.get("parts", []) + toc.get("chapters", []))
    return docnames


def built_title(page: Path) -> str:
    """The page's <h1> as the site shows it, without the ¶ link."""
    heading = re.search(r"<h1\b[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.DOTALL)
    assert heading, f"{page} has no <h1>"
    inner = re.sub(r"<a class=\"headerlink\".*?</a>", "", heading.group(1), flags=re.DOTALL)
    return folded(unescape(re.sub(r"<[^>]+>", "", inner)))


def chart_axes(page: Path) -> list[str]:
    """The year axis of each chart paper shows (the wide rendering of the notebooks' inline SVG)."""
    svgs = re.findall(
        r'<svg [^>]*class="cv-chart cv-chart-wide".*?</svg>', page.read_text(encoding="utf-8"), re.DOTALL
    )
    return [" ".join(re.findall(r">(\d{4})</text>", svg)) for svg in svgs]


def poppler(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def site_before(synthetic_site: Path) -> dict[str, str]:
    return snapshot(synthetic_site)


@pytest.fixture(scope="module")
def book_pdf_file(synthetic_site: Path, site_before: dict[str, str]) -> Path:
    """`make pdf`'s command, run once on the session's book copy (whose site is already built)."""
    book = synthetic_site.parents[1]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "cvbook", "pdf", str(book)],
        check=False,
        capture_output=True,
        text=True,
        env=build_env(),
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert not warnings_in(result), "\n".join(warnings_in(result))
    print(f"book.pdf built in {time.perf_counter() - started:.1f} s")
    return book / "_build" / "pdf" / "book.pdf"


@pytest.fixture(scope="module")
def pdf_text(book_pdf_file: Path) -> str:
    return folded(poppler("pdftotext", str(book_pdf_file), "-"))


@pytest.fixture(scope="module")
def page_texts(book_pdf_file: Path) -> list[str]:
    """Each page's text above the bottom margin (which holds the page number), by pdfinfo's
    page count."""
    count = int(re.search(r"^Pages:\s+(\d+)", poppler("pdfinfo", str(book_pdf_file)), re.MULTILINE).group(1))
    width, height = A4_POINTS
    body = ["-x", "0", "-y", "0", "-W", str(width), "-H", str(height - BOTTOM_MARGIN_POINTS)]
    return [
        folded(poppler("pdftotext", "-f", str(number), "-l", str(number), *body, str(book_pdf_file), "-"))
        for number in range(1, count + 1)
    ]


@pytest.fixture(scope="module")
def page_images(book_pdf_file: Path) -> list[Path]:
    """Each page as a PNG at 50 dpi, next to the PDF (to look at, too)."""
    folder = book_pdf_file.parent / "pages"
    folder.mkdir(exist_ok=True)
    poppler("pdftoppm", "-png", "-r", "50", "-gray", str(book_pdf_file), str(folder / "page"))
    return sorted(folder.glob("page-*.png"))


def published(site: Path, docname: str) -> bool:
    """False for a blog index with no posts yet: the printed book leaves it out."""
    return "blog-empty" not in (site / f"{docname}.html").read_text(encoding="utf-8")


def test_the_pdf_is_a4(book_pdf_file: Path) -> None:
    info = poppler("pdfinfo", str(book_pdf_file))
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size, info
    assert (round(float(size.group(1))), round(float(size.group(2)))) == A4_POINTS, info


def test_every_page_of_the_toc_has_its_title_in_the_pdf(synthetic_site: Path, pdf_text: str) -> None:
    book = synthetic_site.parents[1]
    titles = {
        docname: built_title(synthetic_site / f"{docname}.html")
        for docname in toc_docnames(book)
        if published(synthetic_site, docname)
    }
    missing = {docname: title for docname, title in titles.items() if title not in pdf_text}
    assert not missing, missing


def test_the_charts_are_vector_text_in_the_pdf(synthetic_site: Path, pdf_text: str) -> None:
    book = synthetic_site.parents[1]
    axes = [axis for docname in toc_docnames(book) for axis in chart_axes(synthetic_site / f"{docname}.html")]
    assert axes, "the site shows no charts to look for"
    # Inline SVG prints as vector shapes with real text: each chart's years are text in the PDF,
    # in order (pdftotext may put a page number or a label between them).
    for axis in set(axes):
        in_order = r"\b" + r"\b.*?\b".join(axis.split()) + r"\b"
        assert len(re.findall(in_order, pdf_text, re.DOTALL)) >= axes.count(axis), axis
    assert "Show code" not in pdf_text  # code stays on screen


def test_the_pdf_carries_no_site_chrome(pdf_text: str) -> None:
    found = [text for text in CHROME_TEXT if re.search(rf"\b{re.escape(text)}\b", pdf_text)]
    assert not found, found


def test_no_page_is_blank(page_texts: list[str], page_images: list[Path]) -> None:
    blank = [number for number, text in enumerate(page_texts, start=1) if not text]
    assert not blank, f"pages {blank} of {len(page_texts)} have no text"
    assert len(page_images) == len(page_texts)
    without_ink = []
    for number, png in enumerate(page_images, start=1):
        image = Image.open(png).convert("L")
        above_footer = image.crop(
            (0, 0, image.width, image.height * (1 - BOTTOM_MARGIN_POINTS / A4_POINTS[1]))
        )
        if above_footer.getextrema()[0] > 200:  # nothing darker than light grey
            without_ink.append(number)
    assert not without_ink, f"pages {without_ink} of {len(page_images)} print nothing"


def test_no_control_that_does_nothing_on_paper_and_no_empty_blog(pdf_text: str) -> None:
    found = [text for text in CONTROL_TEXT if text in pdf_text]
    assert not found, found


def test_each_positions_highlights_print_once_in_its_own_story(synthetic_site: Path, pdf_text: str) -> None:
    """The home page and the Experience chapter list the positions whose pages follow in the
    book: their overviews are left out, so each highlight is read once, in its story."""
    book = load_book(synthetic_site.parents[1], as_of=PINNED_DATE, environ={})
    leads = Counter(lead for page in book.positions for lead in page.highlights)
    assert leads, "the synthetic positions have no highlights"
    printed = {lead: pdf_text.count(lead) for lead in leads}
    assert printed == dict(leads)


def test_making_the_pdf_leaves_the_site_untouched(
    synthetic_site: Path, site_before: dict[str, str], book_pdf_file: Path
) -> None:
    assert book_pdf_file.is_file()
    assert (synthetic_site / "index.html").is_file()
    assert snapshot(synthetic_site) == site_before


def test_the_system_chromium_can_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHROMIUM", "/opt/chromium/chrome")
    assert book_pdf.system_chromium() == "/opt/chromium/chrome"
