"""The README, followed literally: the five-minute guide builds, and what it points at is
there in a clone."""

import re
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from .sites import Site

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = README[README.index("## Aggiungere una pagina") : README.index("## Scegliere il modello")]
METADATI = str(ROOT / "hooks" / "metadati.py")


def block(text: str, fence: str) -> str:
    """The first block opened by ``fence`` in ``text``, dedented."""
    ticks = re.match(r"`+", fence)[0]
    found = re.search(rf"^( *){re.escape(fence)}\n(.*?)^\1{ticks}\n", text, re.M | re.S)
    assert found, f"nessun blocco {fence} nella guida"
    return textwrap.dedent(found[2])


def test_the_readme_gives_the_address_that_make_serve_serves():
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    address = f"http://127.0.0.1:8000{urlsplit(config['site_url']).path}"
    assert address in README.split("## I comandi di `make`")[0]
    assert "http://127.0.0.1:8000 " not in README and "http://127.0.0.1:8000\n" not in README


def test_the_readme_points_only_at_files_a_clone_has():
    named = set(re.findall(r"`((?:\.\./|[\w-]+/)*[\w.-]+\.md)`", README))
    to_create = set(re.findall(r"Crea `([^`]+)`", GUIDE))
    generated = {n for n in named if n.startswith(("build/", "site/"))}  # made by make
    missing = [n for n in sorted(named - to_create - generated) if not (ROOT / n).is_file()]
    assert missing == []
    assert "../shared" not in README
    assert "sviluppo/STYLE.md" in GUIDE


@pytest.mark.slow
def test_the_five_minute_guide_followed_literally_builds_a_page(tmp_path, standin_model):
    snippet_path = re.search(r"Crea `snippets/([^`]+\.py)`", GUIDE)[1]
    page_path = re.search(r"Crea `docs/([^`]+\.md)`", GUIDE)[1]
    nav_entry = re.search(r"Aggiungi `- ([^`]+)` al capitolo giusto", GUIDE)[1]
    site = Site(tmp_path / "sito", model=standin_model)
    site.config["hooks"] = [METADATI]
    site.page("index.md", '---\ndescription: "La guida di prova."\n---\n# Prova\n')
    site.snippet(snippet_path, block(GUIDE, "```python"))
    site.page(page_path, block(GUIDE, "````markdown"))
    site.config["nav"] = ["index.md", {"Come funzionano i LLM": [nav_entry]}]
    result = site.build()
    assert result.returncode == 0, result.log
    html = site.html(page_path.removesuffix(".md") + "/index.html")
    assert "somma: 1.000" in html
    cited = re.search(r'data-valore="([^"]+)"[^>]*>([^<]+)</span>', html)
    assert cited and cited[1] == f"{snippet_path}:piu_probabile", html
    assert re.fullmatch(r"\d+,\d%", cited[2]), cited[2]
    doctest = site.doctest()
    assert doctest.returncode == 0, doctest.stdout


REBUILD_TWICE = """
from mkdocs import utils
from mkdocs.commands import build
from mkdocs.config import load_config

build.log.addFilter(utils.DuplicateFilter())  # as mkdocs's command line sets it up
for attempt in (1, 2):  # what `mkdocs serve` does on each save
    config = load_config("mkdocs.yml")
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build.build(config)
    except SystemExit as stop:
        print(f"ricostruzione {attempt}: {stop}", flush=True)
"""


@pytest.mark.slow
def test_every_failed_rebuild_of_make_serve_says_why(tmp_path):
    site = Site(tmp_path / "sito")
    site.config["hooks"] = [METADATI]
    site.page("index.md", "# Una pagina senza descrizione\n")
    site.build()  # writes mkdocs.yml
    result = subprocess.run(
        [sys.executable, "-c", REBUILD_TWICE],
        cwd=site.root,
        capture_output=True,
        text=True,
        env=site._command((), {})["env"],
    )
    log = result.stdout + result.stderr
    assert log.count("ricostruzione") == 2, log
    assert log.count("docs/index.md non ha una descrizione") == 2, log
