"""The doc-test covers the whole site: every shown snippet is collected, none is orphaned.

These tests read the tree that `mkdocs build` wrote to build/doctest (make doctest builds
first), and count snippet includes in docs/ with their own simple pattern, independent of
the plugin's parser.
"""

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCTEST = ROOT / "build" / "doctest"
INCLUDE = re.compile(r'^[ \t]*`{3,}python[^\n]*\n[ \t]*--8<-- "([^"]+)"\n[ \t]*`{3,}', re.M)


def includes_by_page() -> dict[str, list[str]]:
    docs = ROOT / "docs"
    return {
        p.relative_to(docs).as_posix(): INCLUDE.findall(p.read_text(encoding="utf-8"))
        for p in sorted(docs.rglob("*.md"))
    }


def collected_by_page() -> Counter:
    if not DOCTEST.is_dir():
        pytest.fail("build/doctest non esiste: esegui prima make build")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--codeblocks",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            str(DOCTEST),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    items = re.findall(r"^build/doctest/(.+\.md)::line \d+$", result.stdout, re.M)
    return Counter(items)


def test_every_snippet_on_the_site_is_collected_by_the_doctest():
    expected = Counter({page: len(found) for page, found in includes_by_page().items() if found})
    assert sum(expected.values()) > 0
    assert collected_by_page() == expected


def test_every_snippet_file_is_shown_on_some_page():
    shown = {name for found in includes_by_page().values() for name in found}
    files = {
        p.relative_to(ROOT / "snippets").as_posix()
        for p in (ROOT / "snippets").rglob("*.py")
        if "data" not in p.relative_to(ROOT / "snippets").parts
    }
    assert files - shown == set(), "snippet che nessuna pagina mostra (e nessun test esegue)"
    assert shown - files == set()


def test_every_value_the_prose_shows_is_compared_by_the_doctest():
    from docexec.valori import unchecked

    pages = sorted(DOCTEST.rglob("*.md"))
    assert pages, "build/doctest è vuoto: esegui prima make build"
    problems = {
        p.relative_to(DOCTEST).as_posix(): unchecked(p.read_text(encoding="utf-8")) for p in pages
    }
    assert {page: found for page, found in problems.items() if found} == {}


def test_the_site_glues_at_least_40_values_on_at_least_14_pages():
    # The bar issue 15 set for the guide: the prose says what the runs showed.
    site = ROOT / "site"
    counts = {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8").count("data-valore=")
        for p in site.rglob("index.html")
        if p.parent.name != "print_page"
    }
    glued = {page: n for page, n in counts.items() if n}
    assert sum(glued.values()) >= 40 and len(glued) >= 14, glued
    printed = (site / "print_page" / "index.html").read_text(encoding="utf-8")
    assert printed.count("data-valore=") == sum(glued.values())
