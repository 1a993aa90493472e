"""The plugin through real `mkdocs build --strict` runs of small sites."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape as html_unescape
from pathlib import Path

import pytest

from docexec import standin

from .sites import Site

pytestmark = pytest.mark.slow

INCLUDE = '```python\n--8<-- "{}"\n```\n'
MODEL_CODE = """import os

from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
inputs = tokenizer("Is this review positive or negative? Great food.", return_tensors="pt")
answer = model.generate(**inputs, max_new_tokens=5, do_sample=False)
print(tokenizer.decode(answer[0], skip_special_tokens=True))
"""
RANDOM_FIGURE_CODE = """import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
weights = torch.softmax(torch.randn(5, 5), dim=-1)
print(weights.round(decimals=4))
plt.imshow(weights.numpy())
plt.savefig("pesi.png")
"""


def page(*snippets: str, title: str = "Prova") -> str:
    return f"# {title}\n\nTesto.\n\n" + "\n".join(INCLUDE.format(s) for s in snippets)


@pytest.fixture
def site(tmp_path, standin_model) -> Site:
    return Site(tmp_path / "sito", model=standin_model)


def test_output_and_figure_appear_under_the_code(site):
    site.snippet(
        "c/01_figura.py",
        "import matplotlib.pyplot as plt\nprint('ciao dal codice')\nplt.plot([1, 2])\n"
        "plt.savefig('curva.png', metadata={'Title': 'Una curva'})\n",
    ).page("index.md", page("c/01_figura.py"))
    result = site.build()
    assert result.returncode == 0, result.log
    html = site.html()
    assert re.search(r'<span class="filename">Output</span><pre>.*ciao dal codice', html, re.S)
    assert "nessun modello · transformers " in html and "torch " in html
    image = re.search(r'<img alt="Una curva"[^>]* src="([^"]+)"', html)
    assert image, html
    assert (site.root / "site" / image.group(1)).read_bytes().startswith(b"\x89PNG")
    assert re.search(r"<figcaption>.*Una curva", html, re.S)
    assert "snippet: 1, dalla cache: 0, eseguiti: 1, falliti: 0" in result.log


def test_nothing_changed_nothing_runs_and_one_change_runs_only_it(site):
    site.snippet("c/01_a.py", "print('a')\n").snippet("c/02_b.py", "print('b')\n")
    site.page("index.md", page("c/01_a.py", "c/02_b.py"))
    assert site.build().returncode == 0
    warm = site.build()
    assert "snippet: 2, dalla cache: 2, eseguiti: 0" in warm.log
    site.snippet("c/02_b.py", "print('b cambiato')\n")
    changed = site.build()
    assert "snippet: 2, dalla cache: 1, eseguiti: 1" in changed.log
    assert "snippets/c/02_b.py: eseguito" in changed.log
    assert "b cambiato" in site.html()


def test_a_dirty_build_renders_the_pages_whose_snippets_changed(site):
    # `make serve` runs dirty builds: mkdocs renders again only the pages whose Markdown
    # changed, so the plugin must add those whose snippet changed, and keep the doctest
    # pages of the others.
    site.snippet("c/01_a.py", "print('a')\n").snippet("c/02_b.py", "print('b')\n")
    site.page("index.md", page("c/01_a.py")).page("altra.md", page("c/02_b.py"))
    assert site.build().returncode == 0
    site.snippet("c/02_b.py", "print('b cambiato')\n")
    dirty = site.build("--dirty")
    assert dirty.returncode == 0, dirty.log  # mkdocs's dirty notice does not stop --strict
    assert "'dirty' build" in dirty.log
    assert "snippet: 2, dalla cache: 1, eseguiti: 1" in dirty.log
    assert "b cambiato" in site.html("altra/index.html")
    doctest = site.root / "build" / "doctest"
    assert "b cambiato" in (doctest / "altra.md").read_text(encoding="utf-8")
    assert "'a'" in (doctest / "index.md").read_text(encoding="utf-8")
    # The old b's entry is one the dirty build did not look at: it stays, and only full
    # builds are counted towards removing it.
    usage = json.loads((site.root / "build" / "cache" / "usage.json").read_text("utf-8"))
    assert usage["builds"] == 1 and len(usage["last_used"]) == 3, usage


def test_a_failing_snippet_stops_the_build_and_writes_no_page(site):
    site.snippet("c/01_ok.py", "print('ok')\n")
    site.snippet("c/02_errore.py", "import json\nx = 1\ny = x / 0\n")
    site.page("index.md", page("c/01_ok.py", "c/02_errore.py"))
    result = site.build()
    assert result.returncode != 0
    assert "snippets/c/02_errore.py è fallito" in result.log
    assert "alla riga 3 (`y = x / 0`)" in result.log
    assert "ZeroDivisionError: division by zero" in result.log
    assert not (site.root / "site" / "index.html").exists()


def test_a_snippet_past_its_limit_fails_the_build(site):
    site.options(timeout=2)
    site.snippet("c/01_lento.py", "import time\ntime.sleep(60)\n")
    site.page("index.md", page("c/01_lento.py"))
    result = site.build()
    assert result.returncode != 0
    assert "snippets/c/01_lento.py ha superato il limite di 2 s" in result.log


def test_an_include_of_a_missing_file_names_page_path_and_fix(site):
    site.page("index.md", page("c/manca.py"))
    result = site.build()
    assert result.returncode != 0
    assert 'docs/index.md, riga 6: include "c/manca.py"' in result.log
    assert "snippets/c/manca.py non esiste" in result.log


def test_a_syntax_error_names_the_line(site):
    site.snippet("c/01_sintassi.py", "print('a')\nif True\n    print('b')\n")
    site.page("index.md", page("c/01_sintassi.py"))
    result = site.build()
    assert result.returncode != 0
    assert "snippets/c/01_sintassi.py, riga 2: errore di sintassi" in result.log


def test_a_snippet_that_prints_nothing_fails(site):
    site.snippet("c/01_muto.py", "x = 1\n").page("index.md", page("c/01_muto.py"))
    result = site.build()
    assert result.returncode != 0
    assert "snippets/c/01_muto.py non stampa nulla" in result.log


def test_a_figure_in_an_unsupported_format_fails(site):
    site.snippet(
        "c/01_pdf.py",
        "import matplotlib.pyplot as plt\nplt.plot([1])\nplt.savefig('f.pdf')\nprint('ok')\n",
    ).page("index.md", page("c/01_pdf.py"))
    result = site.build()
    assert result.returncode != 0
    assert "ha salvato f.pdf" in result.log and "salva la figura come .png" in result.log


def test_an_inline_python_block_is_refused(site):
    site.page("index.md", "# T\n\n```python\nprint('scritto a mano')\n```\n")
    result = site.build()
    assert result.returncode != 0
    assert "docs/index.md, riga 3: un blocco ```python che non è l'inclusione" in result.log


def test_an_unreadable_cache_entry_is_recomputed(site):
    site.snippet("c/01_a.py", "print('a')\n").page("index.md", page("c/01_a.py"))
    assert site.build().returncode == 0
    (entry,) = (site.root / "build" / "cache").glob("*/*/risultato.json")
    entry.write_text("{rotto", encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.log
    assert "voce di cache illeggibile per snippets/c/01_a.py" in result.log
    assert "eseguiti: 1" in result.log
    assert json.loads(entry.read_text())["stdout"] == "a\n"


def test_a_model_folder_that_does_not_exist_fails_with_the_fix(site, tmp_path):
    site.snippet("c/01_modello.py", MODEL_CODE)
    site.page("index.md", page("c/01_modello.py"))
    result = site.build(FLAN_T5_MODEL=str(tmp_path / "non-esiste"))
    assert result.returncode != 0
    assert "indica una cartella che non esiste" in result.log


def test_model_outputs_name_the_model_and_carry_the_standin_notice(site):
    site.snippet("c/01_modello.py", MODEL_CODE)
    site.snippet("c/02_senza.py", "print('senza modello')\n")
    site.page("index.md", page("c/01_modello.py")).page("altra.md", page("c/02_senza.py"))
    result = site.build()
    assert result.returncode == 0, result.log
    html = site.html()
    assert "Output di un modello sostitutivo, non di Flan-T5" in html
    assert "t5-sostituto-offline (modello sostitutivo, non Flan-T5)" in html
    assert "Output di un modello sostitutivo" not in site.html("altra/index.html")


def test_a_publishing_build_refuses_the_standin(site):
    site.snippet("c/01_modello.py", MODEL_CODE)
    site.page("index.md", page("c/01_modello.py"))
    site.model = None
    # `make publish` sets LLM_PUBBLICA, which mkdocs.yml reads into this option
    # (`publish: !ENV [LLM_PUBBLICA, false]`); the small site sets the option itself.
    site.options(publish=True)
    result = site.build(HF_HUB_OFFLINE="1")
    assert result.returncode != 0, result.log
    assert "Build di pubblicazione" in result.log
    assert "FLAN_T5_MODEL" in result.log
    assert not (site.root / "site" / "index.html").exists()


def test_execution_can_be_switched_off(site):
    site.snippet("c/01_a.py", "print('mai eseguito')\n").page("index.md", page("c/01_a.py"))
    measured = (
        '# Misura\n\n```python misura\n--8<-- "c/01_a.py"\n```\n\n## Dopo la misura\n\n'
        "```text\naltro codice\n```\n"
    )
    site.page("misura.md", measured)
    site.options(enabled=False)
    result = site.build()
    assert result.returncode == 0, result.log
    assert "print" in site.html() and "mai eseguito</code>" not in site.html()
    # The measure flag is dropped from the fence, which would otherwise swallow the page.
    assert 'id="dopo-la-misura"' in site.html("misura/index.html")
    assert not (site.root / "build" / "cache").exists()


def test_the_doctest_passes_and_bites_when_the_shown_output_is_wrong(site):
    site.snippet("c/01_a.py", "for i in range(3):\n    print(i * i)\n")
    site.page("index.md", page("c/01_a.py"))
    assert site.build().returncode == 0
    passed = site.doctest()
    assert passed.returncode == 0, passed.stdout
    assert "1 passed" in passed.stdout
    shown = site.root / "build" / "doctest" / "index.md"
    shown.write_text(shown.read_text().replace("0\n1\n4\n", "0\n1\n5\n"), encoding="utf-8")
    failed = site.doctest()
    assert failed.returncode != 0
    assert "Expected output" in failed.stdout and "5" in failed.stdout


def outputs(site: Site) -> dict[str, str]:
    """Every recorded output and figure, by content, and the doc-test tree."""
    found = {}
    for path in sorted((site.root / "build" / "cache").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name == "risultato.json":
                meta = json.loads(data)
                data = (meta["stdout"] + json.dumps(meta["figures"])).encode()
            found[path.relative_to(site.root / "build").as_posix()] = hashlib.sha256(
                data
            ).hexdigest()
    for path in sorted((site.root / "build" / "doctest").rglob("*.md")):
        found[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def test_two_builds_from_a_clean_cache_give_identical_outputs(site):
    site.snippet("c/01_attenzione.py", RANDOM_FIGURE_CODE)
    site.snippet("c/02_modello.py", MODEL_CODE)
    site.page("index.md", page("c/01_attenzione.py", "c/02_modello.py"))
    assert site.build().returncode == 0
    first = outputs(site)
    shutil.rmtree(site.root / "build" / "cache")
    assert site.build().returncode == 0
    assert outputs(site) == first
    assert any(name.endswith(".png") for name in first)


FIGURE_CODE = (
    "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.savefig('curva.png')\nprint('ok')\n"
)


def test_a_broken_figure_stops_the_build_naming_snippet_and_file_and_is_not_cached(site):
    site.snippet("c/01_rotta.py", "open('curva.png', 'wb').write(b'\\x89PNG\\r\\n')\nprint('ok')\n")
    site.page("index.md", page("c/01_rotta.py"))
    for _ in range(2):  # the second build runs it again: nothing was cached
        result = site.build()
        assert result.returncode != 0
        assert "snippets/c/01_rotta.py ha salvato la figura curva.png, che" in result.log
        assert "eseguiti: 1, falliti: 1" in result.log
        assert "Traceback" not in result.log


def test_a_cached_entry_with_a_broken_figure_is_discarded_and_run_again(site):
    site.snippet("c/01_figura.py", FIGURE_CODE).page("index.md", page("c/01_figura.py"))
    assert site.build().returncode == 0
    # Replaced after the build, hash included: only opening it shows that it is broken.
    (meta_path,) = (site.root / "build" / "cache").glob("*/*/risultato.json")
    (meta_path.parent / "curva.png").write_bytes(b"")
    meta = json.loads(meta_path.read_text())
    meta["figures"]["curva.png"] = hashlib.sha256(b"").hexdigest()
    meta_path.write_text(json.dumps(meta))
    result = site.build()
    assert result.returncode == 0, result.log
    assert "voce di cache illeggibile per snippets/c/01_figura.py (la figura curva.png non si " in (
        result.log
    )
    assert "eseguiti: 1" in result.log
    assert (meta_path.parent / "curva.png").read_bytes().startswith(b"\x89PNG")


def test_the_output_limit_is_set_in_mkdocs_yml(site):
    site.options(max_output_kb=1)
    site.snippet("c/01_lungo.py", "for i in range(200):\n    print(f'riga {i:4d}')\n")
    site.page("index.md", page("c/01_lungo.py"))
    result = site.build()
    assert result.returncode != 0
    assert "snippets/c/01_lungo.py ha stampato 2 kB su stdout, oltre il limite di 1 kB" in (
        result.log
    )
    assert not list((site.root / "build" / "cache").glob("*/*/risultato.json"))


LEAKS_STATE = """import json
import os

import torch

os.environ["DOCEXEC_PROVA"] = "lasciata"
os.chdir("/")
torch.set_default_dtype(torch.float64)
json.dumps = lambda *args, **kwargs: "rattoppato"
print("stato cambiato")
"""
READS_STATE = """import json
import os

import torch

print(os.environ.get("DOCEXEC_PROVA"), torch.get_default_dtype(), json.dumps([1]))
print("data/ qui:", os.path.isdir("data"))
"""


def test_the_doctest_runs_each_block_apart_from_the_blocks_before_it(site):
    site.snippet("c/01_cambia.py", LEAKS_STATE).snippet("c/02_legge.py", READS_STATE)
    site.page("index.md", page("c/01_cambia.py", "c/02_legge.py"))
    assert site.build().returncode == 0
    doctest = site.doctest()
    assert doctest.returncode == 0, doctest.stdout
    assert "2 passed" in doctest.stdout
    shown = (site.root / "build" / "doctest" / "index.md").read_text(encoding="utf-8")
    assert "None torch.float32 [1]\ndata/ qui: True\n" in shown


def test_the_doctest_agrees_with_the_build_on_bytes_written_to_stdout(site):
    site.snippet(
        "c/01_byte.py", "import sys\n\nsys.stdout.buffer.write('città\\n'.encode('utf-8'))\n"
    )
    site.page("index.md", page("c/01_byte.py"))
    assert site.build().returncode == 0
    shown = site.root / "build" / "doctest" / "index.md"
    assert "città\n" in shown.read_text(encoding="utf-8")
    passed = site.doctest()
    assert passed.returncode == 0, passed.stdout
    shown.write_text(
        shown.read_text(encoding="utf-8").replace(".encode('utf-8')", ".encode('latin-1')"),
        encoding="utf-8",
    )
    failed = site.doctest()
    assert failed.returncode != 0
    assert "il blocco ha stampato su stdout byte che non sono UTF-8 (b'\\xe0'" in failed.stdout


def test_a_doctest_block_that_changes_the_data_fails_and_the_data_stay(site):
    (site.root / "snippets" / "data" / "testo.txt").write_text("originale\n", encoding="utf-8")
    site.snippet("c/01_legge.py", "print(open('data/testo.txt').read().strip())\n")
    site.page("index.md", page("c/01_legge.py"))
    assert site.build().returncode == 0
    shown = site.root / "build" / "doctest" / "index.md"
    shown.write_text(
        shown.read_text(encoding="utf-8").replace(
            "print(open('data/testo.txt').read().strip())",
            "print(open('data/testo.txt').read().strip())\nopen('data/testo.txt', 'w').write('')",
        ),
        encoding="utf-8",
    )
    failed = site.doctest()
    assert failed.returncode != 0
    assert "il blocco ha modificato data/testo.txt" in failed.stdout
    assert (site.root / "snippets" / "data" / "testo.txt").read_text() == "originale\n"


def test_a_mistyped_model_id_stops_the_build_instead_of_using_the_standin(site):
    site.snippet("c/01_modello.py", MODEL_CODE).page("index.md", page("c/01_modello.py"))
    site.model = None
    result = site.build(FLAN_T5_MODEL="nonexistent-model", HF_HUB_OFFLINE="1")
    assert result.returncode != 0
    assert "FLAN_T5_MODEL=nonexistent-model: il modello non è nella cache locale" in result.log
    assert "togli FLAN_T5_MODEL" in result.log
    assert not (site.root / "build" / "modelli").exists()


def test_the_standin_notice_gives_a_command_that_runs_the_example_offline(site, texts):
    site.snippet("c/01_modello.py", MODEL_CODE).page("index.md", page("c/01_modello.py"))
    # The default model, unreachable: the build takes the stand-in from build/modelli. The
    # session's one, made from the same texts, is current there, so the build does not make
    # another (making it is test_model's concern, and costs a minute on a busy machine).
    session_standin, site.model = site.model, None
    shutil.copy(texts, site.root / "snippets" / "data" / texts.name)
    copied = site.root / "build" / "modelli" / standin.NAME
    shutil.copytree(session_standin, copied)
    made = (copied / "config.json").stat().st_ino
    assert site.build(HF_HUB_OFFLINE="1").returncode == 0
    assert (copied / "config.json").stat().st_ino == made  # taken, not made again
    html = site.html()
    command = re.search(r"dalla cartella del progetto: <code>([^<]+)</code>", html)
    assert command, html
    assert command[1] == (
        "cd snippets &amp;&amp; FLAN_T5_MODEL=../build/modelli/t5-sostituto-offline "
        "python c/01_modello.py"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "FLAN_T5"))}
    env["PATH"] = f"{Path(sys.executable).parent}:{env['PATH']}"
    ran = subprocess.run(
        ["bash", "-c", html_unescape(command[1])],
        cwd=site.root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert ran.returncode == 0, ran.stderr
    shown = (site.root / "build" / "doctest" / "index.md").read_text(encoding="utf-8")
    assert f"\n{ran.stdout}```" in shown
