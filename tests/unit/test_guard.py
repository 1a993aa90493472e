"""docexec.guard: a build that would show the snippets without running them fails."""

from pathlib import Path

import markdown
import pytest

from docexec.guard import MARK, EngineMissing

from .sites import Site

PAGE = '# Prova\n\nTesto.\n\n```python\n--8<-- "c/01_a.py"\n```\n'


def convert(text: str, snippets: Path) -> str:
    """The page through the extensions a front-end without the plugin would load."""
    extensions = ["docexec.guard", "pymdownx.snippets", "pymdownx.superfences"]
    config = {"pymdownx.snippets": {"base_path": [str(snippets)], "check_paths": True}}
    return markdown.markdown(text, extensions=extensions, extension_configs=config)


@pytest.fixture
def snippets(tmp_path: Path) -> Path:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "01_a.py").write_text("print('a')\n", encoding="utf-8")
    return tmp_path


def test_a_snippet_include_without_the_engine_stops_the_conversion(snippets):
    with pytest.raises(EngineMissing, match="lo snippet «c/01_a.py».*make build"):
        convert(PAGE, snippets)


def test_a_cited_value_without_the_engine_stops_the_conversion(snippets):
    with pytest.raises(EngineMissing, match="il valore citato «{{ c/01_a.py:n }}»"):
        convert("# Prova\n\nSono {{ c/01_a.py:n }}.\n", snippets)


def test_a_page_the_engine_rendered_converts_and_loses_the_mark(snippets):
    html = convert(f"{PAGE}\n{MARK}\n", snippets)
    assert "<span class=\"s1\">'a'</span>" in html  # the include, expanded by snippets
    assert "docexec" not in html


def test_the_mark_counts_only_as_the_last_line(snippets):
    with pytest.raises(EngineMissing):
        convert(f"{MARK}\n{PAGE}", snippets)


def test_a_page_with_nothing_to_run_converts_without_the_mark(snippets):
    assert convert("# Prova\n\nSolo testo.\n", snippets) == "<h1>Prova</h1>\n<p>Solo testo.</p>"


def test_a_build_without_the_plugin_fails_instead_of_showing_code_alone(tmp_path):
    site = Site(tmp_path / "sito").snippet("c/01_a.py", "print('a')\n").page("index.md", PAGE)
    site.config["plugins"] = ["search"]  # the engine taken out of the configuration
    result = site.build()
    assert result.returncode != 0
    assert "nessuno l'ha eseguito" in result.log, result.log
    assert not (site.root / "site" / "index.html").exists()


def test_the_plugin_refuses_a_configuration_without_the_guard(tmp_path):
    site = Site(tmp_path / "sito").snippet("c/01_a.py", "print('a')\n").page("index.md", PAGE)
    site.config["markdown_extensions"] = [
        e for e in site.config["markdown_extensions"] if e != "docexec.guard"
    ]
    result = site.build()
    assert result.returncode != 0
    assert "manca docexec.guard in markdown_extensions" in result.log, result.log


def test_a_build_with_the_plugin_passes_and_its_pages_carry_no_mark(tmp_path):
    site = Site(tmp_path / "sito").snippet("c/01_a.py", "print('a')\n").page("index.md", PAGE)
    result = site.build()
    assert result.returncode == 0, result.log
    html = (site.root / "site" / "index.html").read_text(encoding="utf-8")
    assert "Output" in html and MARK not in html
