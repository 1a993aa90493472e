"""MkDocs hook: serves KaTeX's styles and fonts and mermaid from the site itself.

Both come from node_modules (``npm ci``, which ``make install`` runs), so a page never
asks a CDN for anything and the site works offline. The template override
(overrides/main.html) links each one only on the pages that need it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# site path -> path under node_modules (a folder is copied whole)
VENDORED = {
    # KaTeX's stylesheet and the fonts it names (woff2: what every current browser takes).
    "assets/vendor/katex/katex.min.css": "katex/dist/katex.min.css",
    "assets/vendor/katex/fonts": "katex/dist/fonts",
    # mermaid as an ES module: a small entry point that imports only the chunks a
    # diagram needs (the single-file build is 3.5 MB).
    "assets/vendor/mermaid/mermaid.esm.min.mjs": "mermaid/dist/mermaid.esm.min.mjs",
    "assets/vendor/mermaid/chunks/mermaid.esm.min": "mermaid/dist/chunks/mermaid.esm.min",
}
# Inside vendored folders, only what a browser loads (no source maps, no legacy fonts).
SERVED_SUFFIXES = {".css", ".mjs", ".js", ".woff2"}
FONT_SOURCES = re.compile(r"(?<=[{;])src:(?P<sources>[^;}]*)")
WOFF2_URL = re.compile(r"""url\(\s*["']?[^)"']*\.woff2["']?\s*\)""")


def woff2_sources_only(css: str) -> str:
    """A stylesheet whose every ``src`` list names only its woff2 fonts: the site serves
    no other (SERVED_SUFFIXES), and the .woff and .ttf fallbacks would be broken links
    that no current browser follows anyway."""

    def keep_woff2(match: re.Match[str]) -> str:
        sources = [s for s in match["sources"].split(",") if WOFF2_URL.search(s)]
        if not sources:
            raise PluginError(
                f"il foglio di stile di KaTeX ha un font senza versione woff2 "
                f"({match[0][:120]}): aggiungi il suo formato a SERVED_SUFFIXES in "
                f"hooks/vendor.py"
            )
        return "src:" + ",".join(sources)

    return FONT_SOURCES.sub(keep_woff2, css)


# site path -> what is served there in place of the file's own text
REWRITTEN: dict[str, Callable[[str], str]] = {
    "assets/vendor/katex/katex.min.css": woff2_sources_only,
}


def vendored_files(node_modules: Path) -> dict[str, Path | str]:
    """Every file to serve, by its path in the site: the file to copy, or the text to
    serve for a stylesheet rewritten on the way (REWRITTEN)."""
    found: dict[str, Path | str] = {}
    for site_path, source in VENDORED.items():
        path = node_modules / source
        if path.is_file():
            rewrite = REWRITTEN.get(site_path)
            found[site_path] = rewrite(path.read_text(encoding="utf-8")) if rewrite else path
        elif path.is_dir():
            for item in sorted(path.rglob("*")):
                if item.is_file() and item.suffix in SERVED_SUFFIXES:
                    found[f"{site_path}/{item.relative_to(path).as_posix()}"] = item
        else:
            raise PluginError(
                f"manca node_modules/{source}: KaTeX e mermaid vengono serviti dal sito. "
                f"Installali con `make install` (esegue `npm ci --ignore-scripts`)."
            )
    return found


def on_files(files: Files, config: MkDocsConfig) -> Files:
    node_modules = Path(config.config_file_path).resolve().parent / "node_modules"
    for site_path, source in vendored_files(node_modules).items():
        if isinstance(source, str):
            files.append(File.generated(config, site_path, content=source))
        else:
            files.append(File.generated(config, site_path, abs_src_path=str(source)))
    return files
