"""card.png: the picture a link preview shows (og:image), drawn at build time from the facts.

1200×630, the size OpenGraph and most networks crop least. Typst renders it offline
with its built-in fonts (``templates/card.typ``), so the same facts give the same
bytes on any machine. The facts reach Typst as JSON in ``sys.inputs``, never as markup.
"""

from __future__ import annotations

import io
import json
from importlib.resources import files

import typst
from PIL import Image

from ..content.files import read_text
from ..content.settings import CONFIG
from ..content.strict_yaml import parse_yaml
from ..model.book import Book
from .cv_pdf import without_scheme

TEMPLATE = files(__package__) / "templates" / "card.typ"
FILE_NAME = "card.png"
PIXELS_PER_POINT = 72  # the template's page is 1200×630 pt: one pixel a point
# Four flat colours and their anti-aliased edges: a 64-colour palette looks the same
# as Typst's full-colour PNG at about half the bytes.
PALETTE_COLOURS = 64


def render(book: Book) -> bytes:
    """The card as PNG bytes (the artefact registry's signature, see cvbook.site.extension)."""
    data = {
        "title": site_title(book),
        "name": book.profile.name,
        "headline": book.profile.headline,
        "address": book.site_url and without_scheme(book.site_url),
    }
    png = typst.compile(
        TEMPLATE.read_bytes(),
        format="png",
        ppi=PIXELS_PER_POINT,
        ignore_system_fonts=True,
        sys_inputs={"card": json.dumps(data, ensure_ascii=False)},
    )
    return _palette_png(png)


def _palette_png(png: bytes) -> bytes:
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(PALETTE_COLOURS)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def site_title(book: Book) -> str:
    """The site's title from _config.yml (``title:``), as the pages show it; the name without one."""
    path = book.root / CONFIG
    config = parse_yaml(read_text(path), path)
    title = config.get("title") if isinstance(config, dict) else None
    return str(title) if title else book.profile.name
