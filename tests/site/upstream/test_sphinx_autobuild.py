"""cvbook.site.upstream.sphinx_autobuild: the preview's reload script, allowed by its hash."""

from __future__ import annotations

import re

import pytest
from sphinx_autobuild.middleware import JavascriptInjectorMiddleware

from cvbook.site.head import content_security_policy, csp_hash
from cvbook.site.upstream import UpstreamChanged, require
from cvbook.site.upstream import sphinx_autobuild as upstream


def test_the_installed_sphinx_autobuild_is_the_tested_one() -> None:
    require("sphinx-autobuild", upstream.TESTED, "sphinx_autobuild")


def test_a_version_outside_the_range_is_one_clear_error() -> None:
    with pytest.raises(UpstreamChanged, match="sphinx_autobuild"):
        require("sphinx-autobuild", "<2000", "sphinx_autobuild")


def test_the_script_is_what_the_server_appends_to_a_page() -> None:
    """The middleware's bytes hold exactly one inline script, the text hashed in the policy."""
    appended = JavascriptInjectorMiddleware(app=None, ws_url="127.0.0.1:8123").script.decode()  # type: ignore[arg-type]
    (inline,) = re.findall(r"<script>(.*?)</script>", appended, re.DOTALL)
    assert inline == upstream.reload_script("127.0.0.1:8123")
    assert "127.0.0.1:8123" in inline


def test_only_a_preview_allows_it() -> None:
    reload = upstream.reload_script("127.0.0.1:8123")
    assert csp_hash(reload) in content_security_policy([], [reload])
    assert csp_hash(reload) not in content_security_policy([])
