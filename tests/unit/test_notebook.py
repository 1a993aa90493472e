"""The project notebook: made from the snippets, valid, and kept in sync in the repository."""

import ast
import sys
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


# Colab's runtime ships these already; everything else the notebook's snippets import must
# be installed by its first cell.
PREINSTALLED_IN_COLAB = {"torch", "numpy", "scipy"}
PACKAGE_OF = {"sklearn": "scikit-learn"}


def test_the_colab_setup_installs_every_library_the_snippets_import():
    book = nbformat.read(ROOT / REPOSITORY_COPY, as_version=4)
    setup = book.cells[1].source
    assert "%pip install" in setup, "the notebook's second cell should be the set-up"
    imported = set()
    for cell in book.cells:
        if cell.cell_type != "code" or cell is book.cells[1]:
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - PREINSTALLED_IN_COLAB
    missing = [m for m in sorted(third_party) if PACKAGE_OF.get(m, m) not in setup]
    assert not missing, f"the Colab set-up cell does not install: {missing}"
