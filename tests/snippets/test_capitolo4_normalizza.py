"""The label normaliser of chapter 4: its behaviour, and the copies in the other snippets.

The reference is ``snippets/capitolo4/07_normalizza_etichetta.py``; snippets are standalone,
so the others carry a copy of ``normalizza`` that must stay identical to it, text included.
"""

from __future__ import annotations

import ast
import contextlib
import io
import runpy
from pathlib import Path

import pytest

SNIPPETS = Path(__file__).resolve().parents[2] / "snippets" / "capitolo4"
REFERENCE = SNIPPETS / "07_normalizza_etichetta.py"
UNKNOWN = "non riconosciuto"


@pytest.fixture(scope="module")
def normalizza():
    with contextlib.redirect_stdout(io.StringIO()):
        namespace = runpy.run_path(str(REFERENCE))
    return namespace["normalizza"]


@pytest.mark.parametrize(
    ("answer", "label"),
    [
        ("positivo", "positivo"),
        ("negativo", "negativo"),
        ("neutro", "neutro"),
        ("Positive.", "positivo"),
        ("  NEGATIVO!", "negativo"),
        ("negative", "negativo"),
        ("Negativa", "negativo"),
        ("negativa", "negativo"),
        ("Negative!!!", "negativo"),
        ("neutro.", "neutro"),
        ("neutral", "neutro"),
        ("neutrale", "neutro"),
        ("the sentiment is neutral", "neutro"),
        ("Sentiment: positive", "positivo"),
        ("«positivo»", "positivo"),
        ("positivo, positivo", "positivo"),
    ],
)
def test_label_words_in_italian_or_english_become_the_label(normalizza, answer, label):
    assert normalizza(answer) == label


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "   ",
        "forse",
        "buono",
        "good",
        "positivo e negativo",
        "positive or neutral",
        "non positivo",
        "not negative",
        "?!",
    ],
)
def test_empty_ambiguous_or_unexpected_answers_are_not_recognised(normalizza, answer):
    assert normalizza(answer) == UNKNOWN


def test_the_reference_snippet_prints_its_demo_table_without_a_model():
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(str(REFERENCE))
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("risposta del modello")
    assert any(line.endswith(UNKNOWN) for line in lines)


def _function_source(path: Path, name: str) -> str | None:
    source = path.read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.get_source_segment(source, node)
    return None


def _copies() -> dict[str, str]:
    found = {}
    for path in sorted(SNIPPETS.glob("*.py")):
        text = _function_source(path, "normalizza")
        if text is not None and path != REFERENCE:
            found[path.name] = text
    return found


def test_several_snippets_carry_a_copy_of_the_normaliser():
    assert len(_copies()) >= 8


@pytest.mark.parametrize("name", sorted(_copies()))
def test_each_copy_is_identical_to_the_reference(name):
    reference = _function_source(REFERENCE, "normalizza")
    assert reference is not None
    assert _copies()[name] == reference, (
        f"snippets/capitolo4/{name} defines normalizza differently from "
        f"{REFERENCE.name}: copy the reference function unchanged"
    )


def test_snippets_that_label_answers_define_the_normaliser_they_call():
    for path in sorted(SNIPPETS.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "normalizza(" in source or "map(normalizza" in source:
            assert _function_source(path, "normalizza") is not None, path.name
