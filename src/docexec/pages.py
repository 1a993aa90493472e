"""Finds snippet includes in a page and writes what they produced under them.

A page includes a snippet with a fence that holds one pymdownx.snippets line::

    ```python
    --8<-- "capitolo1/01_attenzione.py"
    ```

Options after ``python`` stay as they are (``title="…"``, ``hl_lines="…"``); the word
``misura`` marks a snippet that measures speed: it runs alone, its output is labelled as
measured on the build machine, and the doc-test runs it without comparing its output.

Two renderings come out of one page: the site's (the include stays, pymdownx.snippets
inserts the file's bytes; output, provenance and figures follow) and the doc-test's
(the same page with the code inline and the output after a pytest-codeblocks marker).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from .valori import check_lines

INCLUDE_LINE = re.compile(r'^--8<--\s+"(?P<path>[^"]+)"\s*$')
FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*)$")
EXECUTABLE_LEXERS = {"python", "py", "python3", "py3", "sh", "bash"}
MEASURE_FLAG = "misura"


class PageError(Exception):
    """A page asks for something the build can't do."""


@dataclass(frozen=True)
class Include:
    """One snippet include: lines [start, end) of the page are its fence."""

    path: str  # relative to snippets/
    start: int
    end: int
    indent: str
    options: str  # what follows ``python`` in the info string, minus ``misura``
    measure: bool


def _lexer(info: str) -> str:
    info = info.strip()
    if info.startswith("{"):
        match = re.search(r"\.([\w+-]+)", info)
        return match.group(1).lower() if match else ""
    return info.split(maxsplit=1)[0].lower() if info else ""


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def find_includes(markdown: str, page: str = "") -> list[Include]:
    """Every snippet include of a page, in order.

    Raises PageError for an executable fence (python, sh, bash) that is not an include:
    code on a page lives in ``snippets/`` so that it runs, and the doc-test would
    otherwise run a shell command shown to the reader.
    """
    lines = markdown.split("\n")
    found: list[Include] = []
    i = 0
    while i < len(lines):
        match = FENCE_OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        fence = match["fence"]
        start = i
        i += 1
        body: list[str] = []
        while i < len(lines) and not _closes(lines[i], fence):
            body.append(lines[i])
            i += 1
        i += 1  # past the closing fence
        lexer = _lexer(match["info"])
        if lexer not in EXECUTABLE_LEXERS:
            continue
        include = INCLUDE_LINE.match(body[0].strip()) if len(body) == 1 else None
        if lexer != "python" or include is None or match["info"].strip().startswith("{"):
            raise PageError(
                f"{page}, riga {start + 1}: un blocco ```{lexer} che non è l'inclusione di "
                f"uno snippet. Il codice Python va in un file sotto snippets/ e la pagina lo "
                f'include con ```python e la riga --8<-- "capitolo/nome.py"; i comandi da '
                f"mostrare vanno in un blocco ```shell (il doc-test eseguirebbe ```sh e ```bash)."
            )
        words = match["info"].strip().split(maxsplit=1)
        options = words[1] if len(words) > 1 else ""
        flags = options.split()
        measure = MEASURE_FLAG in flags
        if measure:
            options = " ".join(w for w in flags if w != MEASURE_FLAG)
        found.append(
            Include(
                path=include["path"],
                start=start,
                end=min(i, len(lines)),
                indent=match["indent"],
                options=options,
                measure=measure,
            )
        )
    return found


def fence_for(text: str) -> str:
    """A backtick fence longer than any backtick run inside ``text``."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _indented(text: str, indent: str) -> list[str]:
    # Blank lines keep the indentation too: pytest-codeblocks strips a block's indent
    # from each line, and on a bare empty line it would strip the newline instead.
    return [indent + line for line in text.split("\n")]


@dataclass(frozen=True)
class Figure:
    """A figure as the page shows it."""

    link: str  # relative to the page's source file
    caption: str
    size: tuple[int, int] | None = None  # width and height in pixels, when known


@dataclass(frozen=True)
class Shown:
    """What the page shows for one include."""

    stdout: str
    provenance: str  # one line, Markdown
    figures: list[Figure]
    measure: bool


def _output_lines(shown: Shown, indent: str, for_doctest: bool) -> list[str]:
    fence = fence_for(shown.stdout)
    out: list[str] = [""]
    if for_doctest and not shown.measure:
        out.append("<!--pytest-codeblocks:expected-output-->")
        out.append("")
    title = "Output (misurato sulla macchina della build)" if shown.measure else "Output"
    out.append(f'{fence}text title="{title}"')
    out.extend(shown.stdout.rstrip("\n").split("\n"))
    out.append(fence)
    out.append("")
    out.append(shown.provenance)
    out.append("{ .docexec-provenienza }")
    for figure in shown.figures:
        # pymdownx.blocks.caption: a <figure> with a numbered caption, at any nesting
        # level (raw <figure> HTML inside an indented block would end up inside a <p>).
        out.append("")
        size = f'width="{figure.size[0]}" height="{figure.size[1]}" ' if figure.size else ""
        out.append(f'![{figure.caption}]({figure.link}){{ {size}loading="lazy" .docexec-figura }}')
        out.append("/// figure-caption")
        out.append(figure.caption)
        out.append("///")
    out.append("")
    return _indented("\n".join(out), indent)


def render_site(markdown: str, includes: list[Include], shown: dict[str, Shown] | None) -> str:
    """The page for the site: includes kept (with a title), output and figures after
    (``shown`` None: execution is off, the code alone)."""

    def replace(inc: Include) -> list[str]:
        options = inc.options
        if "title=" not in options:
            options = f'title="{inc.path}" {options}'.strip()
        fence = [
            f"{inc.indent}```python {options}",
            f'{inc.indent}--8<-- "{inc.path}"',
            f"{inc.indent}```",
        ]
        if shown is None:
            return fence
        return fence + _output_lines(shown[inc.path], inc.indent, for_doctest=False)

    return _replace(markdown, includes, replace)


def render_doctest(
    markdown: str,
    includes: list[Include],
    shown: dict[str, Shown],
    sources: dict[str, str],
    checks: dict[str, list[tuple[str, str]]] | None = None,
) -> str:
    """The page as shown, for pytest-codeblocks: plain ``python`` fences, code inline.

    Where the prose cites values of a snippet (``checks``: citation, HTML shown), its
    first include is followed by a block that continues it (``pytest-codeblocks:cont``)
    and prints those values from the rerun's globals; the expected output adds the lines
    the page shows, so the doc-test compares them too."""
    checks = checks or {}
    first = {inc.path: inc.start for inc in reversed(includes)}

    def render(inc: Include) -> list[str]:
        code = sources[inc.path].rstrip("\n")
        mark = fence_for(code)
        fence = [inc.indent + f"{mark}python", *_indented(code, inc.indent), inc.indent + mark]
        output = shown[inc.path]
        cited = checks.get(inc.path, [])
        if not cited or output.measure or first[inc.path] != inc.start:
            return fence + _output_lines(output, inc.indent, for_doctest=True)
        written = [citation for citation, _ in cited]
        check = [
            "",
            "<!--pytest-codeblocks:cont-->",
            "",
            "```python",
            "# Controllo del doc-test, non fa parte dello snippet: i valori che la pagina cita.",
            "from docexec.valori import controlla",
            "",
            f"controlla(globals(), {inc.path!r}, {written!r})",
            "```",
        ]
        expected = output.stdout + "\n".join(check_lines(inc.path, cited)) + "\n"
        return (
            fence
            + _indented("\n".join(check), inc.indent)
            + _output_lines(replace(output, stdout=expected), inc.indent, for_doctest=True)
        )

    return _replace(markdown, includes, render)


def _replace(
    markdown: str, includes: list[Include], replace: Callable[[Include], list[str]]
) -> str:
    lines = markdown.split("\n")
    for inc in sorted(includes, key=lambda inc: inc.start, reverse=True):
        lines[inc.start : inc.end] = replace(inc)
    return "\n".join(lines)


def insert_after_title(markdown: str, block: str) -> str:
    """``block`` right after the page's first level-1 heading (or at the top)."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            lines[index + 1 : index + 1] = ["", *block.split("\n"), ""]
            return "\n".join(lines)
    return block + "\n\n" + markdown
