"""sphinx-autobuild's reload script, which the site's Content-Security-Policy must name.

`make live` serves each page with a small inline script appended (its
``JavascriptInjectorMiddleware``) that opens a WebSocket to the server and reloads the page
when a build ends. The pages allow inline scripts by their SHA-256 hashes only, so the
preview build (``cvbook_live_reload``, set by `python -m cvbook live`) adds the hash of
exactly that script, computed from sphinx-autobuild's own function for the server's
address. A published build sets nothing and allows nothing more.
"""

from __future__ import annotations

import re

from sphinx_autobuild.middleware import web_socket_script

from . import require

TESTED = "==2025.8.25"
_SCRIPT = re.compile(r"<script>(.*)</script>", re.DOTALL)


def reload_script(address: str) -> str:
    """The text of the inline script sphinx-autobuild serves for ``address`` (host:port)."""
    require("sphinx-autobuild", TESTED, "sphinx_autobuild")
    match = _SCRIPT.search(web_socket_script(address))
    if match is None:
        raise ValueError("sphinx-autobuild's reload snippet has no <script> element")
    return match[1]
