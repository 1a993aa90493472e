"""MkDocs hook: serves MathJax and mermaid from the site itself.

Both come from node_modules (``npm ci``, which ``make install`` runs), so a page never
asks a CDN for them and the site works offline. The template override
(overrides/main.html) loads each one only on the pages that need it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# site path -> path under node_modules (a folder is copied whole)
VENDORED = {
    "assets/vendor/mermaid/mermaid.min.js": "mermaid/dist/mermaid.min.js",
    "assets/vendor/mathjax/tex-chtml.js": "mathjax/es5/tex-chtml.js",
    "assets/vendor/mathjax/input/tex/extensions": "mathjax/es5/input/tex/extensions",
    "assets/vendor/mathjax/output/chtml/fonts/woff-v2": "mathjax/es5/output/chtml/fonts/woff-v2",
}


def vendored_files(node_modules: Path) -> dict[str, Path]:
    """Every file to serve, by its path in the site."""
    found: dict[str, Path] = {}
    for site_path, source in VENDORED.items():
        path = node_modules / source
        if path.is_file():
            found[site_path] = path
        elif path.is_dir():
            for item in sorted(path.rglob("*")):
                if item.is_file():
                    found[f"{site_path}/{item.relative_to(path).as_posix()}"] = item
        else:
            raise PluginError(
                f"manca node_modules/{source}: MathJax e mermaid vengono serviti dal sito. "
                f"Installali con `make install` (esegue `npm ci --ignore-scripts`)."
            )
    return found


def on_files(files: Files, config: MkDocsConfig) -> Files:
    node_modules = Path(config.config_file_path).resolve().parent / "node_modules"
    for site_path, source in vendored_files(node_modules).items():
        files.append(File.generated(config, site_path, abs_src_path=str(source)))
    return files
