"""Glued values: parsing citations, formatting for Italian prose, every bad input."""

import numpy as np
import pytest
import torch

from docexec import valori
from docexec.valori import GlueError, Source, capture, find_citations, glue, parse_format

PAGE = '# Pagina\n\n```python\n--8<-- "c/01_a.py"\n```\n\n{}\n'


def values(**named: object) -> dict:
    return capture(named)


def glued(text: str, found: dict | None = None, measured: bool = False, page: str = PAGE):
    source = Source(
        values=found if found is not None else values(acc=0.8333, n=180, parola="neutro"),
        measured=measured,
        tooltip="Calcolato da snippets/c/01_a.py",
        standin=False,
    )
    return glue(page.format(text), "docs/p.md", [(2, "c/01_a.py")], lambda name: source)


def shown(text: str, **kwargs) -> str:
    """The text of the one value a line cites."""
    markdown = glued(text, **kwargs).markdown
    return markdown.split('title="Calcolato da snippets/c/01_a.py">')[1].split("</")[0]


# ---- parsing ----------------------------------------------------------------------


def test_a_citation_names_a_value_of_the_snippet_above_or_of_a_named_one():
    (short, long) = find_citations("a {{ acc }} b {{ c/02_b.py:n | percento 1 | misurato }}", "p")
    assert (short.snippet, short.name, short.options) == (None, "acc", [])
    assert (long.snippet, long.name, long.options) == ("c/02_b.py", "n", ["percento 1", "misurato"])


def test_code_formulas_and_comments_are_not_citations():
    text = (
        "`{{ a }}` e ``x {{ b }}`` e $x^{{c}}$ e \\(y_{{d}}\\) <!-- {{ e }} -->\n"
        "```python\n{{ f }}\n```\n"
        "    ~~~\n    {{ g }}\n    ~~~\n"
        "$$\n\\frac{{h}}{2}\n$$\n"
        "resta {{ i }}"
    )
    assert [c.name for c in find_citations(text, "p")] == ["i"]


@pytest.mark.parametrize("text", ["{{ }}", "{{ 3a }}", "{{ a b }}", "{{ file.txt:a }}"])
def test_a_malformed_citation_fails_with_page_line_and_how_to_write_it(text):
    with pytest.raises(GlueError) as error:
        find_citations(f"riga uno\n{text}", "docs/p.md")
    assert "docs/p.md, riga 2" in str(error.value)
    assert "{{ capitolo/file.py:nome }}" in str(error.value)


# ---- formatting -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "options", "text"),
    [
        (2048, [], "2048"),
        (32128, [], "32.128"),
        (1234567, [], "1.234.567"),
        (-5, [], "−5"),
        (0.8333, ["percento 1"], "83,3%"),
        (0.5, ["percento"], "50%"),
        (3.14159, ["decimali 2"], "3,14"),
        (-0.001, ["decimali 2"], "0,00"),
        (12345.678, ["decimali 1"], "12.345,7"),
        (True, [], "sì"),
        ("più alta", [], "più alta"),
        (["positivo", "negativo", "neutro"], [], "positivo, negativo e neutro"),
        ([0.25, 0.5], ["percento"], "25% e 50%"),
        ([], [], "nessuno"),
        ("<pad>", [], "&lt;pad&gt;"),
    ],
)
def test_values_are_written_for_italian_prose(value, options, text):
    assert valori.render(valori.plain(value), parse_format(options)) == text


def test_numpy_scalars_are_numbers():
    found = values(a=np.float64(0.5), b=np.int64(7), c=np.bool_(True))
    assert found == {"a": {"valore": 0.5}, "b": {"valore": 7}, "c": {"valore": True}}


def test_a_table_is_rows_with_a_header_on_a_line_of_its_own():
    rows = [["etichetta", "quota"], ["positivo", 0.5], ["negativo", 0.25]]
    table = glued("{{ righe | tabella | percento }}", values(righe=rows)).markdown
    assert '<table class="docexec-valore" data-valore="c/01_a.py:righe"' in table
    assert "<th>etichetta</th>" in table and "<td>positivo</td><td>50%</td>" in table
    with pytest.raises(GlueError, match="da sola sulla sua riga"):
        glued("Ecco: {{ righe | tabella }}", values(righe=rows))
    with pytest.raises(GlueError, match="è una tabella: citala da sola"):
        glued("{{ righe }}", values(righe=rows))


def test_the_element_names_snippet_and_value_and_says_who_computed_it():
    markdown = glued("L'accuratezza è {{ acc | percento 1 }}.").markdown
    assert (
        'L\'accuratezza è <span class="docexec-valore" data-valore="c/01_a.py:acc" '
        'title="Calcolato da snippets/c/01_a.py">83,3%</span>.'
    ) in markdown


def test_a_value_of_the_standin_is_marked_as_such():
    source = Source(values(acc=0.5), measured=False, tooltip="t", standin=True)
    markdown = glue(PAGE.format("{{ acc | percento }}"), "p", [(2, "c/01_a.py")], lambda _: source)
    assert 'class="docexec-valore docexec-valore--sostituto"' in markdown.markdown


def test_a_citation_names_the_nearest_snippet_above_it():
    page = PAGE.replace("{}", '{{ n }}\n\n```python\n--8<-- "c/02_b.py"\n```\n\n{{ n }}')
    found = {"c/01_a.py": values(n=1), "c/02_b.py": values(n=2)}
    result = glue(
        page,
        "p",
        [(2, "c/01_a.py"), (9, "c/02_b.py")],
        lambda name: Source(found[name], False, name, False),
    )
    assert 'data-valore="c/01_a.py:n" title="c/01_a.py">1<' in result.markdown
    assert 'data-valore="c/02_b.py:n" title="c/02_b.py">2<' in result.markdown
    assert result.checks == {"c/01_a.py": [("n", "1")], "c/02_b.py": [("n", "2")]}
    assert result.count == 2


def test_the_checks_list_each_citation_with_the_text_shown():
    result = glued("{{ acc | percento 1 }} su {{ n }}, {{ acc | decimali 2 }}")
    assert result.checks == {
        "c/01_a.py": [("acc | percento 1", "83,3%"), ("n", "180"), ("acc | decimali 2", "0,83")]
    }
    assert valori.check_lines("c/01_a.py", result.checks["c/01_a.py"])[0] == (
        "c/01_a.py:acc | percento 1 = 83,3%"
    )


def test_controlla_prints_what_the_page_shows_from_a_fresh_run(capsys):
    valori.controlla({"acc": 0.8333, "n": 180}, "c/01_a.py", ["acc | percento 1", "n"])
    assert capsys.readouterr().out == "c/01_a.py:acc | percento 1 = 83,3%\nc/01_a.py:n = 180\n"


def test_capture_keeps_what_a_sentence_can_hold_and_describes_the_rest():
    found = capture(
        {
            "acc": 0.5,
            "logits": torch.zeros(3, 4),
            "testi": ["a"] * 1000,
            "_privato": 1,
            "np": np,
            "f": print,
            "lungo": "x" * 500,
        }
    )
    assert found["acc"] == {"valore": 0.5}
    assert found["logits"] == {"tipo": "un torch.Tensor di forma (3, 4)"}
    assert "lista di 1000 elementi" in found["testi"]["tipo"]
    assert "500 caratteri" in found["lungo"]["tipo"]
    assert {"_privato", "np", "f"}.isdisjoint(found)


# ---- bad input ----------------------------------------------------------------------


def test_a_name_the_snippet_does_not_define_fails_with_the_names_it_does():
    with pytest.raises(GlueError) as error:
        glued("È {{ accuratezza | percento }}.")
    message = str(error.value)
    assert message.startswith(
        "docs/p.md, riga 7: accuratezza non è un valore di snippets/c/01_a.py"
    )
    assert "Quelli che si possono citare: acc, n, parola." in message


def test_a_value_that_is_not_printable_in_a_sentence_fails_and_says_what_it_is():
    with pytest.raises(GlueError) as error:
        glued("{{ logits }}", values(logits=torch.zeros(2, 3)))
    assert (
        "docs/p.md, riga 7: logits, in snippets/c/01_a.py, è un torch.Tensor di forma (2, 3)"
        in (str(error.value))
    )
    assert "float(x.max())" in str(error.value)
    with pytest.raises(GlueError, match="lista di 1000 elementi"):
        glued("{{ testi }}", values(testi=list(range(1000))))


def test_a_snippet_the_page_does_not_run_fails():
    with pytest.raises(GlueError) as error:
        glued("{{ c/09_altro.py:acc | percento }}")
    assert (
        "docs/p.md, riga 7: {{ c/09_altro.py:acc }} cita snippets/c/09_altro.py, "
        "che questa pagina non esegue" in str(error.value)
    )
    assert "(c/01_a.py)" in str(error.value)


def test_a_citation_above_every_snippet_must_name_its_snippet():
    page = '# Pagina\n\n{}\n\n```python\n--8<-- "c/01_a.py"\n```\n'
    with pytest.raises(GlueError, match="riga 3: {{ acc }} non ha uno snippet sopra di sé"):
        glued("{{ acc }}", page=page)
    assert "83,3%" in glued("{{ c/01_a.py:acc | percento 1 }}", page=page).markdown


def test_a_measured_value_needs_its_label_and_only_a_measured_one_has_it():
    with pytest.raises(GlueError) as error:
        glued("{{ n }} testi al secondo", measured=True)
    assert "riga 7: n viene da snippets/c/01_a.py, che misura la velocità" in str(error.value)
    assert "«| misurato»" in str(error.value)
    markdown = glued("{{ n | misurato }} testi al secondo", measured=True)
    assert (
        '>180</span> <small class="docexec-misurato">(misurato sulla macchina della build)</small>'
        in (markdown.markdown)
    )
    assert markdown.checks == {}  # the doc-test runs it without comparing
    with pytest.raises(GlueError, match="non è uno snippet di misura"):
        glued("{{ n | misurato }}")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{{ acc }}", "è un numero con la virgola (0.8333): scegli le cifre"),
        ("{{ acc | grassetto }}", "formato sconosciuto «grassetto»"),
        ("{{ acc | decimali }}", "«decimali» senza numero"),
        ("{{ acc | percento uno }}", "dopo percento va un numero di cifre"),
        (
            "{{ parola | percento }}",
            "è un testo («neutro»): percento e decimali valgono per i numeri",
        ),
        ("{{ n | tabella }}", "«tabella» vale per una lista di righe"),
    ],
)
def test_a_format_that_does_not_fit_the_value_fails_with_what_fits(text, why):
    with pytest.raises(GlueError) as error:
        glued(text)
    assert str(error.value).startswith("docs/p.md, riga 7: ")
    assert why in str(error.value)


def test_with_execution_off_the_citation_says_it_was_not_computed():
    source = Source(values=None, measured=False, tooltip="non eseguito", standin=False)
    result = glue(PAGE.format("{{ acc }}"), "p", [(2, "c/01_a.py")], lambda _: source)
    assert (
        'docexec-valore--assente" data-valore="c/01_a.py:acc" title="non eseguito">[non calcolato]<'
        in (result.markdown)
    )
    assert result.checks == {}
