"""What each built page costs a reader's browser, read from the files: no browser, no
clock, so the same site always gives the same figures.

Lighthouse's performance score moved, on this project, with two things: how many bytes a
page makes the browser download before it can draw (the 595 kB notebook stylesheet, eager
mermaid and MathJax), and how large its document is. Both are properties of the built
files. This module measures them, page by page, as the browser would request them when it
parses the HTML:

- ``transfer``: the page's HTML plus every stylesheet, script and eager image it names,
  each gzip-compressed as the test server (and any static host) sends text; images as they
  are. Resources loaded later by a script (KaTeX's styles, mermaid) are not counted: the
  budget is for what the first load costs.
- ``blocking``: the compressed bytes of what the browser must have before its first frame:
  stylesheets (except ``media="print"``) and synchronous scripts in ``<head>``.
- ``elements``: the number of elements in the document (Lighthouse's "DOM size").
- ``foreign``: resources the page would request from another host (must be none).
"""

from __future__ import annotations

import functools
import gzip
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"}


@dataclass
class Cost:
    """The figures of one page."""

    page: str
    transfer: int = 0
    blocking: int = 0
    elements: int = 0
    foreign: list[str] = field(default_factory=list)


class _Resources(HTMLParser):
    """Elements and the resources the document asks for, with whether they block."""

    def __init__(self) -> None:
        super().__init__()
        self.elements = 0
        self.in_head = False
        self.resources: list[tuple[str, bool]] = []  # (url, render-blocking)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1
        found = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        rel = (found.get("rel") or "").split()
        if tag == "link" and found.get("href") and {"stylesheet", "preload", "icon"} & set(rel):
            blocks = "stylesheet" in rel and found.get("media") != "print"
            self.resources.append((found["href"], blocks))
        elif tag == "script" and found.get("src"):
            sync = not ({"async", "defer"} & found.keys()) and found.get("type") != "module"
            self.resources.append((found["src"], sync and self.in_head))
        elif tag in {"img", "iframe", "source", "video", "audio"} and found.get("src"):
            lazy = found.get("loading") == "lazy"  # fetched only when near the screen
            if not lazy:
                self.resources.append((found["src"], False))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


@functools.lru_cache(maxsize=1024)
def _sent_bytes(path: Path) -> int:
    data = path.read_bytes()
    if path.suffix in COMPRESSED:
        return len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data)


def page_cost(site: Path, page: str) -> Cost:
    """The figures of one page ('' is the home, 'capitolo2/' a chapter)."""
    html_path = site / page / "index.html"
    parser = _Resources()
    parser.feed(html_path.read_text("utf-8"))
    cost = Cost(page, transfer=_sent_bytes(html_path), elements=parser.elements)
    for url, blocks in dict.fromkeys(parser.resources):
        parsed = urlparse(url)
        if parsed.scheme in {"http", "https"} or url.startswith("//"):
            cost.foreign.append(url)
            continue
        if parsed.scheme:  # data: URIs are in the HTML's bytes already
            continue
        target = (html_path.parent / parsed.path).resolve()
        if not target.is_file():
            continue  # a missing file is the link checks' business
        size = _sent_bytes(target)
        cost.transfer += size
        if blocks:
            cost.blocking += size
    return cost


# The largest figures of December 2026 plus 30%, rounded: room for the chapters to
# grow by a third before anyone must look (elements: 5,432 on capitolo2/ricetta-moderna,
# whose formulas and highlighted code make one element per token; when a new page
# legitimately needs more, raise its figure here with the reason), while each
# regression that once cost the performance score would still exceed them several times
# over (the notebook's 595 kB stylesheet was 90 kB compressed, render-blocking; eager
# mermaid is about 1 MB).
# The notebook page (every cell of chapter 4 with its output) has its own figures; the
# printable page (print_page/, the whole guide in one document, to print or save as PDF)
# is not a page to read on a phone, and its size grows with every page by design: it is
# held to the blocking and third-party budgets only.
# Raised on 3 December 2026 with chapter 4's five new pages (issue 18): capitolo4/confronti
# has nine snippets, 7,756 elements (+30%: 10,100); the notebook, which holds every cell of
# the chapter with its output, went from 11 pages to 16, and measured 28,616 elements and
# 364 kB (+30%: 37,500 and 475 kB). Its Lighthouse score is measured in make bench.
BUDGETS = {
    "pagina": {"transfer": 112_000, "blocking": 44_000, "elements": 10_100},
    "notebook": {"transfer": 475_000, "blocking": 44_000, "elements": 37_500},
    "stampa": {"blocking": 44_000},
}
KIND = {"capitolo4/notebook/": "notebook", "print_page/": "stampa"}


def budget_problems(cost: Cost) -> list[str]:
    """Each figure of the page above its budget, and every request to another host."""
    where = f"pagina /{cost.page}"
    kind = KIND.get(cost.page, "pagina")
    units = {"transfer": "byte compressi", "blocking": "byte compressi", "elements": "elementi"}
    problems = [
        f"{where}: {name} {getattr(cost, name):,} {units[name]} > budget {limit:,} "
        f"(tests/site/budgets.py, «{kind}»)"
        for name, limit in BUDGETS[kind].items()
        if getattr(cost, name) > limit
    ]
    return problems + [f"{where}: risorsa da un altro host: {url}" for url in cost.foreign]
