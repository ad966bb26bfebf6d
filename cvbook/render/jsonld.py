"""JSON-LD for the intro: the owner as a schema.org ``Person``, from the same facts as the pages.

Search engines read it from the intro's <head>. It states only what the book states:
name, headline, the one-line description, the skills, the site's address, and the
contacts, profiles and avatar the owner set.
https://schema.org/Person, https://developers.google.com/search/docs/appearance/structured-data/profile-page
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from ..model.book import Book


def person(book: Book) -> dict[str, Any]:
    """The owner as a schema.org Person."""
    profile = book.profile
    data: dict[str, Any] = {
        "@context": "https://schema.org",
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


def script_tag(book: Book) -> str:
    """``<script type="application/ld+json">`` holding :func:`person`, safe inside HTML."""
    text = json.dumps(person(book), ensure_ascii=False)
    text = text.replace("</", "<\\/")  # "</" would end the element early; "<\/" is the same JSON
    return f'<script type="application/ld+json">\n{text}\n</script>\n'
