"""YAML read strictly: a key given twice is an error, and every problem is one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that a key given twice is an error instead of "the last one wins"."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
            line = key_node.start_mark.line
            try:
                duplicate = key in seen
            except TypeError:  # a list or mapping as a key: PyYAML's own check below refuses it
                continue
            if duplicate:
                raise _DuplicateKey(key, seen[key], line)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, first_line: int, second_line: int) -> None:
        self.key, self.first_line, self.second_line = key, first_line, second_line


def parse_yaml(text: str, path: Path, first_line: int = 1, what: str = "front matter") -> Any:
    """YAML to Python, with duplicate keys and syntax errors as one-line ContentErrors.

    ``first_line`` is the file's line number of ``text``'s first line, so that messages
    point into the file rather than into the snippet.
    """
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except _DuplicateKey as duplicate:
        lines = f"lines {duplicate.first_line + first_line} and {duplicate.second_line + first_line}"
        raise ContentError(path, str(duplicate.key), f"key given twice ({lines}); keep one") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + first_line}" if mark else ""
        problem = getattr(error, "problem", None) or "syntax error"
        if mark is not None and "\t" in _line(text, mark.line):
            problem = "a tab where YAML needs spaces; indent with spaces"
        raise ContentError(path, None, f"{what} is not valid YAML{where}: {problem}") from None


def _line(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""
