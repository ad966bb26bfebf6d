"""card.png: the link preview drawn from the facts (cvbook.render.card), checked as an image."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from cvbook.content.loader import load_book
from cvbook.render import card
from synthetic import PINNED_DATE, PROFILE, make_book

MAX_BYTES = 60 * 1024  # a preview is fetched by every chat and network that shows the link


@pytest.mark.parametrize(
    "profile",
    [
        PROFILE,
        {**PROFILE, "name": "NDA </script> & <b>Agency</b>", "headline": "#let x = 1 *bold* $m$ _u_"},
        {**PROFILE, "name": "Long " * 40, "headline": "Verylong" * 25},
    ],
    ids=["synthetic", "markup-shaped", "long"],
)
def test_a_small_1200x630_png_for_any_facts(tmp_path: Path, profile: dict) -> None:
    book = load_book(make_book(tmp_path / "book", profile=profile), as_of=PINNED_DATE, environ={})
    data = card.render(book)
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert len(data) < MAX_BYTES, f"{len(data) / 1024:.1f} KiB"
    assert data == card.render(book), "not reproducible"


@pytest.mark.build
def test_every_build_publishes_the_card(synthetic_site: Path) -> None:
    image = Image.open(synthetic_site / "card.png")
    assert (image.format, image.size) == ("PNG", (1200, 630))


@pytest.mark.build
def test_the_build_writes_card_png(synthetic_site: Path) -> None:
    assert Image.open(synthetic_site / "card.png").size == (1200, 630)
