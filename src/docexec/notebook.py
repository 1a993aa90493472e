"""The project chapter as a Jupyter notebook, made from the same snippets.

Two notebooks come from one function:

- the site's (``notebook(..., outputs=...)``): each snippet's code with the output and
  figures the build recorded for it, never executed again, rendered by mkdocs-jupyter;
- the repository's (``python -m docexec.notebook``, run by ``make notebook``): code
  only, at ``notebooks/progetto-sentiment.ipynb``, for the «Apri in Colab» link. A test
  fails when it no longer matches the snippets.

The cells follow the chapter's pages in navigation order; each page gives a heading, and
each snippet it shows (exercise solutions excepted) gives a code cell with its bytes.
"""

from __future__ import annotations

import base64
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from .pages import find_includes

REPOSITORY_COPY = "notebooks/progetto-sentiment.ipynb"
DATA_FILE = "snippets/data/sentiment.csv"


@dataclass(frozen=True)
class Section:
    title: str
    page: str  # docs-relative path of the page
    snippets: list[str]  # snippet names, in page order


@dataclass(frozen=True)
class Output:
    stdout: str
    figures: dict[str, bytes]


def nav_pages(nav: object) -> list[str]:
    """Every page path of a MkDocs ``nav``, in order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    return []


def sections(docs: Path, nav: object, prefix: str) -> list[Section]:
    """The chapter's pages under ``prefix`` and the snippets each shows outside exercises."""
    found = []
    for page in nav_pages(nav):
        if not (page.startswith(prefix) and page.endswith(".md")):
            continue
        text = (docs / page).read_text(encoding="utf-8")
        title = next(
            (line[2:].strip() for line in text.splitlines() if line.startswith("# ")), page
        )
        names = [inc.path for inc in find_includes(text, page) if not inc.indent]
        found.append(Section(title, page, names))
    return found


TITLE = "Il notebook del progetto: analisi del sentiment con Flan-T5"


def intro(repo_url: str, site: bool, notice: str = "", outputs: bool = True) -> str:
    """The first cell: what the notebook is, where to run it, where it comes from."""
    text = (
        f"# {TITLE}\n\n"
        "Il capitolo 4 di «LLM senza hype» in un solo notebook: ogni cella di codice è uno "
        "degli esempi del capitolo, nell'ordine delle pagine, e funziona anche da sola.\n\n"
        f"[Apri in Colab]({colab_url(repo_url)})"
    )
    if site:
        name = Path(REPOSITORY_COPY).name
        text += f" · [Scarica il notebook ({name})](notebook.ipynb)\n\n" + (
            "Gli output sotto le celle sono quelli che la build del sito ha registrato "
            "eseguendo gli stessi file: il notebook non viene eseguito una seconda volta."
            if outputs
            else "Questa build del sito non ha eseguito gli esempi (esecuzione "
            "disattivata): le celle mostrano solo il codice, senza output."
        )
    if notice:
        text += "\n\n" + notice
    return text


def notebook(
    parts: list[Section],
    sources: dict[str, str],
    *,
    intro: str,
    outputs: dict[str, Output] | None = None,
    setup: str = "",
) -> nbformat.NotebookNode:
    """A notebook with a heading per page and a code cell per snippet."""
    cells = [nbformat.v4.new_markdown_cell(intro)]
    if setup:
        cells.append(nbformat.v4.new_code_cell(setup, metadata={"docexec": "preparazione"}))
    for part in parts:
        if not part.snippets:
            continue
        cells.append(nbformat.v4.new_markdown_cell(f"## {part.title}"))
        for name in part.snippets:
            cell = nbformat.v4.new_code_cell(
                sources[name].rstrip("\n"), metadata={"docexec": {"snippet": name}}
            )
            if outputs is not None:
                cell.outputs = _outputs(outputs[name])
                cell.execution_count = None
            cells.append(cell)
    book = nbformat.v4.new_notebook(cells=cells)
    book.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    book.metadata["language_info"] = {"name": "python"}
    # Stable ids: the same snippets give the same file.
    for index, cell in enumerate(book.cells):
        cell.id = f"cella-{index:03d}"
    nbformat.validate(book)
    return book


def _outputs(output: Output) -> list[nbformat.NotebookNode]:
    found = [nbformat.v4.new_output("stream", name="stdout", text=output.stdout)]
    for name, data in sorted(output.figures.items()):
        if name.lower().endswith(".png"):
            found.append(
                nbformat.v4.new_output(
                    "display_data",
                    data={
                        "image/png": base64.b64encode(data).decode("ascii"),
                        "text/plain": f"<figura {name}>",
                    },
                )
            )
    return found


def colab_setup(repo_url: str) -> str:
    """The first cell of the repository's notebook: libraries and data, in Colab."""
    raw = repo_url.rstrip("/").replace("https://github.com/", "https://raw.githubusercontent.com/")
    return (
        "# In Colab (o in un ambiente nuovo): le librerie e i dati del progetto.\n"
        # peft: the LoRA training of the comparisons and of the final evaluation.
        '%pip install -q "transformers>=5.24" "peft>=0.21" scikit-learn matplotlib\n'
        f"!mkdir -p data && wget -q -O data/sentiment.csv {raw}/main/{DATA_FILE}"
    )


def colab_url(repo_url: str) -> str:
    repo = repo_url.rstrip("/").removeprefix("https://github.com/")
    return f"https://colab.research.google.com/github/{repo}/blob/main/{REPOSITORY_COPY}"


def repository_notebook(root: Path) -> nbformat.NotebookNode:
    """The code-only notebook committed at REPOSITORY_COPY, from mkdocs.yml and snippets."""
    config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_IgnoreTags)
    options = _plugin_options(config)
    parts = sections(root / config.get("docs_dir", "docs"), config["nav"], options["prefix"])
    names = [name for part in parts for name in part.snippets]
    sources = {n: (root / "snippets" / n).read_text(encoding="utf-8") for n in names}
    return notebook(
        parts,
        sources,
        intro=intro(config["repo_url"], site=False),
        setup=colab_setup(config["repo_url"]),
    )


def _plugin_options(config: dict) -> dict:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "docexec" in plugin:
            return {"prefix": (plugin["docexec"] or {}).get("notebook_pages", "capitolo4/")}
    return {"prefix": "capitolo4/"}


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its !ENV and !!python tags."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path.cwd()
    target = root / REPOSITORY_COPY
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(repository_notebook(root), target)
    print(f"scritto {target.relative_to(root)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
