"""The site's own theme as built HTML: the head every page carries, the home page at the
site's root, facts as text, a Content-Security-Policy that covers every inline block, and
valid HTML (the Nu Html Checker). Browser-side checks: test_site_browser.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from synthetic import (
    HOSTILE_COMPANY,
    HOSTILE_HEADLINE,
    HOSTILE_SITE,
    PINNED_DATE,
    POSITIONS,
    PROFILE,
    REPO,
    assert_clean_build,
    build_book,
    make_book,
)

pytestmark = pytest.mark.build

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITE_ADDRESS = HOSTILE_SITE
EXECUTABLE_SCRIPT_TYPES = {None, "", "text/javascript", "module"}


def soup_of(html_file: Path) -> BeautifulSoup:
    return BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")


def pages_of(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if not {"_static", "_sources"} & set(path.parts))


def meta(soup: BeautifulSoup, **attributes: str) -> str | None:
    tag = soup.find("meta", attrs=attributes)
    return tag.get("content") if tag else None


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def policy(soup: BeautifulSoup) -> dict[str, list[str]]:
    tag = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert tag is not None
    directives = [part.split() for part in tag["content"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


# One synthetic post: the blog's pages are part of every page kind the theme renders.
POST = """---
date: 2026-01-21
category: Notes
tags: [golang]
---

# A synthetic post

A first paragraph that says what the post is about, for its description.

```go
package main
```
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default synthetic book plus one post, built without a site address."""
    book = make_book(tmp_path_factory.mktemp("theme") / "src", posts={"2026-01-21-synthetic.md": POST})
    assert_clean_build(build_book(book))
    return book / "_build" / "html"


def test_no_page_loads_the_book_theme_or_offers_its_search(site: Path) -> None:
    for page in pages_of(site):
        text = page.read_text(encoding="utf-8")
        assert "Search this book" not in text, page
        soup = BeautifulSoup(text, "html.parser")
        loaded = [tag.get("src") or tag.get("href") or "" for tag in soup.find_all(["script", "link"])]
        assert not [url for url in loaded if re.search(r"pydata|sphinx-book|bootstrap|fontawesome", url)], (
            page
        )


def test_every_page_has_one_viewport_description_title_and_policy(site: Path) -> None:
    for page in pages_of(site):
        soup = soup_of(page)
        assert len(soup.find_all("meta", attrs={"name": "viewport"})) == 1, page
        assert len(soup.find_all("meta", attrs={"name": "description"})) == 1, page
        assert meta(soup, name="description"), page
        assert len(soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})) == 1, page
        title = soup.title.get_text()
        assert title and not title.endswith("_"), (page, title)
        assert not (meta(soup, property="og:title") or "x").endswith("_"), page


def test_every_title_and_link_preview_names_the_owner(site: Path) -> None:
    for page in pages_of(site):
        soup = soup_of(page)
        title = soup.title.get_text()
        assert PROFILE["name"] in title, (page, title)
        assert meta(soup, property="og:title") == title, page
    position = soup_of(site / "experience" / "alpha.html")
    assert position.title.get_text() == f"{POSITIONS['alpha']['company']} — {PROFILE['name']}"
    home = soup_of(site / "index.html")
    assert home.title.get_text() == f"{PROFILE['name']} — {PROFILE['headline']}"


def test_every_description_is_a_sentence_about_its_own_page_without_decoration(site: Path) -> None:
    described = {}
    for page in pages_of(site):
        description = meta(soup_of(page), name="description")
        assert not re.search(r"\w_(?=\W|$)", description), (page, description)
        assert description.endswith((".", "…")), (page, description)
        described[page.relative_to(site).as_posix()] = description
    assert len(set(described.values())) == len(described), "each page its own"
    assert described["index.html"] == PROFILE["description"]
    assert POSITIONS["alpha"]["company"] in described["experience/alpha.html"]
    index = described["experience/index.html"]
    assert PROFILE["name"] in index and all(POSITIONS[name]["company"] in index for name in POSITIONS)


def test_the_home_page_gives_the_experience_total_once_on_its_first_lines(site: Path) -> None:
    home = soup_of(site / "index.html")
    assert len(home.select(".cv-total")) == 1
    assert home.select_one(".cv-hero").find_next_sibling("p") is home.select_one(".cv-total")
    assert len(soup_of(site / "experience" / "index.html").select(".cv-total")) == 1


def test_the_home_page_has_a_profile_page_for_search_engines(hostile_site: Path) -> None:
    (script,) = soup_of(hostile_site / "index.html").find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@type"] == "ProfilePage" and data["url"] == SITE_ADDRESS
    assert data["dateModified"] == PINNED_DATE.isoformat(), "a copy outside git: the as-of date"
    person = data["mainEntity"]
    assert (person["@type"], person["name"], person["jobTitle"]) == (
        "Person",
        PROFILE["name"],
        HOSTILE_HEADLINE,
    )
    assert not {"email", "sameAs"} & set(person)
    for page in pages_of(hostile_site):
        if page.name != "index.html" or page.parent != hostile_site:
            assert not soup_of(page).find("script", type="application/ld+json"), page


def test_the_policy_allows_only_the_sites_own_files_and_its_inline_blocks(site: Path) -> None:
    for page in pages_of(site):
        soup = soup_of(page)
        rules = policy(soup)
        assert rules["default-src"] == ["'none'"], page
        assert rules["base-uri"] == ["'self'"] and rules["form-action"] == ["'self'"], page
        inline_scripts = [
            script.string or ""
            for script in soup.find_all("script")
            if not script.get("src") and script.get("type") in EXECUTABLE_SCRIPT_TYPES
        ]
        assert set(rules["script-src"]) == {"'self'", *map(sha256_source, inline_scripts)}, page
        styles = [style.string or "" for style in soup.find_all("style")]
        assert set(rules["style-src"]) == {"'self'", *map(sha256_source, styles)}, page
        for tag in soup.find_all(True):
            handlers = [name for name in tag.attrs if name.lower().startswith("on")]
            assert not handlers, (page, tag.name, handlers)


def test_index_html_is_the_home_page_and_the_only_copy(site: Path) -> None:
    """The root document is the home page: one address, so search and links never lead to a second."""
    home = soup_of(site / "index.html")
    assert not home.find("meta", attrs={"http-equiv": "refresh"})
    assert home.find("h1").get_text().strip("¶") == PROFILE["name"]
    assert not (site / "intro.html").exists()


def test_the_home_page_reads_as_the_resume_in_order(site: Path) -> None:
    """Name, headline, experience total and the files first, then In short, skills, every
    position newest first with its highlights and a link to its page, then self-development."""
    soup = soup_of(site / "index.html")
    text = soup.find("main").get_text(" ", strip=True)
    companies = [POSITIONS[name]["company"] for name in ("alpha", "bravo", "charlie", "delta")]
    landmarks = [PROFILE["name"], PROFILE["headline"], "experience", "cv.pdf", "resume.json", "In short",
                 "Skills", *companies, "Self development", "A Synthetic Book"]  # fmt: skip
    positions = [text.find(landmark) for landmark in landmarks]
    assert -1 not in positions, dict(zip(landmarks, positions, strict=True))
    assert positions == sorted(positions), dict(zip(landmarks, positions, strict=True))
    assert "Built the first thing" in text
    links = {a["href"] for a in soup.select(".cv-position h3 a.reference")}
    assert links == {f"experience/{name}.html" for name in POSITIONS}
    assert soup.select_one("svg.cv-avatar")["aria-label"] == PROFILE["name"]


def test_the_experience_index_shows_the_positions_and_links_the_numbers(site: Path) -> None:
    soup = soup_of(site / "experience" / "index.html")
    titles = [h2.get_text().strip("¶") for h2 in soup.select(".cv-position h2")]
    assert titles == [POSITIONS[name]["company"] for name in ("alpha", "bravo", "charlie", "delta")]
    assert soup.select('main a[href="../notebooks/experience.html"]')


def test_the_top_bar_links_the_four_sections(site: Path) -> None:
    soup = soup_of(site / "experience" / "alpha.html")
    links = [(a.get_text(), a["href"], a.get("aria-current")) for a in soup.select("nav.cv-nav a")]
    assert links == [
        ("About me", "../index.html", None),
        ("Experience", "index.html", "page"),
        ("Skills", "../notebooks/skills-timeline.html", None),
        ("Blog", "../blog/index.html", None),
        ("Search", "../search.html", None),
    ]
    assert len(soup.select("nav.cv-prevnext")) == 1


def test_facts_are_text_in_body_titles_navigation_and_meta(hostile_site: Path) -> None:
    for page in pages_of(hostile_site):
        soup = soup_of(page)
        assert not soup.find("b"), page
        executable = [tag for tag in soup.find_all("script") if tag.get("type") in EXECUTABLE_SCRIPT_TYPES]
        assert not [tag for tag in executable if "alert(" in (tag.string or "")], page
        assert not soup.find("img", attrs={"onerror": True}), page
    position = soup_of(hostile_site / "experience" / "alpha.html")
    assert position.find("h1").get_text().strip("¶") == HOSTILE_COMPANY
    assert position.title.get_text().startswith(HOSTILE_COMPANY)
    assert meta(position, property="og:title") == f"{HOSTILE_COMPANY} — {PROFILE['name']}"
    home = soup_of(hostile_site / "index.html")
    assert home.select_one(".cv-headline").get_text() == HOSTILE_HEADLINE
    assert HOSTILE_HEADLINE in home.title.get_text()
    assert home.select_one(".cv-position h3").get_text().strip("¶") == HOSTILE_COMPANY


def test_with_an_address_pages_carry_canonical_links_and_a_card(hostile_site: Path) -> None:
    home = soup_of(hostile_site / "index.html")
    assert home.find("link", rel="canonical")["href"] == SITE_ADDRESS
    assert meta(home, property="og:url") == SITE_ADDRESS
    assert meta(home, property="og:image") == f"{SITE_ADDRESS}card.png"
    page = soup_of(hostile_site / "experience" / "bravo.html")
    assert page.find("link", rel="canonical")["href"] == f"{SITE_ADDRESS}experience/bravo.html"


def test_without_an_address_nothing_absolute_is_claimed(site: Path) -> None:
    home = soup_of(site / "index.html")
    assert not home.find("link", rel="canonical")
    assert not meta(home, property="og:image") and not meta(home, property="og:url")


def test_404_resolves_its_links_from_the_site_root(hostile_site: Path) -> None:
    soup = soup_of(hostile_site / "404.html")
    assert soup.find("base")["href"] == "/cv/"
    assert meta(soup, name="robots") == "noindex"


def test_the_nu_html_checker_finds_no_error_on_any_page(site: Path) -> None:
    assert shutil.which("java"), "Java is missing: run .ci/run or `apt-get install default-jre-headless`"
    assert VNU.is_file(), "vnu-jar is missing: run `make node_modules/.installed`"
    command = ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, pages_of(site))]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
