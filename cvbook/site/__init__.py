"""The Sphinx extension (``cvbook.site`` in _config.yml) and the site's own theme (``theme/``)."""

from .extension import setup

__all__ = ["setup"]
