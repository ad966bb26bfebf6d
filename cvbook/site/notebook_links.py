"""A small bar under a notebook page's title: download the notebook, or run it elsewhere.

Plain links, no script, built as docutils nodes:

* "Download .ipynb": the notebook as the build executed it, with its tables and charts, so that
  it reads on GitHub or nbviewer (the repository keeps notebooks without outputs). MyST-NB
  writes each executed notebook into its output folder (``_build/jupyter_execute/``) while it
  reads the page; Sphinx copies it like any ``:download:`` file;
* "Launch Binder", when ``repository.url`` in _config.yml is a GitHub repository: Binder
  builds it from ``requirements.txt`` (which installs this package, ``-e .``) and opens
  the notebook in JupyterLab, in a checkout that has the book's facts;
* "Open in Colab", only for a notebook that can run there: Colab opens the notebook alone,
  without the repository, so its first code cell must install what it needs when
  ``cvbook`` is missing (``%pip install`` under ``except ImportError``). The site's own
  notebooks read the book's facts from the checkout, so they get no Colab link.

The bar is ``div.cv-notebook-links``; each link is an ``a.reference`` inside it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import nbformat
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .state import book_of

BAR_CLASS = "cv-notebook-links"
GITHUB = re.compile(r"^https://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?$")
DEFAULT_BRANCH = "main"


def github_slug(repository_url: str | None) -> str | None:
    """``"owner/repo"`` of a GitHub repository URL, else None."""
    match = GITHUB.match(repository_url or "")
    return f"{match['owner']}/{match['repo']}" if match else None


def binder_url(slug: str, branch: str, path: str) -> str:
    return f"https://mybinder.org/v2/gh/{slug}/{branch}?urlpath=lab/tree/{path}"


def colab_url(slug: str, branch: str, path: str) -> str:
    return f"https://colab.research.google.com/github/{slug}/blob/{branch}/{path}"


def installs_itself(notebook: Path) -> bool:
    """Whether the first code cell installs the package when it is missing (so Colab can run it)."""
    cells = nbformat.read(notebook, as_version=4).cells
    first = next((cell.source for cell in cells if cell.cell_type == "code"), "")
    return "except ImportError" in first and "%pip install" in first


def _notebook_path(app: Sphinx, docname: str) -> Path | None:
    path = Path(app.env.doc2path(docname))
    return path if path.suffix == ".ipynb" else None


def executed_notebook(app: Sphinx, docname: str) -> Path:
    """Where MyST-NB wrote ``docname``'s notebook as executed (its ``output_folder`` setting)."""
    return Path(app.env.mystnb_config.output_folder, f"{docname}.ipynb")


def _add_bar(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read, after MyST-NB executed the notebook and before Sphinx collects downloads:
    the bar with the download link."""
    path = _notebook_path(app, app.env.docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    if path is None or section is None:
        return
    executed = executed_notebook(app, app.env.docname)
    # A path starting with "/" is read from the source folder; the output folder may lie outside it.
    source = "/" + os.path.relpath(executed, app.srcdir).replace(os.sep, "/")
    download = addnodes.download_reference(
        "", "", nodes.Text("Download .ipynb"), reftarget=source, refdoc=app.env.docname, refexplicit=True
    )
    bar = nodes.container(classes=[BAR_CLASS])
    bar += nodes.paragraph("", "", download)
    title_index = next((index for index, child in enumerate(section) if isinstance(child, nodes.title)), -1)
    section.insert(title_index + 1, bar)


def _add_launch_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved, when the page is written: links that depend on the repository setting."""
    path = _notebook_path(app, docname)
    slug = github_slug(book_of(app).repository_url)
    if path is None or slug is None:
        return
    branch = book_of(app).settings.repository_branch or DEFAULT_BRANCH
    relative = path.relative_to(app.srcdir).as_posix()
    links = [("Launch Binder", binder_url(slug, branch, relative))]
    if installs_itself(path):
        links.append(("Open in Colab", colab_url(slug, branch, relative)))
    for bar in doctree.findall(
        lambda node: isinstance(node, nodes.container) and BAR_CLASS in node["classes"]
    ):
        paragraph = bar[0]
        for label, url in links:
            paragraph += nodes.Text(" · ")
            paragraph += nodes.reference("", label, refuri=url)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", _add_bar, priority=400)  # Sphinx's download collector runs at 500
    app.connect("doctree-resolved", _add_launch_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
