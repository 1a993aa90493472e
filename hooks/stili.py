"""MkDocs hook: no <style> element inside <body>.

HTML allows <style> in <body> only as the first child of its parent, and only with
selectors for what follows it. Two plugins write it elsewhere: mkdocs-jupyter puts
JupyterLab's stylesheet (cut to ~50 kB by notebook.py) in the middle of the notebook
page, mkdocs-print-site its heading counters at the end of the printable page. After
the build, each page's <style> elements in <body> become one stylesheet file, named by
its content, linked at the end of <head>: the rules keep their order after the theme's,
and the browser can cache the file.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

FOLDER = "assets/stylesheets/pagine"
_STYLE = re.compile(r"<style(?P<attrs>[^>]*)>(?P<css>.*?)</style>\n?", re.DOTALL | re.IGNORECASE)


def move_styles(html: str, page: Path, site: Path) -> str:
    """The page with its <body> styles moved to a linked file (written under site/)."""
    body = html.find("<body")
    if body < 0:
        return html
    head, rest = html[:body], html[body:]
    styles = [m for m in _STYLE.finditer(rest) if "media=" not in m["attrs"]]
    if not styles:
        return html
    css = "\n".join(m["css"].strip() for m in styles) + "\n"
    name = f"{FOLDER}/{hashlib.sha256(css.encode()).hexdigest()[:10]}.css"
    target = site / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(css, encoding="utf-8")
    for m in reversed(styles):
        rest = rest[: m.start()] + rest[m.end() :]
    href = os.path.relpath(target, page.parent).replace(os.sep, "/")
    head = head.replace("</head>", f'<link rel="stylesheet" href="{href}">\n</head>', 1)
    return head + rest


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        moved = move_styles(html, page, site)
        if moved != html:
            page.write_text(moved, encoding="utf-8")
