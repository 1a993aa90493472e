"""MkDocs hook: serves KaTeX's styles and fonts and mermaid from the site itself.

Both come from node_modules (``npm ci``, which ``make install`` runs), so a page never
asks a CDN for anything and the site works offline. The template override
(overrides/main.html) links each one only on the pages that need it.
"""

from __future__ import annotations

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


def vendored_files(node_modules: Path) -> dict[str, Path]:
    """Every file to serve, by its path in the site."""
    found: dict[str, Path] = {}
    for site_path, source in VENDORED.items():
        path = node_modules / source
        if path.is_file():
            found[site_path] = path
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
        files.append(File.generated(config, site_path, abs_src_path=str(source)))
    return files
