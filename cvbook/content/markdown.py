"""Plain text pulled out of page bodies, so that prose is written once.

The CV and resume.json reuse what the pages say: the intro's "In short" paragraphs
and, per position, each bullet of its story in short form: the bold lead and the
sentence that follows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model.book import Bullet

_PARSER = MarkdownIt("commonmark")


def _plain(children: Iterable[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def section_paragraphs(body: str, heading: str) -> list[str]:
    """The paragraphs directly under the heading titled ``heading``, as plain text."""
    tokens = _PARSER.parse(body)
    paragraphs: list[str] = []
    level = None
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            title = tokens[index + 1].content.strip()
            if level is not None and int(token.tag[1]) <= level:
                break
            if title == heading:
                level = int(token.tag[1])
        elif level is not None and token.type == "paragraph_open" and token.level == 0:
            paragraphs.append(_plain(tokens[index + 1].children or []))
    return paragraphs


# A sentence ends at . ! or ? (maybe closed by a quote or bracket) before a space and a capital.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"“(]?[A-Z])")


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip()


def bullets(body: str) -> list[Bullet]:
    """Each top-level bullet that opens in bold: ``- **Rewrote the MMP.** Details…``."""
    tokens = _PARSER.parse(body)
    found = []
    for index, token in enumerate(tokens):
        if token.type == "inline" and token.level == 3 and tokens[index - 2].type == "list_item_open":
            # markdown-it opens an inline that starts with markup with an empty text token.
            children = [child for child in token.children or [] if child.type != "text" or child.content]
            if children and children[0].type == "strong_open":
                closing = next(i for i, c in enumerate(children) if c.type == "strong_close")
                lead = _plain(children[1:closing]).rstrip(".")
                found.append(Bullet(lead, first_sentence(_plain(children[closing + 1 :]))))
    return found
