"""The build's notion of "today".

The as-of date is read here and only here, then passed down explicitly, so every
calculation is a pure function of its inputs and tests can pin any date.
It follows the reproducible-builds convention: ``SOURCE_DATE_EPOCH`` (seconds since
1970-01-01 UTC) when set, else the real current date in UTC.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from .errors import ContentError

ENV_VAR = "SOURCE_DATE_EPOCH"


def as_of_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """The date the build describes: SOURCE_DATE_EPOCH's UTC date, else today (UTC)."""
    environ = os.environ if environ is None else environ
    raw = environ.get(ENV_VAR, "").strip()
    if not raw:
        return dt.datetime.now(dt.UTC).date()
    try:
        seconds = int(raw)
    except ValueError:
        raise ContentError(
            ENV_VAR, None, f"expected whole seconds since 1970-01-01 UTC, got {raw!r}"
        ) from None
    return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
