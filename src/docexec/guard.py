"""A Python-Markdown extension that stops a build which shows the guide's snippets
without running them.

The engine runs inside the MkDocs plugin (``docexec``): it puts each snippet's output,
figures and notices under its code and writes the values the prose cites. A front-end
that loads ``markdown_extensions`` but not MkDocs plugins (Zensical today, MkDocs 2.0
tomorrow) would otherwise render every page with the code and nothing that ran: a green
build of a guide that no longer shows what ran. Listed in ``markdown_extensions``, this
extension runs under any of them; the plugin marks each page it has rendered
(``MARK``, its last line), and a page with a snippet include or a cited value but no mark fails the
build, saying why. The mark is removed before anything else reads the page.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .pages import INCLUDE_LINE
from .valori import CITATION

NAME = "docexec.guard"  # as markdown_extensions lists it; the plugin requires it there
# On a line of its own at the end of every page the plugin returns.
MARK = "<!-- docexec: pagina resa dal motore -->"
# Before pymdownx.snippets (32), which replaces the include lines with the files.
PRIORITY = 40


class EngineMissing(RuntimeError):
    """A page that needs the engine reached Markdown without it."""


def needs_engine(lines: list[str]) -> str | None:
    """What in ``lines`` only the engine can render (the first one), or None."""
    for line in lines:
        match = INCLUDE_LINE.match(line.strip())
        if match:
            return f"lo snippet «{match['path']}»"
        cited = CITATION.search(line)
        if cited:
            return f"il valore citato «{cited.group(0)}»"
    return None


class _Guard(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        while lines and not lines[-1].strip():
            lines = lines[:-1]
        if lines and lines[-1] == MARK:
            return lines[:-1]
        found = needs_engine(lines)
        if found is not None:
            raise EngineMissing(
                f"una pagina mostra {found}, ma nessuno l'ha eseguito: questa build "
                "carica le estensioni Markdown e non il plugin docexec di MkDocs, che "
                "esegue gli snippet e mette sotto il codice output, figure e avvisi. "
                "Costruisci il sito con `make build` o `make serve` (MkDocs, con "
                "`plugins: [docexec]` in mkdocs.yml); senza, le pagine uscirebbero "
                "senza nulla di ciò che è stato eseguito"
            )
        return lines


class GuardExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_Guard(md), "docexec_guard", PRIORITY)


def makeExtension(**kwargs: object) -> GuardExtension:  # noqa: N802 (Python-Markdown's name)
    return GuardExtension(**kwargs)
