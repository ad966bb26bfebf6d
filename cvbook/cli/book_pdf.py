"""The whole book as one A4 PDF: ``python -m cvbook pdf`` (what ``make pdf`` runs).

Jupyter Book's ``--builder pdfhtml`` is two steps: build the book as a single HTML page
(Sphinx's ``singlehtml``), then print that page with Playwright's Chromium. Run as is, it

- writes the single page into ``_build/html``, replacing the multi-page site;
- prints US Letter whatever the CSS asks for (it calls ``page.pdf()`` without a format,
  https://github.com/jupyter-book/jupyter-book/issues/1460);
- launches Playwright's own Chromium download, which can't be fetched offline, and offers
  no way to pass ``executable_path`` or extra flags.

So this module runs the same two steps itself: ``singlehtml`` into a folder of its own,
then a print that honours the theme's print rules (``cvbook/site/theme/cv.css``: ``@page`` A4 and
margins; on the single page, marked ``cv-book`` by the theme's layout, chapters start pages and
what the home page only summarises of them is left out) with the system's Chromium. The network is cut at the page: only ``file:`` URLs load, so the PDF
is the same online and offline.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import yaml

from .browser import CHROMIUM_ARGS, system_chromium
from .build import STRICT_FLAGS

# Where the single page is built, relative to the book: `--path-output` puts it in
# <this>/_build/singlehtml and keeps its own doctrees, so re-runs are incremental.
STAGING = Path("_build") / "book-pdf"
OUTPUT = Path("_build") / "pdf" / "book.pdf"

# Page numbers in the bottom margin; Chromium's header and footer default to a 0px font.
FOOTER = (
    '<div style="width:100%; font-size:8pt; color:#666; text-align:center;">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def build_single_page(book: Path, staging: Path) -> Path:
    """Build the book as one HTML page under ``staging``; return the page."""
    executable = Path(sys.executable).parent / "jupyter-book"
    command = [
        str(executable),
        "build",
        str(book),
        "--builder",
        "singlehtml",
        "--path-output",
        str(staging),
        *STRICT_FLAGS,
    ]
    subprocess.run(command, check=True)
    # singlehtml writes the whole book into the root page; index.html only redirects to it.
    root = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))["root"]
    return staging / "_build" / "singlehtml" / f"{root}.html"


def print_to_pdf(page_file: Path, pdf_file: Path, chromium: str | None) -> None:
    """Print ``page_file`` as the browser's print dialog would, to ``pdf_file``."""
    from playwright.sync_api import Route, sync_playwright

    def local_only(route: Route) -> None:
        # Stock pages ask CDNs for MathJax and the like; offline they'd stall or fail.
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    pdf_file.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
        try:
            # Scripts off: the PDF states the facts as of the build, like the rest of the
            # build output; the intro's live counter would restate them as of the print day.
            page = browser.new_page(java_script_enabled=False)
            page.route("**/*", local_only)
            page.goto(page_file.resolve().as_uri(), wait_until="load")
            page.pdf(
                path=str(pdf_file),
                prefer_css_page_size=True,  # A4 and margins come from the theme's @page rule
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER,
                outline=True,  # PDF bookmarks from the headings
                tagged=True,  # structure tree: reading order, figures, links
            )
        finally:
            browser.close()


def make_book_pdf(book: Path, output: Path | None = None, chromium: str | None = None) -> Path:
    """Build ``book`` as single-page HTML and print it to ``output`` (default _build/pdf/book.pdf)."""
    book = book.resolve()
    output = output or book / OUTPUT
    page = build_single_page(book, book / STAGING)
    print_to_pdf(page, output, chromium)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cvbook pdf", description=__doc__.splitlines()[0])
    parser.add_argument("book", nargs="?", type=Path, default=Path("."), help="the book's folder")
    parser.add_argument("-o", "--output", type=Path, help=f"the PDF (default: BOOK/{OUTPUT})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pdf = make_book_pdf(args.book, args.output, system_chromium())
    print(f"Wrote {pdf} ({pdf.stat().st_size / 1024:.0f} KiB) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
