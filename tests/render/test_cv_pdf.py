"""cv.pdf: the printable CV, checked from the PDF file with poppler's tools.

Every expected string comes from the synthetic book's own facts (tests/synthetic.py),
so the owner edits his CV without touching a test. One smoke test at the end reads
his own content, for what must hold whatever his CV says.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from cvbook.content.loader import load_book
from cvbook.model.book import Book
from cvbook.render import cv_pdf
from synthetic import CONTACTS, PINNED_DATE, POSITIONS, PROFILE, REPO, make_book, position

pytestmark = pytest.mark.system  # poppler reads every PDF here
POPPLER = ("pdftotext", "pdfinfo", "pdffonts")
SITE = "https://example.org/cv/"
# A story of four long bullets, to make books long enough for a second page.
LONG_STORY = "## Problems and solutions\n\n" + "".join(
    f"- **Solved problem number {n} for the team.** A detail sentence that explains the problem, "
    f"the choice made and why it held up, long enough to wrap over two lines. A second sentence "
    f"that only the site shows.\n"
    for n in range(1, 5)
)


@pytest.fixture(scope="module", autouse=True)
def poppler_installed() -> None:
    missing = [tool for tool in POPPLER if not shutil.which(tool)]
    if missing:
        pytest.fail(
            f"poppler-utils is not installed ({', '.join(missing)}): run .ci/run or `apt-get install poppler-utils`"
        )


def synthetic_book(root: Path, environ: Mapping[str, str] | None = None, **changes: Any) -> Book:
    return load_book(make_book(root, **changes), as_of=PINNED_DATE, environ=environ or {})


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    return synthetic_book(tmp_path_factory.mktemp("cv") / "book", {"SITE_URL": SITE})


@pytest.fixture(scope="module")
def cv_file(book: Book, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(book, tmp_path_factory.mktemp("pdf"))


def write(book: Book, folder: Path) -> Path:
    path = folder / "cv.pdf"
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


@dataclasses.dataclass
class PageWords:
    width: float
    height: float
    words: list[tuple[float, float, float, float]]  # xMin, yMin, xMax, yMax

    @property
    def text_bottom(self) -> float:
        """How far down the page the text reaches, from 0 (top) to 1 (bottom)."""
        return max((word[3] for word in self.words), default=0.0) / self.height


def pages_of(pdf: Path) -> list[PageWords]:
    """Every page's size and word boxes (pdftotext -bbox)."""
    found = []
    for page in re.finditer(
        r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>',
        poppler("pdftotext", "-bbox", pdf, "-"),
        re.DOTALL,
    ):
        words = [tuple(map(float, box)) for box in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">', page[3])]  # fmt: skip
        found.append(PageWords(float(page[1]), float(page[2]), words))
    return found


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


def month(day: Any) -> str:
    return day.strftime("%b %Y") if day else "Present"


# --- the text layer -------------------------------------------------------------


def test_companies_appear_newest_first(cv_file: Path, book: Book) -> None:
    starts = [page.position.start for page in book.positions]
    assert starts == sorted(starts, reverse=True)
    assert in_reading_order(text_of(cv_file), [page.position.company for page in book.positions])


def test_each_position_reads_company_role_dates_then_every_bullet_in_short_form(
    cv_file: Path, book: Book
) -> None:
    text = text_of(cv_file)
    for page in book.positions:
        position = page.position
        assert page.bullets, f"{page.docname} has no bullets for the CV"
        dates = f"{month(position.start)} – {month(position.end)}"
        pieces = [position.company, position.role, dates]
        for bullet in page.bullets:
            assert bullet.detail, bullet
            pieces += [bullet.lead_sentence, bullet.detail]
        assert in_reading_order(text, [*pieces, "Stack:", position.stack[0]]), pieces


def test_header_and_plain_section_names_in_reading_order(cv_file: Path, book: Book) -> None:
    profile, reading = book.profile, book.self_development
    skills = [piece for group, items in profile.skills.items() for piece in (f"{group}:", *items)]
    pieces = [profile.name, profile.headline, book.experience.label, "as of 18 Mar 2026",
              "Summary", *book.summary, "Skills", *skills, "Experience",
              "Self-development", *(b.title for b in reading.books), *reading.languages]  # fmt: skip
    assert in_reading_order(text_of(cv_file), pieces)


def test_the_current_positions_growing_duration_says_as_of_when(cv_file: Path, book: Book) -> None:
    (current,) = [page for page in book.positions if page.position.is_current]
    assert f"{current.duration(book.as_of).label}, as of 18 Mar 2026" in text_of(cv_file)


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"\S_(?=\s|$)", "a word ending in '_': the site's underscore is decoration, drawn"),
        (r"\b(office|remote|stack)_", "a label in the site's voice"),
        (
            r"\d{4}-\d{2} –|– present\b",
            "an ISO month or lower-case 'present' (ATS read 'Sep 2025 – Present')",
        ),
        (r"In short", "the site's section name; the CV says 'Summary'"),
    ],
)
def test_the_text_layer_is_plain(cv_file: Path, pattern: str, why: str) -> None:
    found = re.findall(pattern, text_of(cv_file))
    assert not found, f"{why}: {found}"


# --- pages ----------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3, 5, 7, 9])
def test_whole_pages_at_most_two(tmp_path: Path, count: int) -> None:
    """Short or long, the CV fills page one before page two, and page two is never nearly empty."""
    positions = {
        f"p{index}": position(f"Company {index}", "Engineer", f"{2020 - index}-01", f"{2020 - index}-12")
        for index in range(count)
    }
    root = make_book(
        tmp_path / "book", positions={name: front_matter_text(data) for name, data in positions.items()}
    )
    pdf = write(load_book(root, as_of=PINNED_DATE, environ={}), tmp_path)
    assert "(A4)" in info_of(pdf)["Page size"]
    pages = pages_of(pdf)
    assert 1 <= len(pages) <= 2, f"{len(pages)} pages for {count} positions"
    if len(pages) == 2:
        assert pages[0].text_bottom > 0.85, "page one is not filled before page two starts"
        assert pages[1].text_bottom >= 1 / 3, f"page two holds only {pages[1].text_bottom:.0%}"


def front_matter_text(data: dict[str, Any]) -> str:
    from synthetic import front_matter

    return front_matter({"stack": ["Go"], **data}, LONG_STORY)


# --- contacts and avatar --------------------------------------------------------


def contact_book(root: Path) -> Book:
    """A synthetic book with every contact set and an avatar, published at SITE."""
    make_book(root, profile={**PROFILE, **CONTACTS})
    Image.new("RGB", (64, 64), (40, 120, 90)).save(root / CONTACTS["image"])
    return load_book(root, as_of=PINNED_DATE, environ={"SITE_URL": SITE})


def test_the_contacts_that_are_set_are_header_links(tmp_path: Path) -> None:
    pdf = write(contact_book(tmp_path / "book"), tmp_path)
    assert in_reading_order(
        text_of(pdf), [PROFILE["headline"], "someone@example.org", "+49 30 1234 5678", "Sample City, DE",
                       "github.com/someone", "example.org/cv", "Summary"]
    )  # fmt: skip
    assert {"mailto:someone@example.org", "tel:+493012345678", "https://github.com/someone", SITE} <= set(
        link_targets(pdf)
    )
    assert len(poppler("pdfimages", "-list", pdf).splitlines()) == 3, "the avatar is not in the PDF once"


def test_no_contact_set_means_no_contact_line(cv_file: Path) -> None:
    assert "@" not in text_of(cv_file)
    assert not [uri for uri in link_targets(cv_file) if uri.startswith(("mailto:", "tel:"))]


def test_links_to_the_site_and_each_position_page(cv_file: Path, book: Book) -> None:
    expected = {SITE, *(f"{SITE}{page.docname}.html" for page in book.positions)}
    assert expected <= set(link_targets(cv_file))


def test_without_a_site_address_nothing_links_anywhere(tmp_path: Path) -> None:
    pdf = write(synthetic_book(tmp_path / "book"), tmp_path)
    assert link_targets(pdf) == []


# --- facts are text ---------------------------------------------------------------

HOSTILE = [
    "NDA </script> & <b>Agency</b>",
    "#let x = 1",
    '*bold* _under_ $math$ @label <l> `code` [x] \\ "q"',
    "R&D <Labs>",
]
LONG_WORDS = " ".join(["Longcompanyname"] * 13)  # 200 characters that wrap at spaces
LONG_UNBROKEN = "Very" + "long" * 49  # 200 characters with nowhere to break


@pytest.mark.parametrize("fact", HOSTILE, ids=["html", "typst-code", "typst-markup", "ampersand"])
def test_markup_shaped_facts_show_literally(tmp_path: Path, fact: str) -> None:
    positions = {**POSITIONS, "alpha": {**POSITIONS["alpha"], "company": fact, "role": fact}}
    book = synthetic_book(tmp_path / "book", profile={**PROFILE, "headline": fact}, positions=positions)
    text = text_of(write(book, tmp_path))
    assert text.count(fact) >= 3, text[:400]


@pytest.mark.parametrize("value", [LONG_WORDS, LONG_UNBROKEN], ids=["with-spaces", "unbroken"])
def test_long_values_stay_on_the_page(tmp_path: Path, value: str) -> None:
    positions = {**POSITIONS, "alpha": {**POSITIONS["alpha"], "company": value, "role": value}}
    pdf = write(synthetic_book(tmp_path / "book", positions=positions), tmp_path)
    for page in pages_of(pdf):
        overflowing = [word for word in page.words if word[2] > page.width - 10 or word[0] < 10]
        assert not overflowing, f"{len(overflowing)} words run off the page"
    # A wrapped word comes back in pieces, one per line; nothing else is added to it.
    assert value.replace(" ", "") in re.sub(r"\s", "", text_of(pdf))


# --- the file ---------------------------------------------------------------------


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
    assert not [font["name_and_type"] for font in fonts if font["emb"] != "yes"]


@pytest.mark.filterwarnings("error")  # a Typst warning fails here instead of scrolling by in a build log
def test_render_is_reproducible_and_quiet(book: Book) -> None:
    assert cv_pdf.render(book) == cv_pdf.render(book)


def test_render_time(book: Book) -> None:
    """Timing is reported, not asserted (machines vary); the build logs it too."""
    cv_pdf.render(book)  # warm-up: loading Typst's fonts happens once per process
    started = time.perf_counter()
    pdf = cv_pdf.render(book)
    print(f"cv.pdf: {len(pdf) / 1024:.1f} KiB rendered in {(time.perf_counter() - started) * 1000:.0f} ms")
    assert pdf.startswith(b"%PDF-")


@pytest.mark.build
def test_the_build_writes_cv_pdf_and_the_intro_links_it(synthetic_site: Path) -> None:
    assert (synthetic_site / "cv.pdf").read_bytes().startswith(b"%PDF-")
    assert 'href="cv.pdf"' in (synthetic_site / "index.html").read_text(encoding="utf-8")


# --- the owner's own content --------------------------------------------------------


@pytest.mark.owner
def test_owner_cv_pdf_fits_two_whole_pages_and_names_every_position(tmp_path: Path) -> None:
    """His cv.pdf, whatever it says: at most two pages, no half-empty last page, every company."""
    book = load_book(REPO, as_of=PINNED_DATE, environ={})
    pdf = write(book, tmp_path)
    assert 1 <= int(info_of(pdf)["Pages"]) <= 2
    pages = pages_of(pdf)
    assert len(pages) == 1 or pages[-1].text_bottom >= 1 / 3
    text = text_of(pdf)
    for page in book.positions:
        assert " ".join(page.position.company.split()) in text
    assert not re.findall(r"\S_(?=\s|$)", text)
