"""The project notebook: made from the snippets, valid, and kept in sync in the repository."""

from pathlib import Path

import nbformat

from docexec.notebook import REPOSITORY_COPY, Output, Section, notebook, repository_notebook

ROOT = Path(__file__).resolve().parents[2]


def test_a_notebook_has_a_heading_per_page_and_the_snippets_code_and_outputs():
    parts = [Section("Pagina uno", "c/uno.md", ["c/01_a.py"]), Section("Vuota", "c/x.md", [])]
    book = notebook(
        parts,
        {"c/01_a.py": "print('ciao')\n"},
        intro="# Titolo",
        outputs={"c/01_a.py": Output("ciao\n", {"f.png": b"\x89PNG"})},
    )
    nbformat.validate(book)
    kinds = [(c.cell_type, c.source) for c in book.cells]
    assert kinds == [
        ("markdown", "# Titolo"),
        ("markdown", "## Pagina uno"),
        ("code", "print('ciao')"),
    ]
    outputs = book.cells[-1].outputs
    assert outputs[0].text == "ciao\n"
    assert outputs[1].data["image/png"] == "iVBORw=="


def test_the_repository_notebook_matches_the_snippets():
    committed = nbformat.read(ROOT / REPOSITORY_COPY, as_version=4)
    fresh = repository_notebook(ROOT)
    assert nbformat.writes(committed) == nbformat.writes(fresh), (
        f"{REPOSITORY_COPY} non corrisponde più agli snippet del capitolo: "
        "rigeneralo con `make notebook` e fai commit"
    )


def test_every_code_cell_of_the_repository_notebook_is_a_snippet_file():
    book = nbformat.read(ROOT / REPOSITORY_COPY, as_version=4)
    cells = [
        c
        for c in book.cells
        if c.cell_type == "code" and "snippet" in c.metadata.get("docexec", {})
    ]
    assert len(cells) >= 12
    for cell in cells:
        name = cell.metadata["docexec"]["snippet"]
        assert cell.source == (ROOT / "snippets" / name).read_text("utf-8").rstrip("\n")
        assert not cell.outputs
