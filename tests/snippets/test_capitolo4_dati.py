"""The labelled data set of chapter 4 (snippets/data/sentiment.csv) and the few-shot examples."""

from __future__ import annotations

import ast
import csv
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "snippets" / "data" / "sentiment.csv"
HEADER = ["id", "parte", "tipo", "fenomeno", "etichetta", "testo_it", "testo_en"]
LABELS = {"positivo", "negativo", "neutro"}
KINDS = {"recensione", "commento", "titolo"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_header_is_the_documented_one():
    with DATA.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == HEADER


def test_every_row_has_all_the_fields(rows):
    for row in rows:
        assert None not in row, f"{row.get('id')}: more fields than the header"
        assert all(row[column] is not None for column in HEADER), row.get("id")


def test_classes_are_balanced_within_each_part(rows):
    for part in {row["parte"] for row in rows}:
        counts = Counter(row["etichetta"] for row in rows if row["parte"] == part)
        assert set(counts) == LABELS and len(set(counts.values())) == 1, (part, counts)


def test_labels_and_kinds_are_known_values(rows):
    assert {row["etichetta"] for row in rows} <= LABELS
    assert {row["tipo"] for row in rows} <= KINDS


def test_ids_are_unique(rows):
    ids = [row["id"] for row in rows]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates


@pytest.mark.parametrize("column", ["testo_it", "testo_en"])
def test_no_duplicate_texts_ignoring_case(rows, column):
    texts = Counter(" ".join(row[column].lower().split()) for row in rows)
    duplicates = [text for text, n in texts.items() if n > 1]
    assert not duplicates


@pytest.mark.parametrize("column", ["testo_it", "testo_en"])
def test_every_row_has_a_non_empty_text_in_both_languages(rows, column):
    empty = [row["id"] for row in rows if not row[column].strip()]
    assert not empty


def test_the_english_text_is_a_translation_not_a_copy(rows):
    copies = [row["id"] for row in rows if row["testo_it"].strip() == row["testo_en"].strip()]
    assert not copies


def _constant(path: Path, name: str):
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    return None


FEW_SHOT = [
    "09_prompt_few_shot.py",
    "12_zero_vs_few_shot.py",
    "94_soluzione_etichette_scambiate.py",
]


@pytest.mark.parametrize("snippet", FEW_SHOT)
def test_few_shot_examples_exist_one_per_class(rows, snippet):
    examples = _constant(ROOT / "snippets" / "capitolo4" / snippet, "ESEMPI")
    assert examples is not None, f"{snippet} has no ESEMPI constant"
    by_id = {row["id"]: row for row in rows}
    assert all(example in by_id for example in examples)
    assert sorted(by_id[example]["etichetta"] for example in examples) == sorted(LABELS)


def test_few_shot_snippets_use_the_same_examples():
    folder = ROOT / "snippets" / "capitolo4"
    examples = {snippet: _constant(folder / snippet, "ESEMPI") for snippet in FEW_SHOT}
    assert len({tuple(e) for e in examples.values()}) == 1, examples


@pytest.mark.parametrize(
    "snippet", ["12_zero_vs_few_shot.py", "94_soluzione_etichette_scambiate.py"]
)
def test_the_evaluation_leaves_the_few_shot_examples_out(snippet):
    source = (ROOT / "snippets" / "capitolo4" / snippet).read_text("utf-8")
    assert 'r["id"] not in ESEMPI' in source
