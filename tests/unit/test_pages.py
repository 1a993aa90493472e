"""Finding snippet includes in a page and writing outputs under them."""

import pytest

from docexec.pages import (
    Figure,
    PageError,
    Shown,
    fence_for,
    find_includes,
    insert_after_title,
    render_doctest,
    render_site,
)

PAGE = """# Titolo

Testo.

```python
--8<-- "c/01_a.py"
```

1. Esercizio.

    ??? success "Soluzione"
        ```python title="soluzione.py" misura
        --8<-- "c/90_b.py"
        ```

```shell
pip install torch
```
"""


def shown(stdout="ciao\n", measure=False, figures=()):
    return Shown(stdout=stdout, provenance="Eseguito oggi", figures=list(figures), measure=measure)


def test_includes_are_found_with_their_indentation_and_options():
    first, second = find_includes(PAGE)
    assert (first.path, first.indent, first.options, first.measure) == ("c/01_a.py", "", "", False)
    assert second.path == "c/90_b.py"
    assert second.indent == " " * 8
    assert second.options == 'title="soluzione.py"'
    assert second.measure is True


@pytest.mark.parametrize("lexer", ["python", "py", "bash", "sh"])
def test_an_executable_block_that_is_not_an_include_is_refused(lexer):
    page = f"# T\n\n```{lexer}\nprint('scritto a mano')\n```\n"
    with pytest.raises(PageError, match=r"pagina\.md, riga 3: un blocco ```" + lexer):
        find_includes(page, "pagina.md")


def test_shell_and_text_blocks_are_left_alone():
    assert find_includes("```shell\nmake test\n```\n\n```text\nx = 1\n```\n") == []


def test_a_fence_is_longer_than_any_backtick_run_in_the_text():
    assert fence_for("niente") == "```"
    assert fence_for("un ```python dentro") == "````"


def test_the_site_keeps_the_include_adds_a_title_and_puts_the_output_after():
    includes = find_includes(PAGE)
    html = render_site(
        PAGE,
        includes,
        {
            "c/01_a.py": shown(figures=[Figure("f.png", "Una figura", (640, 480))]),
            "c/90_b.py": shown(measure=True),
        },
    )
    assert '```python title="c/01_a.py"\n--8<-- "c/01_a.py"\n```' in html
    assert '```text title="Output"\nciao\n```' in html
    assert '![Una figura](f.png){ width="640" height="480" loading="lazy"' in html
    assert "/// figure-caption\nUna figura\n///" in html
    assert "misurato sulla macchina della build" in html


def test_the_doctest_page_has_the_code_inline_and_the_output_after_the_marker():
    includes = find_includes(PAGE)
    sources = {"c/01_a.py": "print('ciao')\n", "c/90_b.py": "print('tempo')\n"}
    page = render_doctest(
        PAGE, includes, {"c/01_a.py": shown(), "c/90_b.py": shown(measure=True)}, sources
    )
    assert "```python\nprint('ciao')\n```\n\n<!--pytest-codeblocks:expected-output-->" in page
    assert "--8<--" not in page
    # A speed measurement runs in the doc-test but its output is not compared.
    assert page.count("expected-output") == 1
    assert "        ```python\n        print('tempo')\n        ```" in page


def test_a_notice_goes_right_after_the_title():
    assert insert_after_title("# T\n\ntesto", "!!! warning").startswith("# T\n\n!!! warning\n")
    assert insert_after_title("testo", "!!! warning") == "!!! warning\n\ntesto"
