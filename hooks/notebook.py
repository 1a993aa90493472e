"""MkDocs hook: the notebook page, left out of search and with two defects of
mkdocs-jupyter's page template fixed.

- Search: the notebook repeats chapter 4's snippets and outputs, which search already
  finds on the chapter's own pages. Indexed again, every word of the chapter would give
  two results, the second one in a 1 MB page, and the index would take ~0.4 s more to
  build on each rebuild of ``make serve``.

- Its MathJax loader is ``<script src="{{ mathjax_url }}">``; with no URL (the site loads
  nothing from other hosts, and the notebook has no formulas) it is ``src=""``, which
  HTML forbids: the element is removed.
- Its copy buttons are ``<clipboard-copy for="cell-1", aria-label="...">``: a stray comma
  becomes an attribute, and aria-label is not allowed on an element without a role.
  The element behaves as a button (the clipboard-copy script gives it role="button" when
  it runs): the markup says so from the start.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_EMPTY_SCRIPT = re.compile(r'(<!-- Load mathjax -->\s*)?<script src="">\s*</script>\n?')
# As the page reaches the hook the comma is already an attribute: ``,=""``.
_COPY_BUTTON = re.compile(r'<clipboard-copy ,="" ')


def fix_notebook_page(html: str) -> str:
    html = _EMPTY_SCRIPT.sub("", html)
    return _COPY_BUTTON.sub('<clipboard-copy role="button" ', html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: object) -> None:
    if page.file.src_uri.endswith(".ipynb"):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        return fix_notebook_page(output)
    return output
