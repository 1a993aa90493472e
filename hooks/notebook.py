"""MkDocs hook: the notebook page, left out of search, with two defects of
mkdocs-jupyter's page template fixed and its stylesheet cut to the rules it can use.

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

- Its stylesheet: mkdocs-jupyter puts all of JupyterLab's CSS in the page (~0.6 MB, 90 kB
  compressed), and the browser must read it before it draws anything. Only the rules
  that can match this static page are kept: a selector goes when it names a class that
  no element of the page has (nothing on the page adds JupyterLab classes later), or
  when it asks for ``:root`` inside another element, as every ``.jupyter-wrapper :root``
  does. Classes inside ``:not()``, ``:is()`` and the like are not judged: the selector
  stays. Parsing 0.6 MB of CSS takes ~0.7 s, so the result is kept in build/cache, keyed
  by the stylesheet, the page's classes and this file: a build that changes none of
  them reads it back.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_EMPTY_SCRIPT = re.compile(r'(<!-- Load mathjax -->\s*)?<script src="">\s*</script>\n?')
# As the page reaches the hook the comma is already an attribute: ``,=""``.
_COPY_BUTTON = re.compile(r'<clipboard-copy ,="" ')
CACHE = Path("build/cache/notebook-css")  # relative to mkdocs.yml
_CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.DOTALL | re.IGNORECASE)
_ROOT_INSIDE = re.compile(r"\S\s*[\s>+~]\s*:root\b")
_COMMA = tinycss2.ast.LiteralToken(0, 0, ",")


def fix_notebook_page(html: str, cache: Path | None = None) -> str:
    html = _EMPTY_SCRIPT.sub("", html)
    html = _COPY_BUTTON.sub('<clipboard-copy role="button" ', html)
    classes = {name for m in _CLASS_ATTRIBUTE.finditer(html) for name in m[1].split()}
    return _STYLE.sub(lambda m: m[1] + cached_prune_css(m[2], classes, cache) + m[3], html)


def cached_prune_css(css: str, classes: set[str], cache: Path | None) -> str:
    """prune_css, read from ``cache`` when the same stylesheet was pruned for the same
    classes by this same hook."""
    if cache is None:
        return prune_css(css, classes)
    key = hashlib.sha256()
    for part in (Path(__file__).read_bytes(), css.encode(), " ".join(sorted(classes)).encode()):
        key.update(part + b"\0")
    stored = cache / f"{key.hexdigest()[:20]}.css"
    if stored.is_file():
        return stored.read_text("utf-8")
    pruned = prune_css(css, classes)
    cache.mkdir(parents=True, exist_ok=True)
    stored.write_text(pruned, "utf-8")
    return pruned


def prune_css(css: str, classes: set[str]) -> str:
    """The stylesheet without the selectors that can't match a page with these classes."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "\n".join(tinycss2.serialize([rule]) for rule in _prune(rules, classes)) + "\n"


def _prune(rules: list, classes: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "error":  # the browser drops it too
            continue
        if rule.type == "qualified-rule":
            selectors = [s for s in _split_selectors(rule.prelude) if _can_match(s, classes)]
            if not selectors:
                continue
            rule.prelude = [token for s in selectors for token in (*s, _COMMA)][:-1]
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports"):
            inner = _prune(tinycss2.parse_rule_list(rule.content or [], True, True), classes)
            if not inner:
                continue
            rule.content = inner
        kept.append(rule)
    return kept


def _split_selectors(prelude: list) -> list[list]:
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _can_match(selector: list, classes: set[str]) -> bool:
    if _ROOT_INSIDE.search(tinycss2.serialize(selector).strip()):
        return False
    # Top-level tokens only: a class inside :not(...) is a function's argument.
    named = [
        b.value
        for a, b in zip(selector, selector[1:], strict=False)
        if a.type == "literal" and a.value == "." and b.type == "ident"
    ]
    return all(name in classes for name in named)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: object) -> None:
    if page.file.src_uri.endswith(".ipynb"):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        return fix_notebook_page(output, Path(config.config_file_path).parent / CACHE)
    return output
