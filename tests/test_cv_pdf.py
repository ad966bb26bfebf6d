"""cv.pdf (issue 5): the printable CV, checked from the PDF file with poppler's tools.

Every expected string comes from the Book, so a change of facts moves the tests
with it. The same file checks run on a direct ``render()`` (fast) and on the
artefact the strict build wrote into the site.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from synthetic import PINNED_DATE, REPO
from cvbook import cv_pdf
from cvbook.content import Book, load_book

POPPLER = ("pdftotext", "pdfinfo", "pdffonts")


@pytest.fixture(scope="module")
def book() -> Book:
    return load_book(REPO, PINNED_DATE)


@pytest.fixture(scope="module", autouse=True)
def poppler_installed() -> None:
    missing = [tool for tool in POPPLER if not shutil.which(tool)]
    if missing:
        pytest.fail(f"poppler-utils is not installed ({', '.join(missing)}): run .ci/run or `apt-get install poppler-utils`")


@pytest.fixture(scope="module", params=["rendered", pytest.param("built", marks=pytest.mark.build)])
def cv_file(request: pytest.FixtureRequest, book: Book, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """cv.pdf from ``render()`` directly, and as the strict build wrote it into the site."""
    if request.param == "built":
        return request.getfixturevalue("built_book") / "cv.pdf"
    path = tmp_path_factory.mktemp("cv") / "cv.pdf"
    path.write_bytes(cv_pdf.render(book))
    return path


# --- poppler helpers ----------------------------------------------------------


def poppler(tool: str, *args: str | Path) -> str:
    return subprocess.run([tool, *map(str, args)], capture_output=True, text=True, check=True).stdout


def text_of(pdf: Path) -> str:
    """The text in pdftotext's reading order (not -layout), whitespace folded to single spaces."""
    return " ".join(poppler("pdftotext", pdf, "-").split())


def info_of(pdf: Path) -> dict[str, str]:
    lines = poppler("pdfinfo", "-isodates", pdf).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def fonts_of(pdf: Path) -> list[dict[str, str]]:
    """pdffonts' table as rows; the name column may hold spaces, so split from the right."""
    lines = poppler("pdffonts", pdf).splitlines()[2:]
    columns = ("emb", "sub", "uni", "object", "generation")
    return [dict(zip(("name_and_type", *columns), line.rsplit(maxsplit=5), strict=True)) for line in lines]


def link_targets(pdf: Path) -> list[str]:
    """The URIs of the link annotations (Typst writes them uncompressed)."""
    return [uri.decode() for uri in re.findall(rb"/URI\s*\(([^)]*)\)", pdf.read_bytes())]


def in_reading_order(text: str, pieces: list[str]) -> bool:
    """Whether every piece occurs in ``text``, each after the one before it."""
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


# --- the file -----------------------------------------------------------------


def test_companies_appear_newest_first(cv_file: Path, book: Book) -> None:
    starts = [page.position.start for page in book.positions]
    assert starts == sorted(starts, reverse=True)
    companies = [page.position.company for page in book.positions]
    assert in_reading_order(text_of(cv_file), companies), companies


def test_each_position_reads_company_period_role_then_highlights(cv_file: Path, book: Book) -> None:
    text = text_of(cv_file)
    for page in book.positions:
        position = page.position
        assert page.highlights, f"{page.docname} has no highlights for the CV"
        pieces = [position.company, position.period_label(), position.role, *page.highlights, position.stack[0]]
        assert in_reading_order(text, pieces), pieces


def test_header_summary_and_skills_in_reading_order(cv_file: Path, book: Book) -> None:
    profile = book.profile
    skills = [piece for group, items in profile.skills.items() for piece in (f"{group}_", *items)]
    pieces = [profile.name, profile.headline, book.experience.label, "In short_", *book.summary,
              "Skills_", *skills, "Experience_"]
    assert in_reading_order(text_of(cv_file), pieces)


def test_at_most_two_a4_pages(cv_file: Path) -> None:
    info = info_of(cv_file)
    assert 1 <= int(info["Pages"]) <= 2
    assert "(A4)" in info["Page size"]


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("Title", lambda book: f"{book.profile.name}: CV"),
        ("Author", lambda book: book.profile.name),
        ("CreationDate", lambda book: f"{book.as_of.isoformat()}T00:00:00Z"),  # pinned: reproducible bytes
    ],
)
def test_metadata(cv_file: Path, book: Book, field: str, expected: Callable[[Book], str]) -> None:
    assert info_of(cv_file)[field] == expected(book)


def test_every_font_is_embedded(cv_file: Path) -> None:
    fonts = fonts_of(cv_file)
    assert fonts
    not_embedded = [font["name_and_type"] for font in fonts if font["emb"] != "yes"]
    assert not not_embedded


def test_links_to_the_site_and_each_position_page(cv_file: Path, book: Book) -> None:
    assert book.site_url, "_config.yml sets html.baseurl"
    site = book.site_url.rstrip("/") + "/"
    expected = [site, *(f"{site}{page.docname}.html" for page in book.positions)]
    assert set(expected) <= set(link_targets(cv_file))


# --- render() -----------------------------------------------------------------


@pytest.mark.filterwarnings("error")  # a Typst warning fails here instead of scrolling by in a build log
def test_render_is_reproducible_and_quiet(book: Book) -> None:
    assert cv_pdf.render(book) == cv_pdf.render(book)


def _without_site(book: Book) -> Book:
    return dataclasses.replace(book, site_url=None)


def _without_highlights(book: Book) -> Book:
    return dataclasses.replace(book, positions=tuple(dataclasses.replace(p, highlights=()) for p in book.positions))


MARKUP = 'Typst markup stays text: *not bold* _x_ #set $x$ ] [ \\ @label <l> `code` "q"'


def _with_markup_in_a_highlight(book: Book) -> Book:
    newest, *older = book.positions
    return dataclasses.replace(book, positions=(dataclasses.replace(newest, highlights=(MARKUP,)), *older))


@pytest.mark.parametrize(
    ("change", "present", "links"),
    [
        (_without_site, lambda book: book.positions[-1].position.company, 0),
        (_without_highlights, lambda book: book.positions[-1].position.period_label(), None),
        (_with_markup_in_a_highlight, lambda book: MARKUP, None),
    ],
    ids=["no html.baseurl", "no highlights", "markup characters in a fact"],
)
def test_render_copes_with(
    book: Book, tmp_path: Path, change: Callable[[Book], Book], present: Callable[[Book], str], links: int | None
) -> None:
    changed = change(book)
    path = tmp_path / "cv.pdf"
    path.write_bytes(cv_pdf.render(changed))
    assert present(changed) in text_of(path)
    if links is not None:
        assert len(link_targets(path)) == links


def test_render_time(book: Book) -> None:
    """Timing is reported, not asserted (machines vary); the build logs it too."""
    cv_pdf.render(book)  # warm-up: loading Typst's fonts happens once per process
    started = time.perf_counter()
    pdf = cv_pdf.render(book)
    print(f"cv.pdf: {len(pdf) / 1024:.1f} KiB rendered in {(time.perf_counter() - started) * 1000:.0f} ms")
    assert pdf.startswith(b"%PDF-")


# --- the site -----------------------------------------------------------------


@pytest.mark.build
def test_intro_links_the_pdf_relative_to_the_site_root(built_book: Path) -> None:
    html = (built_book / "intro.html").read_text(encoding="utf-8")
    link = re.search(r'<a\b[^>]*\bhref="([^"]+)"[^>]*>\s*🖨️ cv\.pdf_\s*</a>', html)
    assert link, "intro.html has no '🖨️ cv.pdf_' link"
    assert (built_book / link.group(1)).resolve() == (built_book / "cv.pdf").resolve()
    assert (built_book / "cv.pdf").read_bytes().startswith(b"%PDF-")
