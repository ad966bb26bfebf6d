"""Hostile and malformed input end to end: a full build of a synthetic book whose facts
are markup-shaped text, and builds of books whose files are odd."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from synthetic import (
    HOSTILE_COMPANY,
    HOSTILE_HEADLINE,
    HOSTILE_POST_TITLE,
    HOSTILE_ROLE,
    assert_clean_build,
    build_book,
    make_book,
)

pytestmark = pytest.mark.build

COMPANY, HEADLINE, ROLE, POST_TITLE = HOSTILE_COMPANY, HOSTILE_HEADLINE, HOSTILE_ROLE, HOSTILE_POST_TITLE


def pages(site: Path) -> list[Path]:
    return [page for page in site.glob("**/*.html") if "_static" not in page.parts]


def test_no_markup_from_facts_reaches_any_page(hostile_site: Path) -> None:
    for page in pages(hostile_site):
        text = page.read_text(encoding="utf-8")
        without_json_ld = re.sub(
            r'<script type="application/ld\+json">.*?</script>', "", text, flags=re.DOTALL
        )
        assert "<script>alert" not in without_json_ld, page
        assert "onerror=" not in without_json_ld.replace("onerror=alert(2)&gt;", ""), page
        tree = lxml_html.fromstring(text)
        assert not tree.xpath("//b[contains(., 'Agency')] | //img[@src='x'] | //labs"), page


def test_pages_show_the_literal_characters(hostile_site: Path) -> None:
    home = lxml_html.parse(str(hostile_site / "index.html")).getroot()
    assert HEADLINE in " ".join(home.text_content().split())
    position_page = lxml_html.parse(str(hostile_site / "experience" / "alpha.html")).getroot()
    text = " ".join(position_page.text_content().split())
    assert COMPANY in text and ROLE in text
    assert COMPANY in position_page.findtext(".//title")


def test_meta_tags_and_feed_hold_the_text(hostile_site: Path) -> None:
    from lxml import etree

    home = lxml_html.parse(str(hostile_site / "index.html")).getroot()
    for content in home.xpath("//meta/@content"):
        assert "<img" not in content or HEADLINE in content
    feed = etree.parse(str(hostile_site / "blog" / "atom.xml"))
    titles = feed.xpath("//a:entry/a:title/text()", namespaces={"a": "http://www.w3.org/2005/Atom"})
    assert titles == [POST_TITLE]


@pytest.mark.system  # poppler's pdftotext
def test_cv_pdf_shows_the_literal_characters(hostile_site: Path) -> None:
    text = subprocess.run(
        ["pdftotext", str(hostile_site / "cv.pdf"), "-"], capture_output=True, text=True, check=True
    )
    flat = " ".join(text.stdout.split())
    for fact in (COMPANY, HEADLINE, "R&D <Labs>"):
        assert fact in flat


# --- odd files -----------------------------------------------------------------------


def test_bom_and_crlf_files_build_clean(tmp_path: Path) -> None:
    root = make_book(tmp_path / "book")
    for name in ("intro.md", "experience/alpha.md", "self-development.md"):
        path = root / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode())
    assert_clean_build(build_book(root))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"---\ncompany: Caf\xe9\n---\n", "broken.md: not UTF-8: byte 16", id="not-utf-8"),
        pytest.param(
            b"---\nstart: 2021-08\nstart: 2024-01\n---\n", "broken.md: start: key given twice", id="duplicate"
        ),
        pytest.param(b"", "broken.md: the file is empty", id="empty"),
    ],
)
def test_a_bad_file_stops_the_build_with_one_line_and_no_site(
    tmp_path: Path, data: bytes, message: str
) -> None:
    root = make_book(tmp_path / "book")
    (root / "experience" / "broken.md").write_bytes(data)
    result = build_book(root)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert [line for line in output.splitlines() if message in line], output[-3000:]
    assert "Traceback" not in output
    assert not list((root / "_build" / "html").glob("**/*.html"))


@pytest.mark.browser
@pytest.mark.parametrize("name", ["index", "experience/long", "experience/index"])
def test_a_200_character_name_wraps_on_a_360_px_phone(hostile_site: Path, browser, name: str) -> None:
    from synthetic import serve

    with serve(hostile_site) as url:
        context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
        try:
            page = context.new_page()
            page.goto(f"{url}/{name}.html")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
        finally:
            context.close()
    assert overflow <= 0, f"{name} is {overflow}px wider than the screen"
