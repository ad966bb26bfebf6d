"""cvbook.site.upstream.jupyter_book: Jupyter Book's settings as a conf.py, and what it passes."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
import yaml

from cvbook.site.upstream import UpstreamChanged, require
from cvbook.site.upstream import jupyter_book as upstream

REPO = Path(__file__).resolve().parents[3]


def test_the_installed_jupyter_book_is_the_tested_one() -> None:
    require("jupyter-book", upstream.TESTED, "jupyter_book")


def test_a_version_outside_the_range_is_one_clear_error() -> None:
    with pytest.raises(UpstreamChanged, match="jupyter_book"):
        require("jupyter-book", ">=2", "jupyter_book")


def test_the_settings_are_the_config_files_without_jupyter_books_theme_options() -> None:
    """recursive_update: false in _config.yml: the theme gets its own options, nothing else."""
    config = upstream.sphinx_config(REPO)
    yaml_config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]
    assert config["html_theme_options"] == yaml_config["html_theme_options"]
    # Jupyter Book appends its own two (LaTeX, multi-toc numbering) whatever the config says.
    assert config["extensions"][: len(yaml_config["extensions"])] == yaml_config["extensions"]
    assert "sphinx_comments" not in config["extensions"]


def test_jupyter_book_still_passes_comments_config() -> None:
    """The reason for the declaration in setup: when this fails, drop the declaration."""
    assert "comments_config" in upstream.sphinx_config(REPO)


def test_the_committed_conf_py_is_these_settings() -> None:
    settings = runpy.run_path(str(REPO / "conf.py"))
    expected = upstream.sphinx_config(REPO)
    assert {key: settings[key] for key in expected} == expected
