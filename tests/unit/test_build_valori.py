"""Glued values through real `mkdocs build --strict` runs: from the run into the prose,
from the cache on a rebuild, into the doc-test, and the bad inputs that stop a build."""

import re

import pytest

from docexec.valori import unchecked

from .sites import Site
from .test_build import MODEL_CODE

pytestmark = pytest.mark.slow

COUNTS = """# Conta le parole positive di tre frasi.
frasi = ["bello", "brutto", "bello bello"]
positive = sum(f.count("bello") for f in frasi)
quota = positive / sum(len(f.split()) for f in frasi)
per_frase = {f: f.count("bello") for f in frasi}
verdetto = "più alta" if quota > 0.5 else "più bassa"
print(positive, round(quota, 3), verdetto)
"""
PROSE = (
    '# Conta\n\nTesto.\n\n```python\n--8<-- "c/01_conta.py"\n```\n\n'
    "Le parole positive sono {{ positive }}, il {{ quota | percento 1 }} del totale: "
    "una quota {{ verdetto }} della metà.\n"
)
ELEMENT = re.compile(r'<span class="([^"]+)" data-valore="([^"]+)" title="([^"]+)">([^<]*)</span>')


@pytest.fixture
def site(tmp_path, standin_model) -> Site:
    return Site(tmp_path / "sito", model=standin_model)


def test_the_prose_shows_the_values_of_the_run_and_a_rebuild_runs_nothing(site):
    site.snippet("c/01_conta.py", COUNTS).page("index.md", PROSE)
    first = site.build()
    assert first.returncode == 0, first.log
    html = site.html()
    found = ELEMENT.findall(html)
    assert [(key, text) for _, key, _, text in found] == [
        ("c/01_conta.py:positive", "3"),
        ("c/01_conta.py:quota", "75,0%"),
        ("c/01_conta.py:verdetto", "più alta"),
    ]
    assert {classes for classes, *_ in found} == {"docexec-valore"}
    assert all(t.startswith("Calcolato da snippets/c/01_conta.py il ") for _, _, t, _ in found)
    assert all(t.endswith(", senza modello") for _, _, t, _ in found)
    assert "3 0.75 più alta" in html  # the output the same run printed
    again = site.build()
    assert "snippet: 1, dalla cache: 1, eseguiti: 0" in again.log
    assert ELEMENT.findall(site.html()) == found


def test_the_doctest_compares_the_values_and_bites_when_one_is_altered(site):
    site.snippet("c/01_conta.py", COUNTS).page("index.md", PROSE)
    assert site.build().returncode == 0
    tree = site.root / "build" / "doctest" / "index.md"
    shown = tree.read_text(encoding="utf-8")
    assert "<!--pytest-codeblocks:cont-->" in shown
    assert "c/01_conta.py:quota | percento 1 = 75,0%\n" in shown
    assert unchecked(shown) == []
    passed = site.doctest()
    assert passed.returncode == 0, passed.stdout
    assert "1 passed" in passed.stdout
    # The value the prose shows, altered: the tree no longer checks it.
    assert unchecked(shown.replace(">75,0%<", ">80,0%<")) == ["c/01_conta.py:quota = 80,0%"]
    # The value the check expects, altered: the rerun gives another one.
    tree.write_text(shown.replace("percento 1 = 75,0%", "percento 1 = 80,0%"), encoding="utf-8")
    failed = site.doctest()
    assert failed.returncode != 0
    assert "80,0%" in failed.stdout and "75,0%" in failed.stdout


def test_a_changed_snippet_changes_the_prose_of_a_dirty_build(site):
    site.snippet("c/01_conta.py", COUNTS).page("index.md", PROSE)
    assert site.build().returncode == 0
    site.snippet("c/01_conta.py", COUNTS.replace('"bello", "brutto"', '"bello", "bello"'))
    dirty = site.build("--dirty")
    assert dirty.returncode == 0, dirty.log
    values = {key: text for _, key, _, text in ELEMENT.findall(site.html())}
    assert values["c/01_conta.py:positive"] == "4"
    assert values["c/01_conta.py:quota"] == "100,0%"


def test_values_come_the_same_from_fresh_processes(site):
    site.snippet("c/01_conta.py", COUNTS).page("index.md", PROSE)
    site.options(mode="process")
    result = site.build()
    assert result.returncode == 0, result.log
    assert [text for *_, text in ELEMENT.findall(site.html())] == ["3", "75,0%", "più alta"]


def test_a_measured_value_carries_its_label_and_the_doctest_does_not_compare_it(site):
    site.snippet("c/01_conta.py", COUNTS)
    site.page(
        "index.md",
        '# Misura\n\n```python misura\n--8<-- "c/01_conta.py"\n```\n\n'
        "Sono {{ positive | misurato }}.\n",
    )
    result = site.build()
    assert result.returncode == 0, result.log
    assert (
        '>3</span> <small class="docexec-misurato">(misurato sulla macchina della build)</small>'
    ) in site.html()
    assert "<!--pytest-codeblocks:cont-->" not in (
        site.root / "build" / "doctest" / "index.md"
    ).read_text(encoding="utf-8")


def test_a_value_of_the_standin_is_marked_and_the_notice_says_so(site):
    code = MODEL_CODE + "parole = len(tokenizer.decode(answer[0]).split())\n"
    site.snippet("c/01_modello.py", code)
    site.page(
        "index.md",
        '# Modello\n\nTesto.\n\n```python\n--8<-- "c/01_modello.py"\n```\n\n'
        "La risposta ha {{ parole }} parole.\n",
    )
    result = site.build()
    assert result.returncode == 0, result.log
    ((classes, _, title, _),) = ELEMENT.findall(site.html())
    assert classes == "docexec-valore docexec-valore--sostituto"
    assert "con il modello t5-sostituto-offline (modello sostitutivo, non Flan-T5)" in title
    assert "Anche i valori citati nel testo, sottolineati a tratteggio" in site.html()


@pytest.mark.parametrize(
    ("prose", "message"),
    [
        (
            "{{ positivi }}",
            "docs/index.md, riga 9: positivi non è un valore di snippets/c/01_conta.py",
        ),
        ("{{ per_frase }}", "riga 9: per_frase, in snippets/c/01_conta.py, è un dict di 3"),
        ("{{ c/02_altro.py:quota | percento }}", "che questa pagina non esegue"),
    ],
)
def test_a_bad_citation_stops_the_build_naming_page_line_and_fix(site, prose, message):
    site.snippet("c/01_conta.py", COUNTS).snippet("c/02_altro.py", "print('altro')\n")
    site.page("index.md", PROSE.split("Le parole")[0] + prose + "\n")
    site.page("altro.md", '# Altro\n\n```python\n--8<-- "c/02_altro.py"\n```\n')
    result = site.build()
    assert result.returncode != 0
    assert message in result.log, result.log
    assert not (site.root / "site" / "index.html").exists()
