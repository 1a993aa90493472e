"""The notebook page of the site: same cells as the snippets, same outputs as the pages."""

from pathlib import Path

import nbformat
from pytest_codeblocks.main import extract_from_file

from .checks import ROOT, visit

SITE_NOTEBOOK = ROOT / "site" / "capitolo4" / "notebook" / "notebook.ipynb"


def shown_outputs() -> dict[str, str]:
    """Each snippet's output as the doc-test tree (the pages as shown) holds it."""
    outputs = {}
    for page in (ROOT / "build" / "doctest").rglob("*.md"):
        for block in extract_from_file(page):
            if block.syntax == "python" and block.expected_output is not None:
                outputs[block.code.rstrip("\n")] = block.expected_output
    return outputs


def test_the_site_notebook_has_the_snippets_and_the_outputs_the_pages_show():
    book = nbformat.read(SITE_NOTEBOOK, as_version=4)
    nbformat.validate(book)
    shown = shown_outputs()
    cells = [c for c in book.cells if c.cell_type == "code"]
    assert len(cells) >= 12
    for cell in cells:
        name = cell.metadata["docexec"]["snippet"]
        source = (ROOT / "snippets" / name).read_text("utf-8").rstrip("\n")
        assert cell.source == source, name
        stdout = "".join(o.text for o in cell.outputs if o.output_type == "stream")
        if source in shown:  # speed measurements are not compared anywhere
            assert stdout == shown[source], name


def test_the_notebook_page_links_a_downloadable_notebook(context, base_url):
    tab, record = visit(context, base_url, "capitolo4/notebook/")
    link = tab.get_by_role("link", name="Scarica il notebook (progetto-sentiment.ipynb)")
    href = link.get_attribute("href")
    response = tab.request.get(base_url + "capitolo4/notebook/" + href)
    assert response.ok
    nbformat.validate(nbformat.reads(response.text(), as_version=4))
    colab = tab.get_by_role("link", name="Apri in Colab").get_attribute("href")
    assert colab.startswith("https://colab.research.google.com/github/")
    assert colab.endswith("/blob/main/notebooks/progetto-sentiment.ipynb")
    assert Path(ROOT / "notebooks" / "progetto-sentiment.ipynb").is_file()
