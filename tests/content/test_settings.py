"""Where the book lives (cvbook.content.settings): _config.yml's addresses, or the environment's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from cvbook.content.errors import ContentError
from cvbook.content.settings import load_settings, load_site_url


def book(tmp_path: Path, config: dict[str, Any] | str) -> Path:
    text = config if isinstance(config, str) else yaml.safe_dump(config)
    (tmp_path / "_config.yml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("baseurl", "environ", "expected"),
    [
        pytest.param("", {}, None, id="unset"),
        pytest.param(None, {}, None, id="null"),
        pytest.param("https://example.org/cv", {}, "https://example.org/cv/", id="config-gains-a-slash"),
        pytest.param("https://example.org/cv/", {}, "https://example.org/cv/", id="config-with-slash"),
        pytest.param("http://localhost:8000", {}, "http://localhost:8000/", id="plain-http"),
        pytest.param("https://example.org/cv/", {"SITE_URL": "https://other.example/"}, "https://other.example/",
                     id="environment-wins"),
        pytest.param("", {"SITE_URL": " https://other.example "}, "https://other.example/", id="environment-stripped"),
        pytest.param("", {"SITE_URL": "  "}, None, id="blank-environment-is-unset"),
    ],
)  # fmt: skip
def test_site_url(tmp_path: Path, baseurl: str | None, environ: dict, expected: str | None) -> None:
    root = book(tmp_path, {"html": {"baseurl": baseurl}})
    assert load_settings(root, environ).site_url == expected
    assert load_site_url(root, environ) == expected


@pytest.mark.parametrize(
    ("config", "environ", "expected"),
    [
        pytest.param("", {}, None, id="unset"),
        pytest.param("https://github.com/a/cv/", {}, "https://github.com/a/cv", id="config-loses-its-slash"),
        pytest.param("", {"REPOSITORY_URL": "https://github.com/b/cv"}, "https://github.com/b/cv", id="environment"),
        pytest.param("https://github.com/a/cv", {"REPOSITORY_URL": "https://github.com/b/cv"},
                     "https://github.com/b/cv", id="environment-wins"),
    ],
)  # fmt: skip
def test_repository_url(tmp_path: Path, config: str, environ: dict, expected: str | None) -> None:
    assert load_settings(book(tmp_path, {"repository": {"url": config}}), environ).repository_url == expected


@pytest.mark.parametrize(
    ("config", "environ", "message"),
    [
        pytest.param({"html": {"baseurl": "example.org"}}, {}, "_config.yml: html.baseurl: expected an absolute http(s) URL",
                     id="no-scheme"),
        pytest.param({"html": {"baseurl": "https://"}}, {}, "html.baseurl: expected an absolute", id="scheme-only"),
        pytest.param({"html": {"baseurl": 42}}, {}, "html.baseurl: expected an absolute http(s) URL, got 42", id="a-number"),
        pytest.param({}, {"SITE_URL": "ftp://example.org"}, "SITE_URL: environment variable: expected an absolute",
                     id="environment"),
        pytest.param({"repository": {"url": "github.com/x"}}, {}, "repository.url: expected an absolute", id="repository"),
        pytest.param({}, {"REPOSITORY_URL": "x"}, "REPOSITORY_URL: environment variable: expected", id="repository-env"),
    ],
)  # fmt: skip
def test_a_bad_address_is_one_line(tmp_path: Path, config: dict, environ: dict, message: str) -> None:
    with pytest.raises(ContentError) as caught:
        load_settings(book(tmp_path, config), environ)
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("config", ["", "just words\n", "html: not a mapping\n", "- a list\n"])
def test_a_config_without_the_settings_means_none_set(tmp_path: Path, config: str) -> None:
    settings = load_settings(book(tmp_path, config), {})
    assert (settings.site_url, settings.repository_url) == (None, None)


def test_a_broken_config_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_settings(book(tmp_path, "html: [unclosed\n"), {})
    assert str(caught.value).endswith(
        "_config.yml: the file is not valid YAML at line 2: expected ',' or ']', but got '<stream end>'"
    )
