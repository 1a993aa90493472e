"""MkDocs hook: every page describes itself, and generated pages have no «edit» link.

The description (front matter ``description:``) becomes the page's meta description and
its link preview (Open Graph, in overrides/main.html); a page without one fails the build
with a message that says what to add. Pages the build generates (the notebook, the
provenance page) get theirs here, and no link to edit a source file they don't have.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

GENERATED = {
    "capitolo4/notebook.ipynb": (
        "Il progetto di analisi del sentiment con Flan-T5 in un notebook Jupyter: gli stessi "
        "esempi del capitolo 4, con gli output della build, da scaricare o aprire in Colab."
    ),
}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri in GENERATED:
        page.meta.setdefault("description", GENERATED[page.file.src_uri])
    description = page.meta.get("description")
    if not isinstance(description, str) or not description.strip():
        raise PluginError(
            f"docs/{page.file.src_uri} non ha una descrizione. Aggiungi in cima alla pagina:\n"
            "---\n"
            'description: "Una frase (110-160 caratteri) su che cosa trova o impara chi legge."\n'
            "---\n"
            "Serve ai motori di ricerca e all'anteprima dei link (Open Graph)."
        )
    return markdown


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    if page.file.src_uri in GENERATED:
        page.meta.setdefault("description", GENERATED[page.file.src_uri])
    if page.file.generated_by or page.file.src_uri in GENERATED:
        page.edit_url = None
    return context
