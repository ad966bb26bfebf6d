"""cvbook.site.upstream.external_toc: a glob in _toc.yml lists pages by name, and
order_entries re-ranks them in the toctree Sphinx records."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.application import Sphinx

from cvbook.site.upstream import UpstreamChanged, require
from cvbook.site.upstream import external_toc as upstream

RANK = {"items/c": 0, "items/a": 1, "items/b": 2}  # "by date": c, a, b


def test_the_installed_external_toc_is_the_tested_one() -> None:
    require("sphinx-external-toc", upstream.TESTED, "external_toc")


def test_a_version_outside_the_range_is_one_clear_error() -> None:
    with pytest.raises(UpstreamChanged, match="external_toc"):
        require("sphinx-external-toc", "<1", "external_toc")


def build(tmp_path: Path, ranked: bool) -> list[str]:
    """A tiny book whose toc globs items/*; the order Sphinx recorded for them."""
    source = tmp_path / ("ranked" if ranked else "plain")
    (source / "items").mkdir(parents=True)
    (source / "index.rst").write_text("Home\n====\n", encoding="utf-8")
    for name in "abc":
        (source / "items" / f"{name}.rst").write_text(f"{name.upper()}\n=\n", encoding="utf-8")
    (source / "_toc.yml").write_text(
        "root: index\nsubtrees:\n  - entries:\n      - glob: items/*\n", encoding="utf-8"
    )
    (source / "conf.py").write_text("extensions = ['sphinx_external_toc']\n", encoding="utf-8")
    app = Sphinx(str(source), str(source), str(source / "_build"), str(source / "_build" / ".doctrees"),
                 "html", status=None, warning=None, freshenv=True)  # fmt: skip
    if ranked:
        app.connect(
            "doctree-read", lambda app, doctree: upstream.order_entries(doctree, RANK), upstream.PRIORITY
        )
    app.build()
    return app.env.toctree_includes["index"]


def test_a_glob_lists_by_name_and_order_entries_reranks(tmp_path: Path) -> None:
    assert build(tmp_path, ranked=False) == ["items/a", "items/b", "items/c"]
    assert build(tmp_path, ranked=True) == ["items/c", "items/a", "items/b"]
