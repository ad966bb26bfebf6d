"""What only the owner can say about where the book lives: _config.yml, or the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ..model.book import Settings
from .errors import ContentError
from .files import read_text
from .strict_yaml import parse_yaml

CONFIG = "_config.yml"
SITE_URL_VARIABLE = "SITE_URL"
REPOSITORY_URL_VARIABLE = "REPOSITORY_URL"


def load_settings(root: Path, environ: Mapping[str, str]) -> Settings:
    """The site's address (SITE_URL, else ``html.baseurl`` in _config.yml) and the repository's
    (REPOSITORY_URL, else ``repository.url``) with its ``repository.branch``: the environment wins, so a deployment can say
    where it publishes without an edit to the config."""
    path = root / CONFIG
    config = parse_yaml(read_text(path), path, what="the file")
    config = config if isinstance(config, dict) else {}
    html = config.get("html") if isinstance(config.get("html"), dict) else {}
    repository = config.get("repository") if isinstance(config.get("repository"), dict) else {}
    from_environment = environ.get(SITE_URL_VARIABLE, "").strip()
    if from_environment:
        site_url = _absolute_url(from_environment, SITE_URL_VARIABLE, "environment variable")
    else:
        site_url = _absolute_url(html.get("baseurl"), path, "html.baseurl")
    from_environment = environ.get(REPOSITORY_URL_VARIABLE, "").strip()
    if from_environment:
        repository_url = _absolute_url(from_environment, REPOSITORY_URL_VARIABLE, "environment variable")
    else:
        repository_url = _absolute_url(repository.get("url"), path, "repository.url")
    branch = repository.get("branch")
    branch = branch.strip() if isinstance(branch, str) and branch.strip() else None
    return Settings(site_url, repository_url and repository_url.rstrip("/"), branch)


def _absolute_url(value: object, where: Path | str, field: str) -> str | None:
    """``value`` as an absolute http(s) URL ending in "/", or None when empty."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not value.startswith(("https://", "http://")) or "://" == value[-3:]:
        raise ContentError(where, field, f"expected an absolute http(s) URL, got {value!r}")
    # Relative links are joined onto it, which drops its last segment unless it ends in "/".
    return value.rstrip("/") + "/"


def load_site_url(root: Path, environ: Mapping[str, str] | None = None) -> str | None:
    """The published site's address ending in "/", or None when the owner has not set one."""
    return load_settings(root, os.environ if environ is None else environ).site_url
