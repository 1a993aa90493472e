"""The development/test split of chapter 4's data set, and who may read the test part.

The split was drawn once, before any choice was made on the new rows (snippets/data/LEGGIMI.md):
these tests recompute it from the documented rule, check that the two parts share no text in
either language, that every category of the guidelines is in both, and that no snippet but the
final evaluation's reads the test rows.
"""

from __future__ import annotations

import ast
import csv
import random
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "snippets" / "data" / "sentiment.csv"
GUIDELINES = ROOT / "snippets" / "data" / "LEGGIMI.md"
SNIPPETS = ROOT / "snippets"
FINAL_PAGE = ROOT / "docs" / "capitolo4" / "verifica-finale.md"

LABELS = ("positivo", "negativo", "neutro")
DEV, TEST = "sviluppo", "test"
# The rows written before the split (s001-s180) had been read while choosing prompts and
# few-shot examples, so they can only be development rows.
SEEN_BEFORE = 180
SEED = 20261203
PHENOMENA = {
    "nessuno",
    "negazione",
    "ironia",
    "misto",
    "domanda",
    "refusi",
    "gergo",
    "lungo",
    "parole_fuorvianti",
}
# The hard categories the data set was grown for: each must be in both parts.
HARD = PHENOMENA - {"nessuno", "negazione"}
# It describes the whole file (rows per part and class) and prints no test text.
OVERVIEW = SNIPPETS / "capitolo4" / "01_dati.py"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def number(row: dict[str, str]) -> int:
    return int(row["id"][1:])


def test_the_data_set_has_at_least_six_hundred_rows(rows):
    assert len(rows) >= 600


def test_the_parts_are_the_two_documented_ones_and_balanced(rows):
    assert {row["parte"] for row in rows} == {DEV, TEST}
    for part in (DEV, TEST):
        counts = Counter(row["etichetta"] for row in rows if row["parte"] == part)
        assert set(counts) == set(LABELS), part
        assert len(set(counts.values())) == 1, f"{part}: classes not balanced: {counts}"


def test_the_rows_seen_before_the_split_are_all_development(rows):
    seen = [row for row in rows if number(row) <= SEEN_BEFORE]
    assert len(seen) == SEEN_BEFORE
    assert {row["parte"] for row in seen} == {DEV}


def drawn_split(rows: list[dict[str, str]]) -> dict[str, str]:
    """The rule of LEGGIMI.md: per class, the new rows in a seeded shuffle of their sorted ids,
    grouped by phenomenon with a stable sort, then every other row to test, from the first."""
    new = {row["id"]: row for row in rows if number(row) > SEEN_BEFORE}
    part: dict[str, str] = {}
    for label in LABELS:
        ids = sorted(i for i, row in new.items() if row["etichetta"] == label)
        random.Random(SEED).shuffle(ids)
        for k, i in enumerate(sorted(ids, key=lambda i: new[i]["fenomeno"])):
            part[i] = TEST if k % 2 == 0 else DEV
    return part


def test_the_split_is_the_one_drawn_by_the_documented_rule(rows):
    drawn = drawn_split(rows)
    differ = [row["id"] for row in rows if row["id"] in drawn and row["parte"] != drawn[row["id"]]]
    assert not differ, f"rows whose part is not the drawn one: {differ[:10]}"


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.findall(r"\w+", text))


def test_no_text_is_in_both_parts_in_either_language(rows):
    # Across languages too: an English twin copied as another row's Italian text would leak.
    texts = {
        part: {
            normalised(row[c])
            for row in rows
            if row["parte"] == part
            for c in ("testo_it", "testo_en")
        }
        for part in (DEV, TEST)
    }
    assert not texts[DEV] & texts[TEST]


def test_phenomena_are_the_documented_ones_and_each_is_in_the_guidelines(rows):
    assert {row["fenomeno"] for row in rows} <= PHENOMENA
    guidelines = GUIDELINES.read_text(encoding="utf-8")
    missing = [p for p in sorted(PHENOMENA) if f"`{p}`" not in guidelines]
    assert not missing, f"phenomena LEGGIMI.md does not describe: {missing}"


@pytest.mark.parametrize("phenomenon", sorted(HARD))
def test_every_hard_category_is_in_both_parts(rows, phenomenon):
    parts = Counter(row["parte"] for row in rows if row["fenomeno"] == phenomenon)
    assert parts[DEV] >= 10 and parts[TEST] >= 10, parts


def test_the_categories_hold_what_their_names_promise(rows):
    long_short = [r["id"] for r in rows if r["fenomeno"] == "lungo" and len(r["testo_it"]) < 500]
    assert not long_short, f"'lungo' texts under 500 characters: {long_short}"
    misleading = [
        r["id"] for r in rows if r["fenomeno"] == "parole_fuorvianti" and r["etichetta"] != "neutro"
    ]
    assert not misleading, f"'parole_fuorvianti' texts that are not neutral: {misleading}"
    mixed = [r["id"] for r in rows if r["fenomeno"] == "misto" and r["etichetta"] == "neutro"]
    assert not mixed, f"'misto' is a verdict with pros and cons, never neutral: {mixed}"


def strings(source: str) -> set[str]:
    return {
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def split_violations(path: Path) -> list[str]:
    """Why a snippet that reads the data set breaks the rule, if it does (empty: it keeps it)."""
    source = path.read_text(encoding="utf-8")
    problems = []
    if TEST in strings(source):
        problems.append('names the test part ("test")')
    if 'r["parte"] == "sviluppo"' not in source and path != OVERVIEW:
        problems.append('does not keep only the development rows (r["parte"] == "sviluppo")')
    return problems


def final_snippets() -> set[Path]:
    included = re.findall(r'--8<-- "([^"]+\.py)"', FINAL_PAGE.read_text(encoding="utf-8"))
    return {SNIPPETS / name for name in included}


def readers() -> list[Path]:
    return sorted(p for p in SNIPPETS.glob("*/*.py") if "sentiment.csv" in p.read_text("utf-8"))


def test_only_the_final_evaluation_reads_the_test_part():
    final = final_snippets()
    assert final, "verifica-finale.md includes no snippet"
    broken = {
        str(p.relative_to(SNIPPETS)): why
        for p in readers()
        if p not in final and (why := split_violations(p))
    }
    assert not broken, broken
    assert all(TEST in strings(p.read_text("utf-8")) for p in final), "the final page reads test"


def test_the_rule_catches_a_snippet_that_reads_the_test_part(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text(
        'import csv\nwith open("data/sentiment.csv") as f:\n'
        '    righe = [r for r in csv.DictReader(f) if r["parte"] == "test"]\n'
    )
    assert len(split_violations(planted)) == 2
    everything = tmp_path / "everything.py"
    everything.write_text('import csv\nrighe = list(csv.DictReader(open("data/sentiment.csv")))\n')
    assert split_violations(everything) == [
        'does not keep only the development rows (r["parte"] == "sviluppo")'
    ]


def test_few_shot_examples_come_from_the_development_part(rows):
    part = {row["id"]: row["parte"] for row in rows}
    for path in sorted(SNIPPETS.glob("capitolo4/*.py")):
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "ESEMPI" for t in node.targets
            ):
                ids = [i for i in ast.literal_eval(node.value) if i in part]
                assert all(part[i] == DEV for i in ids), path.name
