"""The language of the built pages: one term per concept, one way to write a percentage,
and Italian spelling.

The checks read the running text of every page in site/ (the article only, without
code, outputs, formulas and permalinks), so they see what a reader reads, including
the text that hooks and plugins add. The rejected variants live next to the glossary,
in docs/glossario-varianti.yml; the project's own words (technical terms, library and
proper names, English terms) in tests/site/parole.txt.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from .checks import ROOT

VARIANTI = ROOT / "docs" / "glossario-varianti.yml"
GLOSSARIO = ROOT / "docs" / "glossario.md"
PAROLE = Path(__file__).with_name("parole.txt")

# Elements whose text is not prose: code and outputs, formulas (arithmatex keeps the
# LaTeX source in the page), the ¶ permalinks, scripts and icons.
SALTA_TAG = {"pre", "code", "kbd", "script", "style", "svg", "math", "textarea"}
SALTA_CLASSI = {
    "arithmatex", "headerlink", "md-source-file",
    "highlight",  # a code block with its file name or "Output" label
    "diagramma",  # mermaid source
    "docexec-provenienza",  # versions and dates of the run that made an output
    "docexec-valore",  # a value glued from a run: a model's word is not the guide's
    "jp-CodeCell", "jp-InputPrompt", "jp-OutputArea",  # the notebook's code cells
}  # fmt: skip
VUOTI = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
         "source", "track", "wbr"}  # fmt: skip

# A number, optional decimals, and then a percent sign with or without a space
# (plain, no-break or narrow no-break space).
PERCENTUALE = re.compile(r"\d(?:[.,]\d+)?([ \u00a0\u202f]?)%")

# A word: letters, with inner apostrophes ("dell'attenzione"). Hyphens and digits split.
PAROLA = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]*)*")
# Elided forms before an apostrophe, checked here because hunspell it_IT rejects
# "dell" once it has split "dell'attenzione" at the apostrophe.
ELISIONI = {
    "l", "un", "dell", "nell", "all", "sull", "dall", "coll", "quell", "quest", "bell",
    "c", "d", "m", "n", "s", "t", "v", "ch", "tutt", "buon", "sant", "cent", "cos",
    "senz", "qualcos", "com", "dov", "anch", "quand", "nessun", "ciascun", "alcun", "qual", "po",
}  # fmt: skip


class _Testo(HTMLParser):
    """Collects the text of <article> outside the elements that are not prose."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pezzi: list[str] = []
        self.tondo: list[str] = []  # the same text, with a space for each text in <em>
        self.corsivo: list[str] = []  # the text in <em>: English terms, titles
        self._pila: list[tuple[str, bool, bool]] = []  # (tag, salta, articolo)

    def _stato(self) -> tuple[bool, bool]:
        salta = any(s for _, s, _ in self._pila)
        articolo = any(a for _, _, a in self._pila)
        return salta, articolo

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VUOTI:
            self.pezzi.append(" ")
            return
        classi = set((dict(attrs).get("class") or "").split())
        salta = tag in SALTA_TAG or bool(classi & SALTA_CLASSI)
        articolo = tag == "article" and "md-content__inner" in classi
        self._pila.append((tag, salta, articolo))
        self.pezzi.append(" ")  # a new element never glues two words together
        self.tondo.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pezzi.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in VUOTI:
            return
        for i in range(len(self._pila) - 1, -1, -1):
            if self._pila[i][0] == tag:
                del self._pila[i:]
                break
        self.pezzi.append(" ")

    def handle_data(self, data: str) -> None:
        salta, articolo = self._stato()
        if articolo and not salta:
            self.pezzi.append(data)
            if any(tag == "em" for tag, _, _ in self._pila):
                self.corsivo.append(data + " ")
                self.tondo.append(" ")
            else:
                self.tondo.append(data)


def _analizza(html: str) -> _Testo:
    parser = _Testo()
    parser.feed(html)
    parser.close()
    return parser


def leggi_testo(html: str) -> str:
    """The running text of a built page: what a reader reads, without code or formulas."""
    return re.sub(r"\s+", " ", "".join(_analizza(html).pezzi)).strip()


def dividi_per_lingua(html: str) -> tuple[str, str]:
    """The running text split in two: what must be Italian, and what may also be English.
    The guide writes English terms in italics and quotes titles in «»: those words may be
    Italian or English; all the others must be Italian."""
    parser = _analizza(html)
    tondo = re.sub(r"\s+", " ", "".join(parser.tondo))
    citazioni = " ".join(re.findall(r"«([^»]*)»", tondo))
    return re.sub(r"«[^»]*»", " ", tondo), citazioni + " " + " ".join(parser.corsivo)


@dataclass(frozen=True)
class Pagina:
    testo: str  # all the running text
    italiano: str  # the part that must be Italian
    straniero: str  # italics and «quotes»: Italian or English


def leggi_pagina(html: str) -> Pagina:
    return Pagina(leggi_testo(html), *dividi_per_lingua(html))


def pagine(site: Path) -> dict[str, Pagina]:
    """Every page of the site, keyed by its path in site/. The print page is a copy of
    all the others, so a finding there would only repeat one."""
    testi = {}
    for html in sorted(site.rglob("index.html")):
        nome = html.relative_to(site).as_posix()
        if not nome.startswith("print_page/"):
            testi[nome] = leggi_pagina(html.read_text(encoding="utf-8"))
    return testi


@dataclass(frozen=True)
class Variante:
    termine: str
    forma: str
    regex: re.Pattern[str]


def varianti() -> list[Variante]:
    voci = yaml.safe_load(VARIANTI.read_text(encoding="utf-8"))
    return [
        Variante(v["termine"], forma, re.compile(rf"(?<!\w)(?:{forma})(?!\w)", re.IGNORECASE))
        for v in voci
        for forma in v["rifiutate"]
    ]


def varianti_usate(testi: dict[str, Pagina]) -> list[str]:
    """One line per page and rejected form found there, with what it found."""
    trovate = []
    for nome, pagina in testi.items():
        testo = pagina.testo
        for v in varianti():
            visti = sorted({m.group(0) for m in v.regex.finditer(testo)})
            if visti:
                trovate.append(
                    f"{nome}: «{', '.join(visti)}» (variante rifiutata /{v.forma}/; "
                    f"il glossario scrive «{v.termine}»)"
                )
    return trovate


def percentuali_miste(testi: dict[str, Pagina]) -> str | None:
    """None when every percentage on the site is written the same way, else a message
    that names pages of both kinds."""
    modi: dict[str, dict[str, str]] = {"con lo spazio": {}, "senza spazio": {}}
    for nome, pagina in testi.items():
        for m in PERCENTUALE.finditer(pagina.testo):
            modo = "con lo spazio" if m.group(1) else "senza spazio"
            modi[modo].setdefault(nome, m.group(0))
    if modi["con lo spazio"] and modi["senza spazio"]:
        righe = [
            f"  {modo}: " + "; ".join(f"{nome} «{esempio}»" for nome, esempio in pagine.items())
            for modo, pagine in modi.items()
        ]
        return "percentuali scritte in due modi (la guida scrive «15%»):\n" + "\n".join(righe)
    return None


def hunspell() -> str:
    """The hunspell command with the Italian dictionary, or a failure that says what to
    install."""
    programma = shutil.which("hunspell")
    if programma is None:
        pytest.fail("hunspell non è installato: su Debian `apt-get install hunspell hunspell-it`")
    prova = subprocess.run(
        [programma, "-d", "it_IT,en_US", "-l"], input="casa\n", capture_output=True, text=True
    )
    if prova.returncode != 0 or "Can't open" in prova.stderr:
        pytest.fail(
            "hunspell non trova i dizionari it_IT ed en_US: su Debian "
            f"`apt-get install hunspell-it hunspell-en-us` ({prova.stderr.strip()})"
        )
    return programma


def parole_progetto() -> set[str]:
    righe = PAROLE.read_text(encoding="utf-8").splitlines()
    return {r.strip() for r in righe if r.strip() and not r.startswith("#")}


def da_controllare(testo: str) -> list[str]:
    """The words hunspell must know: acronyms (all capitals) and paths are skipped, and an
    elided article or preposition before an apostrophe is checked against ELISIONI."""
    parole = []
    # Paths, addresses and identifiers in prose (google-research/t5x, arXiv:2106.09685,
    # huggingface.co) are names, not words.
    testo = re.sub(r"\S*\w[/:.@]\w\S*", " ", testo)
    for parola in PAROLA.findall(testo):
        parola = parola.replace("’", "'")
        *elise, resto = parola.split("'")
        parole += [e for e in elise if e.lower() not in ELISIONI]
        if len(resto) > 1 and not resto.isupper():
            parole.append(resto)
    return parole


def _sconosciute(parole: set[str], dizionari: str) -> set[str]:
    uscita = subprocess.run(
        [hunspell(), "-d", dizionari, "-l"],
        input="\n".join(sorted(parole)) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout
    return set(uscita.split()) & parole


def errori_di_ortografia(testi: dict[str, Pagina]) -> list[str]:
    """One line per page with the words that neither hunspell nor parole.txt know: it_IT
    for the prose, it_IT or en_US for italics and quotes."""
    dove: dict[tuple[str, str], set[str]] = defaultdict(set)
    for nome, pagina in testi.items():
        for parola in da_controllare(pagina.italiano):
            dove["it_IT", parola].add(nome)
        for parola in da_controllare(pagina.straniero):
            dove["it_IT,en_US", parola].add(nome)
    progetto = parole_progetto()
    per_pagina: dict[str, set[str]] = defaultdict(set)
    for dizionari in ("it_IT", "it_IT,en_US"):
        candidate = {
            p for d, p in dove if d == dizionari and p not in progetto and p.lower() not in progetto
        }
        for parola in _sconosciute(candidate, dizionari):
            for nome in dove[dizionari, parola]:
                per_pagina[nome].add(parola)
    return [f"{nome}: {', '.join(sorted(p))}" for nome, p in sorted(per_pagina.items())]


def termini_del_glossario() -> set[str]:
    righe = GLOSSARIO.read_text(encoding="utf-8").splitlines()
    return {r.split("|")[1].strip() for r in righe if r.startswith("| ")}


# --- the site as built ---------------------------------------------------------------


@pytest.fixture(scope="module")
def pagine_costruite(site_dir: Path) -> dict[str, Pagina]:
    return pagine(site_dir)


def test_every_rejected_variant_belongs_to_a_glossary_term() -> None:
    glossario = termini_del_glossario()
    voci = yaml.safe_load(VARIANTI.read_text(encoding="utf-8"))
    assert voci, "docs/glossario-varianti.yml è vuoto"
    fuori = [
        v["termine"] for v in voci if v.get("glossario", True) and v["termine"] not in glossario
    ]
    assert not fuori, f"termini assenti dalla prima colonna di docs/glossario.md: {fuori}"


def test_variants_file_is_not_published(site_dir: Path) -> None:
    assert not (site_dir / VARIANTI.name).exists()


def test_pages_use_the_glossary_terms(pagine_costruite: dict[str, Pagina]) -> None:
    trovate = varianti_usate(pagine_costruite)
    assert not trovate, "pagine con varianti che il glossario rifiuta:\n" + "\n".join(trovate)


def test_percentages_are_written_one_way(pagine_costruite: dict[str, Pagina]) -> None:
    assert percentuali_miste(pagine_costruite) is None, percentuali_miste(pagine_costruite)


def test_pages_are_spelled_right(pagine_costruite: dict[str, Pagina]) -> None:
    errori = errori_di_ortografia(pagine_costruite)
    assert not errori, (
        "parole che hunspell it_IT non conosce (correggi la pagina; se è un termine "
        "tecnico o un nome, aggiungilo a tests/site/parole.txt):\n" + "\n".join(errori)
    )


def test_running_text_skips_code_formulas_and_permalinks() -> None:
    html = (
        '<html><nav>fuori</nav><article class="md-content__inner md-typeset">'
        '<h2 id="x">Titolo<a class="headerlink" href="#x">¶</a></h2>'
        "<p>Il <em>batch</em> e <code>lotto</code>.<br>Poi</p>"
        '<pre><code>riempimento = 1</code></pre><span class="arithmatex">\\(25 \\%\\)</span>'
        "</article><footer>fuori</footer></html>"
    )
    assert leggi_testo(html) == "Titolo Il batch e . Poi"


# --- the checks fail on a planted error ------------------------------------------------

PAGINA = "capitolo4/batch/index.html"


def _pianta(
    site_dir: Path, tmp_path: Path, costruite: dict[str, Pagina], frase: str
) -> dict[str, Pagina]:
    """The site's running text, with one built page replaced by a copy whose first
    paragraph of prose starts with `frase`."""
    html = (site_dir / PAGINA).read_text(encoding="utf-8")
    paragrafo = html.index("<p>", html.index('class="md-content__inner'))
    copia = tmp_path / PAGINA
    copia.parent.mkdir(parents=True)
    copia.write_text(html[:paragrafo] + f"<p>{frase} " + html[paragrafo + 3 :], encoding="utf-8")
    testi = dict(costruite)
    testi[PAGINA] = leggi_pagina(copia.read_text(encoding="utf-8"))
    assert frase in testi[PAGINA].italiano, "la frase piantata è finita fuori dal testo corrente"
    return testi


def test_a_planted_variant_is_named_with_its_page(
    site_dir: Path, tmp_path: Path, pagine_costruite: dict[str, Pagina]
) -> None:
    testi = _pianta(site_dir, tmp_path, pagine_costruite, "lotto")
    trovate = varianti_usate(testi)
    assert any(r.startswith(f"{PAGINA}: «lotto»") and "«batch»" in r for r in trovate), trovate


def test_a_percentage_with_a_space_is_reported(
    site_dir: Path, tmp_path: Path, pagine_costruite: dict[str, Pagina]
) -> None:
    testi = _pianta(site_dir, tmp_path, pagine_costruite, "il 15 %")
    messaggio = percentuali_miste(testi)
    assert messaggio is not None and f"{PAGINA} «5 %»" in messaggio, messaggio


def test_a_planted_misspelling_is_reported_with_its_page(
    site_dir: Path, tmp_path: Path, pagine_costruite: dict[str, Pagina]
) -> None:
    testi = _pianta(site_dir, tmp_path, pagine_costruite, "efficente")
    errori = errori_di_ortografia(testi)
    assert any(
        riga.startswith(f"{PAGINA}: ") and "efficente" in riga.split(": ", 1)[1].split(", ")
        for riga in errori
    ), errori


# What Markdown leaves in the text when an extension or a template did not render it:
# an admonition or details opener, a code fence, a snippet include.
MARKDOWN_CRUDO = re.compile(r"(?:^|\s)(?:!!!|\?\?\?\+?|```|--8<--)(?=\s|\"|$)")


def markdown_crudo(site: Path) -> list[str]:
    """One line per page whose running text shows Markdown syntax, the printable page
    included (its banner comes from a template of its own)."""
    trovati = []
    for html in sorted(site.rglob("index.html")):
        testo = leggi_testo(html.read_text(encoding="utf-8"))
        for m in MARKDOWN_CRUDO.finditer(testo):
            pezzo = testo[max(0, m.start() - 10) : m.end() + 50]
            trovati.append(f"{html.relative_to(site).as_posix()}: Markdown non reso: «{pezzo}»")
    return trovati


def test_no_page_shows_markdown_that_was_not_rendered(site_dir: Path) -> None:
    trovati = markdown_crudo(site_dir)
    assert trovati == [], "\n".join(trovati)


def test_an_admonition_left_as_text_is_reported_with_its_page(tmp_path: Path) -> None:
    pagina = tmp_path / "capitolo1" / "index.html"
    pagina.parent.mkdir()
    pagina.write_text(
        '<article class="md-content__inner"><p>!!! note "Titolo"\n  testo</p>'
        "<pre><code>!!! note nel codice va bene</code></pre></article>",
        encoding="utf-8",
    )
    assert markdown_crudo(tmp_path) == [
        'capitolo1/index.html: Markdown non reso: «!!! note "Titolo" testo»'
    ]
