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
  them reads it back. The entry carries its own hash: a truncated one is discarded.

- mkdocs-jupyter's own cache (build/cache/mkdocs-jupyter/*.json): it writes an entry in
  place and reads it back without a check, so one cut short by an interrupted build
  failed every later build with a bare JSON error. Its entries are written aside and
  renamed into place here, and one that can't be read is discarded and made again.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import mkdocs_jupyter.plugin
import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from docexec.shared import read_checked, write_atomic, write_checked

log = get_plugin_logger("notebook")

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
    try:
        return read_checked(stored).decode("utf-8")
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as error:
        log.info(
            "CSS del notebook in cache illeggibile (%s: %s): lo scarto e lo ricalcolo",
            stored,
            error,
        )
        stored.unlink(missing_ok=True)
    pruned = prune_css(css, classes)
    write_checked(stored, pruned.encode("utf-8"))
    return pruned


class NotebookCacheEntry(type(Path())):  # type: ignore[misc]
    """A mkdocs-jupyter cache entry: written atomically, checked before it is read."""

    def exists(self, **kwargs: Any) -> bool:
        if not self.is_file():
            return super().exists(**kwargs)
        try:
            cached = json.loads(self.read_text(encoding="utf-8"))
            if isinstance(cached.get("content"), str) and isinstance(
                cached.get("toc_tokens"), list
            ):
                return True
            problem = "mancano content o toc_tokens"
        except (OSError, ValueError, AttributeError) as error:
            problem = f"{type(error).__name__}: {error}"
        log.info(
            "voce di cache di mkdocs-jupyter illeggibile (%s: %s): la scarto e ricreo la pagina",
            self,
            problem,
        )
        self.unlink(missing_ok=True)
        return False

    def write_text(self, data: str, encoding: str | None = None, *args: Any, **kwargs: Any) -> int:
        write_atomic(self, data.encode(encoding or "utf-8"))
        return len(data)


def _cache_entry(cache_dir: str, cache_key: str) -> Path:
    return NotebookCacheEntry(cache_dir, f"{cache_key}.json")


mkdocs_jupyter.plugin._get_cache_path = _cache_entry


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
