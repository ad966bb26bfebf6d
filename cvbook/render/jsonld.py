"""JSON-LD for the home page: a schema.org ``ProfilePage`` whose main entity is the owner, a
``Person``, from the same facts as the pages.

Search engines read it from the home page's <head>. It states only what the book states:
name, headline, the one-line description, the skills, the site's address, and the
contacts, profiles and avatar the owner set; ``dateModified`` is the date it is given (the
last change to his content, cvbook.content.history, else the as-of date).
https://schema.org/ProfilePage, https://developers.google.com/search/docs/appearance/structured-data/profile-page
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urljoin

from ..model.book import Book


def person(book: Book) -> dict[str, Any]:
    """The owner as a schema.org Person."""
    profile = book.profile
    data: dict[str, Any] = {
        "@type": "Person",
        "name": profile.name,
        "jobTitle": profile.headline,
        "description": profile.description,
        "knowsAbout": [skill for skills in profile.skills.values() for skill in skills],
    }
    if book.site_url:
        data["url"] = book.site_url
        if profile.image:
            data["image"] = urljoin(book.site_url, profile.image)
    if profile.email:
        data["email"] = f"mailto:{profile.email}"
    if profile.phone:
        data["telephone"] = profile.phone
    if profile.location:
        address = {"@type": "PostalAddress"}
        if profile.location.city:
            address["addressLocality"] = profile.location.city
        if profile.location.countryCode:
            address["addressCountry"] = profile.location.countryCode
        data["address"] = address
    if profile.profiles:
        data["sameAs"] = [link.url for link in profile.profiles]
    return data


def profile_page(book: Book, modified: dt.date | dt.datetime) -> dict[str, Any]:
    """The home page as a schema.org ProfilePage about the owner, last changed at ``modified``."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "dateModified": modified.isoformat(),
        "mainEntity": person(book),
    }
    if book.site_url:
        data["url"] = book.site_url
    return data


def script_tag(book: Book, modified: dt.date | dt.datetime) -> str:
    """``<script type="application/ld+json">`` holding :func:`profile_page`, safe inside HTML."""
    text = json.dumps(profile_page(book, modified), ensure_ascii=False)
    text = text.replace("</", "<\\/")  # "</" would end the element early; "<\/" is the same JSON
    return f'<script type="application/ld+json">\n{text}\n</script>\n'
