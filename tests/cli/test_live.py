"""The owner's edit loop inside Sphinx: `make live` follows edits, survives a mistake and
recovers, and previews the pages `make book` publishes; a content mistake reaches a program
that embeds Sphinx as a Sphinx error."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cvbook.cli.build import sphinx_arguments
from cvbook.cli.live import command
from synthetic import PROFILE, assert_clean_build, build_book, build_env, front_matter, make_book

pytestmark = pytest.mark.build
# The first build executes the notebooks; a fact edit re-reads every page that shows facts.
FIRST_BUILD_S = 600
REBUILD_S = 300


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.5)
    raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what}")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class Preview:
    """`python -m cvbook live --port 0 BOOK` running, its output collected in a file."""

    def __init__(self, book: Path, log: Path) -> None:
        self.book, self.log = book, log
        command = [sys.executable, "-m", "cvbook", "live", "--port", "0", str(book)]
        with log.open("w") as output:
            self.process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=build_env())
        match = wait_for(lambda: re.search(r"Serving on (http://127\.0\.0\.1:\d+)", self.output()),
                         FIRST_BUILD_S, "the server")  # fmt: skip
        self.url = match[1]
        # sphinx-autobuild prints its address just before the server starts listening.
        wait_for(lambda: fetch(f"{self.url}/index.html"), 60, "the server to answer")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def page(self, name: str) -> str:
        return fetch(f"{self.url}/{name}") or ""

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    book = make_book(tmp_path / "book")
    conf = (book / "conf.py").read_bytes()
    running = Preview(book, tmp_path / "preview.log")
    try:
        yield running
    finally:
        running.stop()
    assert (book / "conf.py").read_bytes() == conf, "the preview rewrote the committed conf.py"


RELOAD_SCRIPT = re.compile(r"\s*<script>\s*const ws = new WebSocket\(.*?</script>\s*\Z", re.DOTALL)


def test_the_preview_is_the_published_site(preview: Preview) -> None:
    """`make live` runs `make book`'s build: the same arguments, the same folder, the same files."""
    arguments = sphinx_arguments(preview.book)
    live = command(preview.book, 0)
    start = live.index(arguments[0])
    assert live[start : start + len(arguments)] == arguments
    published = preview.book / "_build" / "html"
    for page in ("index.html", "experience/alpha.html", "notebooks/experience.html", "blog/index.html"):
        # The server adds its reload script to what it serves; the rest is the file.
        shown = RELOAD_SCRIPT.sub("", preview.page(page))
        assert shown == (published / page).read_text(encoding="utf-8"), page
    assert_clean_build(build_book(preview.book))  # and `make book` over it builds clean


def set_headline(book: Path, headline: str, *, key: str = "headline") -> None:
    intro = book / "intro.md"
    body = intro.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    profile = {other: value for other, value in PROFILE.items() if other != "headline"}
    intro.write_text(front_matter({**profile, key: headline}) + body.lstrip("\n"), encoding="utf-8")


def test_live_preview_follows_a_fact_survives_a_mistake_and_recovers(preview: Preview) -> None:
    assert PROFILE["headline"] in preview.page("index.html")

    set_headline(preview.book, "Edited Headline One")
    wait_for(lambda: "Edited Headline One" in preview.page("index.html"), REBUILD_S, "the edited fact")

    before = len(preview.output())
    set_headline(preview.book, "Broken", key="headlin")  # a misspelt key
    error = wait_for(
        lambda: re.search(r"^.*intro\.md: headlin: .*$", preview.output()[before:], re.MULTILINE),
        REBUILD_S, "the content error",
    )  # fmt: skip
    assert "Traceback" not in preview.output()[before:]
    assert preview.process.poll() is None, "the server stopped"
    assert "Edited Headline One" in preview.page("index.html"), "the last good pages are still served"
    assert "\n" not in error[0]

    set_headline(preview.book, "Edited Headline Two")
    wait_for(lambda: "Edited Headline Two" in preview.page("index.html"), REBUILD_S, "recovery")


def test_a_content_mistake_is_a_sphinx_error_for_a_program_that_embeds_the_build(tmp_path: Path) -> None:
    """No SystemExit: the caller gets an exception it can handle, and no page is written."""
    book = make_book(tmp_path / "book")
    set_headline(book, "x", key="headlin")
    script = (
        "import sys\n"
        "from sphinx.errors import SphinxError\n"
        "from jupyter_book.cli.main import main\n"
        "try:\n"
        f"    main.main(['build', {str(book)!r}], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    print('SYSTEM EXIT'); sys.exit(3)\n"
        "except RuntimeError as error:\n"
        "    print('CAUGHT', isinstance(error.__cause__, SphinxError), error.__cause__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=build_env(),
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^CAUGHT True .*intro\.md: headlin: ", result.stdout, re.MULTILINE), result.stdout
    assert not list((book / "_build" / "html").glob("**/*.html"))


@pytest.mark.browser
def test_the_open_page_reloads_itself_after_an_edit_and_breaks_no_policy(preview: Preview, browser) -> None:
    """The server's reload script runs under the pages' Content-Security-Policy."""
    context = browser.new_context()
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(f"{preview.url}/index.html")
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)  # the reload script has run, or been refused
        assert not [text for text in problems if "Content Security Policy" in text], problems
        set_headline(preview.book, "Reloaded Headline")
        # Nobody calls reload here: the page does, on the server's word.
        page.get_by_text("Reloaded Headline").first.wait_for(timeout=REBUILD_S * 1000)
        assert not [text for text in problems if "Content Security Policy" in text], problems
    finally:
        context.close()
