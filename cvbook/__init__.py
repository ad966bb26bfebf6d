"""cvbook: the logic behind Mark Arapov's résumé book.

content (intro.md, experience/*.md front matter) -> ``cvbook.content.load_book`` ->
calculations (``durations``, ``skills``) -> renderers (``pages``, ``cv_pdf``, ``resume_json``,
``jsonld``, ``card``, ``charts``) -> the theme (``cvbook/theme``) -> the book.
"""

__version__ = "0.1.0"
