"""`make live`: the book rebuilt on every save and reloaded in the browser.

    python -m cvbook live [--port 8000] [BOOK]

sphinx-autobuild serves the build on http://127.0.0.1:PORT/ and rebuilds when a page,
a front-matter fact, a notebook, _config.yml or the package changes; the page in the
browser reloads by itself. It drives plain Sphinx, so Jupyter Book's settings are
written as a conf.py beside _config.yml before each build (``jupyter-book config
sphinx``, regenerated so that an edit to _config.yml counts too) and removed on exit.

A build that fails, say on a content mistake, prints its one-line error; the server
keeps serving the last good pages and recovers on the next save that fixes it.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
from pathlib import Path

from ..content.errors import ContentError
from ..content.loader import find_root
from .build import STRICT_FLAGS

OUTPUT = Path("_build") / "live"  # beside, not over, `make book`'s _build/html
# Not the book's sources: build output, environments, caches, the generated conf.py.
IGNORED = ("_build", ".venv-lab", ".hypothesis", "conf.py")
IGNORED_PATTERNS = (r"\.ipynb_checkpoints", r"__pycache__", r"\.jupyter_cache", r"~$", r"\.sw.$")


def command(root: Path, port: int) -> list[str]:
    """The sphinx-autobuild command line for the book at ``root``."""
    bin_dir = Path(sys.executable).parent
    write_conf = f"{bin_dir / 'jupyter-book'} config sphinx {root}"
    ignores = [arg for path in IGNORED for arg in ("--ignore", str(root / path))]
    ignores += [arg for pattern in IGNORED_PATTERNS for arg in ("--re-ignore", pattern)]
    output = root / OUTPUT
    return [
        sys.executable, "-m", "sphinx_autobuild", str(root), str(output / "html"),
        "-d", str(output / "doctrees"), *STRICT_FLAGS,
        "--host", "127.0.0.1", "--port", str(port), "--pre-build", write_conf, *ignores,
    ]  # fmt: skip


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
    # Ctrl+C (SIGINT) or SIGTERM: stop the server with us, then tidy up.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    server = subprocess.Popen(command(root, args.port), cwd=root)
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        server.wait()
        return 0
    finally:
        (root / "conf.py").unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
