"""Content files as text: decoding, and front matter apart from the body."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import ContentError
from .strict_yaml import parse_yaml

FENCE = "---\n"  # opens and closes front matter


def front_matter_parts(text: str) -> tuple[str, str] | None:
    """``(YAML between the '---' lines, body after them)``, or None without front matter."""
    if not text.startswith(FENCE):
        return None
    rest = text[len(FENCE) :]
    if rest.startswith(FENCE):  # empty front matter
        return "", rest[len(FENCE) :]
    head, separator, body = rest.partition(f"\n{FENCE}")
    return (head, body) if separator else None


def read_text(path: Path) -> str:
    """A content file as text: UTF-8, with a byte-order mark and CRLF line ends read as if absent."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ContentError(path, None, "file not found") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(
            path,
            None,
            f"not UTF-8: byte {error.start} (0x{data[error.start]:02x}) cannot be decoded; save it as UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(path: Path) -> tuple[dict[str, Any], str]:
    """``(front matter as a dict, body)`` of a Markdown file."""
    text = read_text(path)
    if not text.strip():
        raise ContentError(path, None, "the file is empty; expected YAML front matter between '---' lines")
    if not text.startswith(FENCE):
        raise ContentError(path, None, "expected YAML front matter between '---' lines at the top")
    parts = front_matter_parts(text)
    if parts is None:
        raise ContentError(path, None, "front matter has no closing '---' line")
    head, body = parts
    data = parse_yaml(head, path, first_line=2)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise ContentError(path, None, f"front matter is {kind}; expected a mapping of keys to values")
    return data, body
