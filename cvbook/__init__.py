"""cvbook: the logic behind Mark Arapov's résumé book, in layers; each imports only the ones below it.

- ``cvbook.cli``      the commands: ``python -m cvbook build|check|live|pdf``
- ``cvbook.site``     the Sphinx extension (``cvbook.site`` in _config.yml) and the site's theme
- ``cvbook.render``   what is made from the facts: cv.pdf, resume.json, JSON-LD, the card, charts, tables
- ``cvbook.content.loader``  reading the owner's files: front matter in, a validated ``Book`` out
- ``cvbook.model``    the facts and the rules: positions, durations, skills (no files, no Sphinx)
"""

__version__ = "0.1.0"
