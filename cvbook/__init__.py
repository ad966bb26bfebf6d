"""cvbook: the logic behind Mark Arapov's résumé book.

content (intro.md, experience/*.md front matter) -> ``cvbook.content.load_book`` ->
calculations (``durations``) -> renderers (``pages``, later CV and JSON) -> the book.
"""

__version__ = "0.1.0"
