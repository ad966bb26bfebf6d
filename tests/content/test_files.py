"""Content files as text (cvbook.content.files): decoding, and front matter apart from the body.

Every unreadable file is one ContentError naming it; a file saved on Windows (byte-order
mark, CRLF) reads as if it had been saved plainly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cvbook.content.errors import ContentError
from cvbook.content.files import front_matter_parts, read_text, split_front_matter

VALID_TEXT = "---\ncompany: Example Co\nstack:\n  - Go\n---\n\n- **A lead.** Detail.\n"


def written(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "page.md"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        pytest.param("---\na: 1\n---\nbody\n", ("a: 1", "body\n"), id="front-matter-and-body"),
        pytest.param("---\n---\nbody\n", ("", "body\n"), id="empty-front-matter"),
        pytest.param("---\na: 1\n---\n", ("a: 1", ""), id="no-body"),
        pytest.param("---\na: 1\n---\nx\n---\ny\n", ("a: 1", "x\n---\ny\n"), id="a-rule-in-the-body"),
        pytest.param("body only\n", None, id="no-front-matter"),
        pytest.param("---\na: 1\n", None, id="unclosed"),
        pytest.param(" ---\na: 1\n---\n", None, id="fence-not-at-the-top"),
    ],
)
def test_front_matter_parts(text: str, parts: tuple[str, str] | None) -> None:
    assert front_matter_parts(text) == parts


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "the file is empty", id="empty-file"),
        pytest.param(b"   \n\n", "the file is empty", id="blank-file"),
        pytest.param(b"no front matter\n", "expected YAML front matter between '---' lines at the top", id="no-front-matter"),
        pytest.param(b"---\ncompany: x\n", "front matter has no closing '---' line", id="unclosed"),
        pytest.param(b"---\ncompany: [unclosed\n---\n", "front matter is not valid YAML at line", id="bad-yaml"),
        pytest.param(b"---\n- a list\n---\n", "front matter is a list; expected a mapping of keys to values", id="a-list"),
        pytest.param(b"---\njust words\n---\n", "front matter is a single value; expected a mapping", id="a-scalar"),
        pytest.param(b"---\ncompany: x\nstack:\n\t- Go\n---\n", "at line 4: a tab where YAML needs spaces", id="tab-indent"),
        pytest.param(b"---\ncompany: Caf\xe9\n---\n", "not UTF-8: byte 16 (0xe9) cannot be decoded", id="latin-1"),
        pytest.param(b"---\nstart: 2021-08\nrole: x\nstart: 2024-01\n---\n", "start: key given twice (lines 2 and 4); keep one",
                     id="duplicate-key"),
    ],
)  # fmt: skip
def test_an_unreadable_file_is_one_line_naming_it(tmp_path: Path, data: bytes, message: str) -> None:
    path = written(tmp_path, data)
    with pytest.raises(ContentError) as caught:
        split_front_matter(path)
    assert caught.value.path == path
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="file not found"):
        read_text(tmp_path / "missing.md")


def test_empty_front_matter_is_an_empty_mapping(tmp_path: Path) -> None:
    assert split_front_matter(written(tmp_path, b"---\n---\nThe body.\n")) == ({}, "The body.\n")


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode(), id="plain"),
        pytest.param(lambda text: b"\xef\xbb\xbf" + text.encode(), id="byte-order-mark"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(lambda text: text.replace("\n", "\r").encode(), id="old-mac-cr"),
        pytest.param(lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(), id="bom-and-crlf"),
    ],
)
def test_windows_files_read_as_if_saved_plainly(tmp_path: Path, encode: Callable[[str], bytes]) -> None:
    path = written(tmp_path, encode(VALID_TEXT))
    assert read_text(path) == VALID_TEXT
    assert split_front_matter(path) == (
        {"company": "Example Co", "stack": ["Go"]},
        "\n- **A lead.** Detail.\n",
    )
