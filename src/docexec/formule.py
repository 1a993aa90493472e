"""MkDocs plugin ``docexec-formule``: formulas typeset at build time with KaTeX, so pages
need no math script.

pymdownx.arithmatex (generic mode) leaves TeX in the page as ``\\(...\\)`` inside
``<span class="arithmatex">`` and ``\\[...\\]`` inside ``<div class="arithmatex">``. Here each
formula becomes KaTeX's HTML (with MathML for screen readers), rendered by one Node
process (katex.mjs, beside this file) and remembered in build/cache/formule.json under its TeX
and KaTeX's version, so an unchanged formula costs nothing on the next build and a new KaTeX
typesets every formula again. A formula KaTeX can't read fails the build, naming the page
and the formula.

It is a plugin rather than a hook so that it can come before print-site in mkdocs.yml:
hooks run after every plugin, and print-site would copy the pages' TeX untypeset.
"""

from __future__ import annotations

import atexit
import html
import json
import re
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.pages import Page

from .shared import write_atomic

log = get_plugin_logger(__name__)

MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])'
    r"\s*</(?P=tag)>",
    re.S,
)


SCRIPT = Path(__file__).with_name("katex.mjs")


def katex_version(script: Path = SCRIPT) -> str:
    """The version of the KaTeX that ``script`` imports: the package Node finds for
    ``import "katex"``, in the first node_modules folder up from the script ('' if none,
    and then Node can't find it either)."""
    for folder in (script.parent, *script.parent.parents):
        package = folder / "node_modules" / "katex" / "package.json"
        if package.is_file():
            return str(json.loads(package.read_text(encoding="utf-8"))["version"])
    return ""


def formula_key(tex: str, display: bool, version: str) -> str:
    """The cache key of one formula: another KaTeX may typeset it differently."""
    return f"{version}:{'D' if display else 'I'}:{tex}"


class _Katex:
    """A Node process running katex.mjs, started on the first formula not cached."""

    def __init__(self, root: Path, version: str | None = None) -> None:
        self.root = root
        self.version = katex_version() if version is None else version
        self.cache_file = root / "build" / "cache" / "formule.json"
        cache = _read_cache(self.cache_file)
        # What another KaTeX typeset will never be asked for again: it goes at the next save.
        mine = f"{self.version}:"
        self.cache = {key: value for key, value in cache.items() if key.startswith(mine)}
        self.dirty = len(self.cache) < len(cache)
        self.proc: subprocess.Popen[str] | None = None

    def render(self, tex: str, display: bool) -> str:
        key = formula_key(tex, display, self.version)
        if key not in self.cache:
            self.cache[key] = self._ask(tex, display)
            self.dirty = True
        return self.cache[key]

    def _ask(self, tex: str, display: bool) -> str:
        if self.proc is None:
            self.proc = subprocess.Popen(
                ["node", str(SCRIPT)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                cwd=self.root,
            )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise PluginError(
                "KaTeX (node katex.mjs) non risponde: serve Node.js e il pacchetto "
                "katex in node_modules (make install)."
            )
        answer = json.loads(line)
        if "error" in answer:
            raise ValueError(answer["error"])
        return answer["html"]

    def save(self) -> None:
        if self.dirty:
            write_atomic(self.cache_file, json.dumps(self.cache, ensure_ascii=False).encode())
            self.dirty = False

    def close(self) -> None:
        if self.proc is not None:
            self.proc.stdin.close()  # type: ignore[union-attr]
            self.proc.wait()
            self.proc = None


def _read_cache(path: Path) -> dict[str, str]:
    """The formulas typeset by earlier builds; an unreadable file is discarded, with one
    line that says so, and every formula is typeset again."""
    try:
        cache = json.loads(path.read_text("utf-8"))
        if isinstance(cache, dict) and all(isinstance(v, str) for v in cache.values()):
            return cache
        problem = "non è un elenco di formule"
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        problem = f"{type(error).__name__}: {error}"
    log.info("cache delle formule %s illeggibile (%s): la scarto e ricompongo", path, problem)
    path.unlink(missing_ok=True)
    return {}


_katex: _Katex | None = None


def _engine(config: MkDocsConfig) -> _Katex:
    global _katex
    root = Path(config.config_file_path).resolve().parent
    if _katex is None or _katex.root != root:
        _katex = _Katex(root)
        atexit.register(_katex.close)
    return _katex


class FormulePlugin(BasePlugin):
    def on_page_content(self, html_text: str, page: Page, config: MkDocsConfig, **_: object) -> str:
        engine = _engine(config)

        def typeset(match: re.Match[str]) -> str:
            display = match["display"] is not None
            tex = html.unescape(match["display"] if display else match["inline"]).strip()
            try:
                rendered = engine.render(tex, display)
            except ValueError as error:
                raise PluginError(
                    f"docs/{page.file.src_uri}: KaTeX non sa comporre la formula «{tex}»: "
                    f"{error}. Correggi il TeX nella pagina."
                ) from None
            # A long display formula scrolls sideways: keyboard users must reach it.
            focus = ' tabindex="0"' if display else ""
            tag = match["tag"]
            return f'<{tag} class="arithmatex"{focus}>{rendered}</{tag}>'

        return MATH.sub(typeset, html_text)

    def on_post_build(self, config: MkDocsConfig) -> None:
        _engine(config).save()
