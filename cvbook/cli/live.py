"""`make live`: the book rebuilt on every save and reloaded in the browser.

    python -m cvbook live [--port 8000] [BOOK]

sphinx-autobuild serves the build on http://127.0.0.1:PORT/ and rebuilds when a page,
a front-matter fact, a notebook, _config.yml or the package changes; the page in the
browser reloads by itself. Each rebuild is `python -m cvbook build`'s, with the very same
arguments (``build.sphinx_arguments``): Sphinx on the book's conf.py (Jupyter Book's
settings from _config.yml), strictly, into _build/html and its doctrees. So the preview is
the site `make book` publishes, in the same folder, and each command finds the other's cache.

A build that fails, say on a content mistake, prints its one-line error; the server
keeps serving the last good pages and recovers on the next save that fixes it.
"""

from __future__ import annotations

import argparse
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

from ..content.errors import ContentError
from ..content.loader import find_root
from .build import sphinx_arguments

# Not the book's sources: build output, caches, editors' files.
HOST = "127.0.0.1"
IGNORED = ("_build", "mutants", "node_modules")
IGNORED_PATTERNS = (r"__pycache__", r"~$", r"\.sw.$")


def command(root: Path, port: int) -> list[str]:
    """The sphinx-autobuild command line for the book at ``root``."""
    from ..site.extension import environments  # Sphinx's side: imported only to serve

    ignored = [*IGNORED, *environments(root)]
    ignores = [arg for path in ignored for arg in ("--ignore", str(root / path))]
    # Any hidden file or folder inside the book (.venv, .tox, .git, .ipynb_checkpoints).
    hidden = rf"^{re.escape(str(root))}/(.*/)?\.[^/]+"
    ignores += [arg for pattern in (hidden, *IGNORED_PATTERNS) for arg in ("--re-ignore", pattern)]
    return [
        sys.executable, "-m", "sphinx_autobuild", *sphinx_arguments(root),
        # The server appends a reload script to every page; the pages' policy allows it by hash.
        "-D", f"cvbook_live_reload={HOST}:{port}",
        "--host", HOST, "--port", str(port), *ignores,
    ]  # fmt: skip


def free_port() -> int:
    """A port nobody listens on now: the reload script names the port, so it is chosen here."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cvbook live", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port (default: 8000)")
    parser.add_argument("book", nargs="?", type=Path, help="the book's folder (default: found from here)")
    args = parser.parse_args(argv)
    try:
        root = find_root(args.book)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    # Ctrl+C (SIGINT) or SIGTERM: stop the server with us.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    server = subprocess.Popen(command(root, args.port or free_port()), cwd=root)
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        server.wait()
        return 0


if __name__ == "__main__":
    sys.exit(main())
