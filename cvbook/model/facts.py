"""Validated content: the owner's profile (intro.md) and positions (experience/*.md).

Pydantic models with ``extra="forbid"`` so that a typo in a front-matter key fails
loudly instead of being ignored. Validation problems surface as a ContentError
naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

from .months import first_of_next_month, format_month, parse_month

NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
PRESENT = "present"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Position(_Strict):
    """One position, from the front matter of one experience page."""

    company: NonEmptyStr
    role: NonEmptyStr
    team: NonEmptyStr | None = Field(None, description="The team or product, shown after the role.")
    start: dt.date = Field(description="YYYY-MM; the position starts on the 1st of that month.")
    end: dt.date | None = Field(description="YYYY-MM, or 'present' (stored as None).")
    mode: Literal["office", "remote"]
    stack: list[NonEmptyStr] = Field(min_length=1)
    description: NonEmptyStr | None = Field(
        None, description="One line for search engines and link previews."
    )

    @field_validator("start", mode="before")
    @classmethod
    def _parse_start(cls, value: object) -> dt.date:
        return _month(value)

    @field_validator("end", mode="before")
    @classmethod
    def _parse_end(cls, value: object) -> dt.date | None:
        if value == PRESENT:
            return None
        return _month(value, allow_present=True)

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("start")
        if value is not None and start is not None and value < start:
            raise ValueError(f"{format_month(value)} is before start {format_month(start)}")
        return value

    @property
    def is_current(self) -> bool:
        return self.end is None

    @property
    def end_exclusive(self) -> dt.date | None:
        """The first day after the position, or None while it is current."""
        return None if self.end is None else first_of_next_month(self.end)

    def period_label(self) -> str:
        """``2021-08 – 2023-05`` or ``2025-09 – present``."""
        end = PRESENT if self.end is None else format_month(self.end)
        return f"{format_month(self.start)} – {end}"


def _month(value: object, allow_present: bool = False) -> dt.date:
    if isinstance(value, str):
        try:
            return parse_month(value.strip())
        except ValueError:
            pass
    hint = " or 'present'" if allow_present else ""
    raise ValueError(f"expected a month as YYYY-MM (like 2021-08){hint}, got {value!r}")


class Location(_Strict):
    """Where the owner is, as JSON Resume names it."""

    city: NonEmptyStr | None = None
    countryCode: NonEmptyStr | None = Field(None, description="ISO 3166-1 alpha-2, like DE.")

    @field_validator("countryCode")
    @classmethod
    def _two_letters(cls, value: str | None) -> str | None:
        if value is not None and not (len(value) == 2 and value.isascii() and value.isalpha()):
            raise ValueError(f"expected a two-letter country code (ISO 3166-1, like DE), got {value!r}")
        return value and value.upper()


class ProfileLink(_Strict):
    """An account elsewhere: ``{network: GitHub, username: ..., url: https://...}``."""

    network: NonEmptyStr
    username: NonEmptyStr | None = None
    url: NonEmptyStr

    @field_validator("url")
    @classmethod
    def _https(cls, value: str) -> str:
        return _https_url(value)


def _https_url(value: str) -> str:
    if not value.startswith("https://") or len(value) <= len("https://") or any(c.isspace() for c in value):
        raise ValueError(f"expected an https:// address, got {value!r}")
    return value


class Profile(_Strict):
    """The owner, from the front matter of intro.md.

    The contact keys are named as JSON Resume names them and are all optional: only the
    owner can supply them, so the book shows none until he does.
    """

    name: NonEmptyStr
    headline: NonEmptyStr
    description: NonEmptyStr
    skills: dict[NonEmptyStr, list[NonEmptyStr]] = Field(
        min_length=1, description="Skill groups in display order, e.g. Backend: [golang, grpc]."
    )
    image: NonEmptyStr | None = Field(
        None, description="The avatar: a path in the repository, like _static/me.jpg."
    )
    email: NonEmptyStr | None = None
    phone: NonEmptyStr | None = None
    location: Location | None = None
    profiles: tuple[ProfileLink, ...] = ()

    @field_validator("skills")
    @classmethod
    def _groups_not_empty(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for group, items in value.items():
            if not items:
                raise ValueError(f"skill group {group!r} is empty")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        local, at, domain = (value or "").partition("@")
        if value is not None and not (at and local and "." in domain and not any(c.isspace() for c in value)):
            raise ValueError(f"expected an email address like name@example.org, got {value!r}")
        return value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\+?[0-9][0-9 ()./-]{4,}", value):
            raise ValueError(f"expected a phone number of digits, spaces and + ( ) - . /, got {value!r}")
        return value

    @property
    def phone_uri(self) -> str | None:
        """``tel:+491234``: the number without its spacing, for links."""
        return self.phone and "tel:" + re.sub(r"[^0-9+]", "", self.phone)


class Reading(_Strict):
    """A book on the reading plan."""

    title: NonEmptyStr
    reading: bool = Field(False, description="True while he is reading it right now.")


class SelfDevelopment(_Strict):
    """What he is learning, from the front matter of self-development.md."""

    books: tuple[Reading, ...] = ()
    languages: tuple[NonEmptyStr, ...] = ()
