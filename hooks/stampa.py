"""MkDocs hook: mkdocs-print-site's printable page, made cheaper for the other pages.

Its stylesheets and script only style and arrange the printable page, but the plugin adds
them to every page, where they are three more requests before the first paint: they are
removed from every page but that one.

print-site makes the ids of headings (and of footnote and list items) unique on the
printable page by prefixing them with the page's key. Its pattern,
``<([^\\s]+).*?id="([^"]*?)".*?>``, lets ``.*?`` run past the end of a tag, so on our pages,
with long lines of highlighted code and KaTeX markup, it took 18 s of every build. The
version below rewrites the same tags in the same way, matching within one tag only, and
also the ids of figures: the captions of pymdownx.blocks.caption number figures per page
(``__figure-caption_1``), so on one page of all pages they would repeat.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs_print_site_plugin import urls

_TAG_WITH_ID = re.compile(r'<(h[1-6]|sup|li|figure)\b([^>]*?)\bid="([^"]*)"', re.IGNORECASE)


def update_anchor_ids(page_html: str, page_key: str) -> str:
    """print-site's update_anchor_ids, in one pass, figures included."""
    return _TAG_WITH_ID.sub(
        lambda m: f'<{m.group(1)}{m.group(2)}id="{page_key}-{m.group(3)}"', page_html
    )


urls.update_anchor_ids = update_anchor_ids

_PRINT_ASSETS = re.compile(
    r'<link [^>]*href="[^"]*css/print-site[^"]*"[^>]*>\n?'
    r'|<script [^>]*src="[^"]*js/print-site\.js"[^>]*></script>\n?'
)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    basename = config.plugins["print-site"].config.get("print_page_basename")
    if page.file.src_uri == f"{basename}.md":
        return output
    return _PRINT_ASSETS.sub("", output)


_TOTAL = re.compile(r'<span class="docexec-tempo-totale">[^<]*</span>')


def on_post_build(config: MkDocsConfig) -> None:
    """The printable page copies the provenance page before docexec writes the build's
    total time into it (docexec's on_post_build runs first): copy the time across."""
    site = Path(config.site_dir)
    basename = config.plugins["print-site"].config.get("print_page_basename")
    printable = site / basename / "index.html"
    if not printable.is_file():
        return
    totals = (_TOTAL.search(p.read_text(encoding="utf-8")) for p in site.glob("*/index.html"))
    final = next((m[0] for m in totals if m and "(" not in m[0]), None)
    if final:
        html = printable.read_text(encoding="utf-8")
        printable.write_text(_TOTAL.sub(final, html), encoding="utf-8")
