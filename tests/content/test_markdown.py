"""Plain text from page bodies (cvbook.content.markdown)."""

from __future__ import annotations

import pytest

from cvbook.content.markdown import bullets, section_paragraphs


@pytest.mark.parametrize(
    ("body", "leads"),
    [
        ("- **Rewrote it.** Details.\n- **Built `x`.** More.\n", ["Rewrote it", "Built x"]),
        ("- plain bullet\n- **Bold later.** Text\n", ["Bold later"]),
        ("- text with **bold** inside\n", []),
        ("Paragraph **bold.**\n", []),
        ("- **Outer.** x\n  - **Nested.** y\n", ["Outer"]),
        ("1. **Numbered.** x\n", ["Numbered"]),
    ],
)
def test_bullet_leads(body: str, leads: list[str]) -> None:
    assert [bullet.lead for bullet in bullets(body)] == leads


BODY = """
## In short

First paragraph
over two lines.

Second with `code`.

### Sub

Not a direct paragraph? It is under a deeper heading, so it is included.

## Skills

Elsewhere.
"""


def test_section_paragraphs_stop_at_the_next_heading_of_the_same_level() -> None:
    assert section_paragraphs(BODY, "In short") == [
        "First paragraph over two lines.",
        "Second with code.",
        "Not a direct paragraph? It is under a deeper heading, so it is included.",
    ]
    assert section_paragraphs(BODY, "Skills") == ["Elsewhere."]
    assert section_paragraphs(BODY, "Missing") == []
