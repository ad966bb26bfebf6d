"""The system Chromium, launched the same way by the book PDF, the tests and the audit.

Playwright's own browser download needs the internet; Debian's ``chromium`` package
works offline. ``$CHROMIUM`` overrides the path.
"""

from __future__ import annotations

import os
import shutil

# Known to work headless here, as root and offline: without the background-networking
# flags Chromium keeps dialling Google hosts that the sandbox refuses.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def system_chromium() -> str | None:
    """``$CHROMIUM`` if set, else ``chromium`` on PATH, else None."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium")
