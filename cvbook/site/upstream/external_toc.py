"""sphinx-external-toc, where no setting reaches: the order of a globbed toctree.

_toc.yml takes the positions with a glob (``experience/*``), so a new position is one new
file with nothing to register; the extension lists a glob's pages sorted by name, and
_toc.yml has no other order. ``order_entries`` re-ranks the matched pages in every toctree
of a page, on doctree-read before Sphinx records the toctree (its collector runs at
priority 500), so the Experience page's list, prev/next and the parents all follow it.
"""

from __future__ import annotations

from collections.abc import Mapping

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from . import require

TESTED = ">=1.1.0,<1.2"
# doctree-read: after sphinx-external-toc's transform put the toctrees in, before Sphinx's
# TocTreeCollector (priority 500) records them.
PRIORITY = 400


def setup(app: Sphinx) -> None:
    require("sphinx-external-toc", TESTED, "external_toc")


def order_entries(doctree: nodes.document, rank: Mapping[str, int]) -> None:
    """In each toctree of ``doctree``, the entries whose docname ``rank`` holds, in its order.

    The others keep their places; the ranked ones take the slots the ranked ones held.
    """
    for toctree in doctree.findall(addnodes.toctree):
        entries = toctree["entries"]
        slots = [index for index, (_, docname) in enumerate(entries) if docname in rank]
        ranked = sorted((entries[index] for index in slots), key=lambda entry: rank[entry[1]])
        for index, entry in zip(slots, ranked, strict=True):
            entries[index] = entry
        toctree["includefiles"] = [docname for _, docname in entries if docname]
