"""The build hooks that rewrite pages (hooks/ is loaded by MkDocs, not installed)."""

import importlib.util
import json
import logging
import posixpath
import re
import subprocess
from pathlib import Path

import mkdocs_jupyter.plugin
import pytest
from mkdocs.exceptions import PluginError

from docexec import formule
from docexec.formule import _read_cache as read_formula_cache
from docexec.shared import write_checked

from .sites import Site

ROOT = Path(__file__).resolve().parents[2]


def load_hook(name: str):
    spec = importlib.util.spec_from_file_location(f"hook_{name}", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


notebook_hook = load_hook("notebook")
vendor_hook = load_hook("vendor")


def test_notebook_css_keeps_only_the_selectors_that_can_match_the_page():
    css = (
        ".w .cell, .w .widget { color: red }\n"
        ".w .widget { color: blue }\n"
        ".w :not(.widget) { margin: 0 }\n"
        ".w :root { --a: 1 }\n"
        ":root { --b: 2 }\n"
        "@media (max-width: 10px) { .widget { padding: 0 } }\n"
        "@media print { .cell { padding: 1px } }\n"
        ".w .broken {"
    )
    assert notebook_hook.prune_css(css, {"w", "cell"}).split("\n") == [
        ".w .cell{ color: red }",  # the group loses the selector for a class not on the page
        ".w :not(.widget) { margin: 0 }",  # a class inside :not() is not judged
        ":root { --b: 2 }",  # ":root" inside another element never matches; alone it does
        "@media print {.cell { padding: 1px }}",  # an emptied @media goes, as does the
        "",  # unfinished last rule, which the browser drops too
    ]


def test_the_notebook_page_keeps_the_rules_for_its_own_classes():
    page = (
        "<html><body><style>.jp-Cell { color: red } .jp-Widget { color: blue }</style>\n"
        '<div class="jp-Cell jp-mod-x">x</div></body></html>'
    )
    fixed = notebook_hook.fix_notebook_page(page)
    assert ".jp-Cell" in fixed
    assert ".jp-Widget" not in fixed
    assert '<div class="jp-Cell jp-mod-x">x</div>' in fixed


def test_the_pruned_notebook_css_is_read_back_from_the_cache(tmp_path):
    css = ".a { color: red } .b { color: blue }"
    first = notebook_hook.cached_prune_css(css, {"a"}, tmp_path)
    assert first == notebook_hook.prune_css(css, {"a"})
    [stored] = tmp_path.iterdir()
    write_checked(stored, b"/* dalla cache */\n")
    assert notebook_hook.cached_prune_css(css, {"a"}, tmp_path) == "/* dalla cache */\n"
    # Other classes on the page: another entry, pruned afresh.
    assert notebook_hook.cached_prune_css(css, {"b"}, tmp_path) == ".b { color: blue }\n"
    assert len(list(tmp_path.iterdir())) == 2


def test_a_truncated_notebook_css_entry_is_discarded_and_pruned_again(tmp_path, caplog):
    css = ".a { color: red } .b { color: blue }"
    notebook_hook.cached_prune_css(css, {"a"}, tmp_path)
    [stored] = tmp_path.iterdir()
    stored.write_bytes(stored.read_bytes()[:-8])  # a build stopped while writing it
    with caplog.at_level(logging.INFO):
        again = notebook_hook.cached_prune_css(css, {"a"}, tmp_path)
    assert again == ".a { color: red }\n"
    assert f"CSS del notebook in cache illeggibile ({stored}" in caplog.text
    assert notebook_hook.cached_prune_css(css, {"a"}, tmp_path) == again


def test_mkdocs_jupyter_entries_are_written_whole_and_checked_when_read(tmp_path, caplog):
    entry = mkdocs_jupyter.plugin._get_cache_path(str(tmp_path), "chiave")
    assert isinstance(entry, notebook_hook.NotebookCacheEntry)
    assert not entry.exists()
    entry.write_text(json.dumps({"content": "<p>x</p>", "toc_tokens": []}), encoding="utf-8")
    assert entry.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["chiave.json"]  # nothing left aside
    entry.write_text('{"content": "<p>x', encoding="utf-8")  # as a build cut short left it
    with caplog.at_level(logging.INFO):
        assert not entry.exists()
    assert f"voce di cache di mkdocs-jupyter illeggibile ({entry}" in caplog.text
    assert list(tmp_path.iterdir()) == []


def test_a_truncated_formula_cache_is_discarded_with_one_line(tmp_path, caplog):
    cache = tmp_path / "formule.json"
    cache.write_text('{"I:x": "<span>x</span>", "I:y": "<sp', encoding="utf-8")
    with caplog.at_level(logging.INFO):
        assert read_formula_cache(cache) == {}
    assert f"cache delle formule {cache} illeggibile" in caplog.text
    assert not cache.exists()


def test_the_katex_stylesheet_names_only_fonts_the_site_serves():
    served = vendor_hook.vendored_files(ROOT / "node_modules")
    css_path = "assets/vendor/katex/katex.min.css"
    css = served[css_path]
    text = css if isinstance(css, str) else css.read_text(encoding="utf-8")
    named = {
        posixpath.normpath(posixpath.join(posixpath.dirname(css_path), url.strip("\"'")))
        for url in re.findall(r"url\(([^)]*)\)", text)
    }
    assert len(named) == text.count("@font-face") > 0  # every font keeps one source
    assert named <= served.keys(), sorted(named - served.keys())


def test_a_font_without_a_woff2_source_stops_the_build():
    css = '@font-face{font-family:X;src:url(fonts/X.woff) format("woff")}'
    with pytest.raises(PluginError, match="senza versione woff2"):
        vendor_hook.woff2_sources_only(css)


def test_a_formula_has_another_key_under_another_katex():
    assert formule.formula_key("x^2", False, "0.16.47") != formule.formula_key(
        "x^2", False, "0.16.48"
    )
    assert formule.formula_key("x^2", False, "0.16.47") != formule.formula_key(
        "x^2", True, "0.16.47"
    )


def test_the_katex_version_is_the_one_node_imports_beside_the_script(tmp_path):
    imported = subprocess.run(
        ["node", "--input-type=module", "-e", 'import k from "katex"; console.log(k.version)'],
        cwd=formule.SCRIPT.parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert formule.katex_version() == imported
    package = tmp_path / "node_modules" / "katex" / "package.json"
    package.parent.mkdir(parents=True)
    package.write_text('{"name": "katex", "version": "9.9.9"}', encoding="utf-8")
    assert formule.katex_version(tmp_path / "a" / "b" / "katex.mjs") == "9.9.9"


def test_a_formula_typeset_by_another_katex_is_typeset_again(tmp_path, monkeypatch):
    cache = tmp_path / "build" / "cache" / "formule.json"
    cache.parent.mkdir(parents=True)
    old = {formule.formula_key("x", False, "0.16.1"): "<span>di prima</span>"}
    cache.write_text(json.dumps(old), encoding="utf-8")
    engine = formule._Katex(tmp_path, version="0.16.47")
    monkeypatch.setattr(engine, "_ask", lambda tex, display: f"<span>{tex} di ora</span>")
    assert engine.render("x", False) == "<span>x di ora</span>"
    engine.save()
    assert json.loads(cache.read_text(encoding="utf-8")) == {
        formule.formula_key("x", False, "0.16.47"): "<span>x di ora</span>"
    }


@pytest.mark.slow
def test_a_build_recovers_from_a_truncated_mkdocs_jupyter_entry(tmp_path):
    import nbformat

    site = Site(tmp_path / "sito")
    site.config["plugins"] = [
        *site.config["plugins"],
        {"mkdocs-jupyter": {"execute": False, "cache_dir": "build/cache/mkdocs-jupyter"}},
    ]
    site.config["hooks"] = [str(ROOT / "hooks" / "notebook.py")]
    site.page("index.md", "# Prova\n")
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Quaderno")])
    nbformat.write(book, site.root / "docs" / "quaderno.ipynb")
    assert site.build().returncode == 0
    [entry] = (site.root / "build" / "cache" / "mkdocs-jupyter").glob("*.json")
    entry.write_bytes(entry.read_bytes()[:100])
    again = site.build()
    assert again.returncode == 0, again.log
    assert "voce di cache di mkdocs-jupyter illeggibile" in again.log
    assert json.loads(entry.read_text(encoding="utf-8"))["content"]
    assert "Quaderno" in site.html("quaderno/index.html")
