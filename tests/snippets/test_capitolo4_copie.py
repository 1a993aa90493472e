"""Functions that chapter 4's standalone snippets carry as copies must stay the same code.

A reader copies one snippet and it runs, so the scoring function, the choice of label words
and the statistics helpers are repeated in every snippet that uses them; the final page's
numbers mean what the earlier pages explain only while the copies agree. Docstrings may
differ (they speak of prompts on one page, of classifiers on another); the code may not.
(``normalizza`` has its own tests, against its reference snippet.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SNIPPETS = Path(__file__).resolve().parents[2] / "snippets" / "capitolo4"
SHARED = ["punteggi", "scegli_etichette", "mcnemar_esatto", "ece"]


def code_without_docstring(node: ast.FunctionDef) -> str:
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return ast.dump(ast.Module(body=body, type_ignores=[])) + ast.dump(node.args)


def copies(name: str) -> dict[str, str]:
    found = {}
    for path in sorted(SNIPPETS.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name == name:
                found[path.name] = code_without_docstring(node)
    return found


@pytest.mark.parametrize("name", SHARED)
def test_every_copy_of_a_shared_function_is_the_same_code(name):
    found = copies(name)
    assert len(found) >= 2, f"{name}: fewer than two snippets define it"
    first = next(iter(found))
    differ = [snippet for snippet, code in found.items() if code != found[first]]
    assert not differ, f"{name} differs from {first} in: {differ}"
