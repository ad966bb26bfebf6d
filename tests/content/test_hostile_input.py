"""Facts are text and files can be odd: whatever a content file holds, the loader
returns a valid book or raises ContentError, never another exception.

Each property runs 300 examples with a fixed seed (tests/conftest.py): enough to reach
each branch of the reader (encoding, fences, YAML syntax, duplicate keys, every model
field's validator) many times over, and still about a second each.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cvbook.content.errors import ContentError
from cvbook.content.loader import load_book
from cvbook.model.book import Book
from synthetic import PINNED_DATE, PROFILE, SUMMARY, front_matter, position

EXAMPLES = settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Characters that mean something to HTML, Markdown/MyST, YAML, Typst or JSON, and
# Unicode that trips naive code: right-to-left marks, combining marks, emoji.
HOSTILE = "<>&\"'`#[]{}$*_\\|:-!%@~^=+;,\t\n\r\u200f\u202e\u0301\u0336🙂🖨️ЖΩ\x00\x85\u2028"
hostile_text = st.text(alphabet=st.sampled_from(HOSTILE) | st.characters(), max_size=500)

POSITION_KEYS = ["company", "role", "team", "start", "end", "mode", "stack", "description"]
keys = st.sampled_from(POSITION_KEYS) | st.text(min_size=1, max_size=12)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | hostile_text | st.dates()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=3),
                      max_leaves=8)  # fmt: skip


def minimal_book(folder: Path) -> Path:
    """The smallest book the loader reads: a config, the intro and an experience folder."""
    (folder / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (folder / "intro.md").write_text(
        front_matter(PROFILE, "## In short\n\n" + "\n\n".join(SUMMARY) + "\n"), encoding="utf-8"
    )
    (folder / "experience").mkdir()
    return folder


@pytest.fixture(scope="module")
def root() -> Any:
    """A book whose one position file each example rewrites."""
    with tempfile.TemporaryDirectory() as folder:
        yield minimal_book(Path(folder))


@pytest.fixture(scope="module")
def renderer_root() -> Any:
    """A book whose intro and position each example rewrites (apart from ``root``'s)."""
    with tempfile.TemporaryDirectory() as folder:
        yield minimal_book(Path(folder))


def load_or_content_error(root: Path, data: bytes) -> Book | ContentError:
    (root / "experience" / "position.md").write_bytes(data)
    try:
        return load_book(root, as_of=PINNED_DATE, environ={})
    except ContentError as error:
        assert "\n" not in str(error), "a content error is one line"
        assert "position.md" in str(error) or "experience" in str(error)
        return error


@EXAMPLES
@given(hostile_text)
@example("---\n---\n")  # empty front matter
@example("\ufeff---\r\ncompany: x\r\n---\r\n")  # BOM and CRLF
@example("---\nstart: 2021-08\nstart: 2021-09\n---\n")  # a key twice
@example("---\n\tcompany: x\n---\n")  # a tab
@example("---\n[1, 2\n---\n")  # broken YAML
@example("---\n!!python/object:os.system x\n---\n")  # an unsafe tag
def test_any_text_loads_or_is_a_content_error(root: Path, text: str) -> None:
    load_or_content_error(root, text.encode("utf-8", "surrogatepass"))


@EXAMPLES
@given(st.binary(max_size=300))
@example(b"---\ncompany: Caf\xe9\n---\n")
def test_any_bytes_load_or_are_a_content_error(root: Path, data: bytes) -> None:
    load_or_content_error(root, data)


@EXAMPLES
@given(
    st.dictionaries(keys, values, max_size=10), st.dictionaries(st.sampled_from(POSITION_KEYS), hostile_text)
)
@example({}, {"company": "NDA </script><script>alert(1)</script> & <b>Agency</b>"})
@example({}, {"role": "Tech Lead </script><img src=x onerror=alert(2)>", "stack": "not a list"})
def test_any_mapping_loads_or_is_a_content_error(root: Path, extra: dict, hostile: dict) -> None:
    facts = {**position("Co", "Role", "2021-08", "present"), "stack": ["Go"], **extra, **hostile}
    try:
        text = front_matter(facts)
    except yaml.YAMLError:
        return  # not representable as YAML: nothing an owner could write
    result = load_or_content_error(root, text.encode("utf-8", "surrogatepass"))
    if isinstance(result, Book):
        (page,) = result.positions
        assert page.position.company == str(facts["company"]).strip()


# --- every renderer keeps facts as text ---------------------------------------------

# Text an owner could type: no control characters (YAML refuses most of them anyway).
typed_text = (
    st.text(
        alphabet=st.sampled_from("<>&\"'`#[]{}$*_\\|:-!%@~^=+;,/ \u200f\u202e\u0301🙂ЖΩ")
        | st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=200,
    )
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)


def hostile_book(root: Path, company: str, role: str, headline: str, skill: str) -> Book:
    (root / "intro.md").write_text(
        front_matter(
            {**PROFILE, "headline": headline, "skills": {"Group": [skill]}}, "## In short\n\nSummary.\n"
        ),
        encoding="utf-8",
    )
    facts = {**position(company, role, "2021-08", "present"), "stack": [skill]}
    (root / "experience" / "position.md").write_text(
        front_matter(facts, "- **A lead.** Detail.\n"), encoding="utf-8"
    )
    return load_book(root, as_of=PINNED_DATE, environ={})


@EXAMPLES
@given(typed_text, typed_text, typed_text, typed_text)
@example("NDA </script><script>alert(1)</script> & <b>Agency</b>", "R&D <Labs>",
         "Tech Lead </script><img src=x onerror=alert(2)>", "#let x = 1 *bold* $math$")  # fmt: skip
def test_json_outputs_give_back_the_same_text(
    renderer_root: Path, company: str, role: str, headline: str, skill: str
) -> None:
    import json

    from lxml import html as lxml_html

    from cvbook.render import jsonld, resume_json

    book = hostile_book(renderer_root, company, role, headline, skill)
    resume = json.loads(resume_json.render(book))
    assert (resume["work"][0]["name"], resume["work"][0]["position"], resume["basics"]["label"]) == (
        company, role, headline
    )  # fmt: skip
    tag = jsonld.script_tag(book, book.as_of)
    (script,) = lxml_html.fragment_fromstring(tag, create_parent="div").xpath("//script")
    assert "</script" not in script.text.lower()
    person = json.loads(script.text)["mainEntity"]
    assert (person["jobTitle"], person["knowsAbout"]) == (headline, [skill])
