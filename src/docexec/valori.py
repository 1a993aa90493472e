"""Values glued from a snippet's run into the prose of the page that shows it.

A page cites a value that its snippet computed, by the name of the variable::

    Sui 180 testi l'accuratezza è {{ accuratezza | percento 1 }}.
    La confusione più frequente è tra {{ capitolo4/07_errori.py:vera }} e …

- ``{{ nome }}``: the global ``nome`` of the nearest snippet included above the citation;
- ``{{ capitolo/file.py:nome }}``: the global ``nome`` of that snippet, which the page
  must include (the value comes from the run the page shows, never from another);
- after ``|``, how to write it: ``percento N`` (×100, N decimals, "%"), ``decimali N``,
  ``tabella`` (a list of rows, the first the header, on a line of its own) and
  ``misurato``, required for a value of a ``misura`` snippet and refused elsewhere.

Citations inside code (fenced or inline), formulas and HTML comments are left alone.
There is no logic in the page: the snippet computes the number or the word, the page
chooses only how to write it.

Three halves meet here. ``capture`` runs in the snippet's process, after the snippet,
and keeps every global that can be written in a sentence (numbers, booleans, short
strings, short lists, small tables) and a description of the others (for the error that
says why a tensor can't be cited). ``glue`` replaces the citations of a page with their
text, each in one element with ``data-valore="<snippet>:<name>"``. ``controlla`` runs in
the doc-test, after the snippet's block, and prints each cited value as the page shows it,
so that the doc-test compares the rerun's values with the page's.
"""

from __future__ import annotations

import html
import math
import re
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

CITATION = re.compile(r"\{\{(?P<body>.*?)\}\}")
BODY = re.compile(
    r"^\s*(?:(?P<snippet>[\w./-]+\.py):)?(?P<name>[A-Za-z_]\w*)\s*(?P<options>(?:\|[^|]*)*)$"
)
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# What is not prose on a line: inline code, inline formulas, HTML comments.
NOT_PROSE = re.compile(
    r"(?P<code>`+).+?(?P=code)"
    r"|\\\(.*?\\\)|\\\[.*?\\\]"
    r"|\$\$.*?\$\$|(?<![\\$])\$(?=\S).*?(?<=\S)\$"
    r"|<!--.*?-->"
)

# How much a sentence can hold.
MAX_TEXT = 120
MAX_ITEMS = 12
MAX_ROWS = 20
MAX_COLUMNS = 8
MEASURED_LABEL = "misurato sulla macchina della build"
MISSING = "[non calcolato]"


class GlueError(Exception):
    """A citation the build can't fill: the message names page, line and the fix."""


# ---- the snippet's side ---------------------------------------------------------


class _NotPlain(Exception):
    """A value that can't be written in a sentence; the message describes it."""


def _scalar(value: Any) -> Any:
    """A number, boolean or short string as plain Python, or _NotPlain."""
    if type(value).__module__ == "numpy" and getattr(value, "ndim", None) == 0:
        value = value.item()  # numpy's scalars (np.float64, np.int64, np.bool_)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _NotPlain(f"il numero {value!r}, che in una frase non ha senso")
        return float(value)
    if isinstance(value, str):
        if "\n" in value or len(value) > MAX_TEXT:
            raise _NotPlain(
                f"un testo di {len(value)} caratteri su più righe"
                if "\n" in value
                else f"un testo di {len(value)} caratteri (in una frase al massimo {MAX_TEXT})"
            )
        return str(value)
    raise _NotPlain(_kind(value))


def _kind(value: Any) -> str:
    """What a value is, in words, without printing it (it may be a whole model)."""
    kind = type(value)
    name = f"{kind.__module__}.{kind.__qualname__}".removeprefix("builtins.")
    try:
        shape = getattr(value, "shape", None)
        if shape is not None:
            return f"un {name} di forma {tuple(shape)}"
        if isinstance(value, list | tuple | dict | set):
            return f"un {name} di {len(value)} elementi"
    except Exception:  # noqa: BLE001 - a description must never fail
        pass
    return f"un {name}"


def plain(value: Any) -> Any:
    """``value`` as what a page can cite: a scalar, a short list of scalars, or a table
    (a list of up to MAX_ROWS rows of up to MAX_COLUMNS scalars). _NotPlain otherwise."""
    if isinstance(value, list | tuple):
        items = list(value)
        if items and all(isinstance(item, list | tuple) for item in items):
            if len(items) > MAX_ROWS or any(len(row) > MAX_COLUMNS for row in items):
                raise _NotPlain(
                    f"una tabella di {len(items)} righe (al massimo {MAX_ROWS} righe "
                    f"di {MAX_COLUMNS} colonne)"
                )
            return [[_scalar(cell) for cell in row] for row in items]
        if len(items) > MAX_ITEMS:
            raise _NotPlain(
                f"una lista di {len(items)} elementi (in una frase al massimo {MAX_ITEMS})"
            )
        return [_scalar(item) for item in items]
    return _scalar(value)


def capture(namespace: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The snippet's globals a page could cite: ``{"valore": …}`` for each one that can
    be written in a sentence, ``{"tipo": "…"}`` (what it is) for the others."""
    found: dict[str, dict[str, Any]] = {}
    for name, value in namespace.items():
        if name.startswith("_") or isinstance(
            value, types.ModuleType | types.FunctionType | types.BuiltinFunctionType | type
        ):
            continue
        try:
            found[name] = {"valore": plain(value)}
        except _NotPlain as why:
            found[name] = {"tipo": str(why)}
        except Exception:  # noqa: BLE001 - an odd object is only not citable
            found[name] = {"tipo": _kind(value)}
    return found


# ---- formats ------------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    """How a citation writes its value."""

    percent: bool = False
    digits: int | None = None  # decimals; None: integers as they are, floats refused
    measured: bool = False
    table: bool = False


def parse_format(options: list[str]) -> Format:
    """The options after ``|`` (GlueError with what is allowed for an unknown one)."""
    percent, digits, measured, table = False, None, False, False
    for option in options:
        words = option.split()
        if not words:
            raise GlueError("un «|» senza formato dopo")
        word, args = words[0], words[1:]
        if word in {"percento", "decimali"}:
            if len(args) > 1 or (args and not args[0].isdigit()):
                raise GlueError(
                    f"«{option}»: dopo {word} va un numero di cifre (per esempio «{word} 1»)"
                )
            if word == "decimali" and not args:
                raise GlueError(
                    "«decimali» senza numero: scrivi quante cifre, per esempio «decimali 2»"
                )
            percent = percent or word == "percento"
            digits = int(args[0]) if args else 0
        elif word in {"misurato", "tabella"} and not args:
            measured = measured or word == "misurato"
            table = table or word == "tabella"
        else:
            raise GlueError(
                f"formato sconosciuto «{option}»: si può scrivere percento N, decimali N, "
                f"tabella, misurato"
            )
    return Format(percent=percent, digits=digits, measured=measured, table=table)


def _grouped(digits: str) -> str:
    """Thousands separated by a dot from five digits up (Italian use: 2048, 32.128)."""
    if len(digits) < 5:
        return digits
    head = len(digits) % 3 or 3
    return ".".join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def number(value: int | float, fmt: Format) -> str:
    """A number for Italian prose: decimal comma, thousands dot, minus sign, "%"."""
    if fmt.percent:
        value = value * 100
    if fmt.digits is None:
        if isinstance(value, float):
            raise GlueError(
                f"è un numero con la virgola ({value!r}): scegli le cifre dove lo citi, "
                f"per esempio «| decimali 2» o «| percento 1»"
            )
        text = str(abs(value))
        whole, fraction = text, ""
    else:
        text = f"{abs(value):.{fmt.digits}f}"
        whole, _, fraction = text.partition(".")
    negative = value < 0 and any(c not in "0." for c in text)
    written = ("−" if negative else "") + _grouped(whole) + ("," + fraction if fraction else "")
    return written + ("%" if fmt.percent else "")


def scalar_text(value: Any, fmt: Format, cell: bool = False) -> str:
    """A scalar in words. In a table (``cell``) the format applies to the numbers only."""
    if isinstance(value, bool):
        if (fmt.percent or fmt.digits is not None) and not cell:
            raise GlueError("è un sì/no: non ha cifre né percentuale")
        return "sì" if value else "no"
    if isinstance(value, int | float):
        return number(value, fmt)
    if (fmt.percent or fmt.digits is not None) and not cell:
        raise GlueError(f"è un testo («{value}»): percento e decimali valgono per i numeri")
    return str(value)


def render(value: Any, fmt: Format) -> str:
    """The HTML inside the value's element: escaped text, or a table's rows."""
    if isinstance(value, list) and value and all(isinstance(r, list) for r in value):
        if not fmt.table:
            raise GlueError(
                "è una tabella: citala da sola su una riga con «| tabella» (la prima riga "
                "fa da intestazione)"
            )
        head, *rows = value
        cells = "".join(f"<th>{html.escape(scalar_text(c, fmt, cell=True))}</th>" for c in head)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape(scalar_text(c, fmt, cell=True))}</td>" for c in row)
            + "</tr>"
            for row in rows
        )
        return f"<thead><tr>{cells}</tr></thead><tbody>{body}</tbody>"
    if fmt.table:
        raise GlueError("«tabella» vale per una lista di righe, e questo valore non lo è")
    if isinstance(value, list):
        words = [scalar_text(item, fmt) for item in value]
        if not words:
            return html.escape("nessuno")
        text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " e " + words[-1]
        return html.escape(text)
    return html.escape(scalar_text(value, fmt))


# ---- the page's side ------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """One ``{{ … }}`` in a page: line (0-based) and columns [start, end) of that line."""

    line: int
    start: int
    end: int
    snippet: str | None
    name: str
    options: list[str] = field(default_factory=list)

    @property
    def written(self) -> str:
        """The citation as a check line names it: ``name`` plus its options."""
        return " | ".join([self.name, *self.options])


def find_citations(markdown: str, page: str) -> list[Citation]:
    """Every citation in the prose of a page (GlueError for a malformed one)."""
    found: list[Citation] = []
    fence: str | None = None
    display_math = False
    for number_, line in enumerate(markdown.split("\n")):
        opened = FENCE.match(line)
        if fence is not None:
            closing = opened is not None and opened.group(1)[0] == fence[0]
            if closing and len(opened.group(1)) >= len(fence) and not line.strip().strip(fence[0]):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        if line.strip() == "$$" or (line.strip().startswith("$$") ^ line.strip().endswith("$$")):
            display_math = not display_math
            continue
        if display_math:
            continue
        prose = NOT_PROSE.sub(lambda m: " " * len(m.group(0)), line)
        for match in CITATION.finditer(prose):
            body = BODY.match(match["body"])
            where = f"{page}, riga {number_ + 1}"
            if body is None:
                raise GlueError(
                    f"{where}: «{match.group(0)}» non è una citazione di un valore. Si scrive "
                    f"{{{{ nome }}}} (un valore dello snippet incluso più sopra), "
                    f"{{{{ capitolo/file.py:nome }}}}, con un formato dopo «|» se serve "
                    f"(percento 1, decimali 2, tabella, misurato)."
                )
            options = [o.strip() for o in body["options"].split("|")[1:]]
            found.append(
                Citation(
                    line=number_,
                    start=match.start(),
                    end=match.end(),
                    snippet=body["snippet"],
                    name=body["name"],
                    options=options,
                )
            )
    return found


@dataclass(frozen=True)
class Source:
    """What a page can cite from one of its snippets."""

    values: dict[str, dict[str, Any]] | None  # None: not run (execution switched off)
    measured: bool
    tooltip: str  # who computed it: the snippet, the model
    standin: bool  # computed with the stand-in model


@dataclass
class Glued:
    """A page with its citations filled, and what the doc-test must check for each
    snippet: (citation as written, the HTML the page shows)."""

    markdown: str
    checks: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    count: int = 0


def glue(
    markdown: str,
    page: str,
    included: list[tuple[int, str]],
    sources: Callable[[str], Source],
) -> Glued:
    """Replaces each citation with its value. ``included``: (line, snippet) of each
    include of the page, in order; ``sources(snippet)`` what a run of it left."""
    citations = find_citations(markdown, page)
    glued = Glued(markdown)
    if not citations:
        return glued
    lines = markdown.split("\n")
    names = sorted({name for _, name in included})
    for cite in sorted(citations, key=lambda c: (c.line, c.start), reverse=True):
        where = f"{page}, riga {cite.line + 1}"
        snippet = cite.snippet or next(
            (name for line, name in reversed(included) if line < cite.line), None
        )
        if snippet is None:
            raise GlueError(
                f"{where}: {{{{ {cite.name} }}}} non ha uno snippet sopra di sé nella pagina. "
                f"Scrivi da quale viene, per esempio {{{{ capitolo/file.py:{cite.name} }}}}."
            )
        if snippet not in names:
            shown = ", ".join(names) or "nessuno"
            raise GlueError(
                f"{where}: {{{{ {snippet}:{cite.name} }}}} cita snippets/{snippet}, che questa "
                f"pagina non esegue: un valore viene dall'esecuzione che la pagina mostra. "
                f"Includi lo snippet nella pagina o cita uno dei suoi ({shown})."
            )
        source = sources(snippet)
        try:
            fmt = parse_format(cite.options)
        except GlueError as error:
            raise GlueError(f"{where}: {error}.") from None
        if source.measured and not fmt.measured:
            raise GlueError(
                f"{where}: {cite.name} viene da snippets/{snippet}, che misura la velocità "
                f"(misura): il valore cambia da una macchina all'altra e il testo deve dirlo. "
                f"Aggiungi «| misurato» alla citazione: la pagina lo segna come "
                f"«{MEASURED_LABEL}»."
            )
        if fmt.measured and not source.measured:
            raise GlueError(
                f"{where}: «| misurato» su {cite.name}, ma snippets/{snippet} non è uno "
                f"snippet di misura: toglilo (o segna l'inclusione con misura)."
            )
        line = lines[cite.line]
        if fmt.table and line.strip() != line[cite.start : cite.end].strip():
            raise GlueError(f"{where}: una tabella va da sola sulla sua riga.")
        inner = MISSING
        if source.values is not None:
            inner = _inner(source.values, cite, snippet, fmt, where)
        element = _element(snippet, cite.name, inner, source, fmt)
        lines[cite.line] = line[: cite.start] + element + line[cite.end :]
        if source.values is not None and not source.measured:
            glued.checks.setdefault(snippet, []).insert(0, (cite.written, inner))
        glued.count += 1
    glued.markdown = "\n".join(lines)
    return glued


def _inner(
    values: dict[str, dict[str, Any]], cite: Citation, snippet: str, fmt: Format, where: str
) -> str:
    if cite.name not in values:
        defined = ", ".join(sorted(n for n, v in values.items() if "valore" in v)) or "nessuno"
        raise GlueError(
            f"{where}: {cite.name} non è un valore di snippets/{snippet} (una variabile "
            f"globale che lo snippet assegna). Quelli che si possono citare: {defined}."
        )
    entry = values[cite.name]
    if "valore" not in entry:
        raise GlueError(
            f"{where}: {cite.name}, in snippets/{snippet}, è {entry['tipo']}: in una frase "
            f"va un numero, un sì/no, un testo breve, una lista breve o una piccola tabella. "
            f"Fai calcolare allo snippet il valore da citare (per esempio float(x.max()), "
            f"round(…, 3), o la parola del verdetto) in una variabile sua."
        )
    try:
        return render(entry["valore"], fmt)
    except GlueError as error:
        raise GlueError(f"{where}: {cite.name} {error}.") from None


def _element(snippet: str, name: str, inner: str, source: Source, fmt: Format) -> str:
    classes = ["docexec-valore"]
    if source.standin:
        classes.append("docexec-valore--sostituto")
    if source.values is None:
        classes.append("docexec-valore--assente")
    if fmt.measured:
        classes.append("docexec-valore--misurato")
    tag = "table" if fmt.table else "span"
    attributes = (
        f'class="{" ".join(classes)}" data-valore="{html.escape(snippet)}:{name}" '
        f'title="{html.escape(source.tooltip)}"'
    )
    element = f"<{tag} {attributes}>{inner}</{tag}>"
    if fmt.measured:
        element += f' <small class="docexec-misurato">({MEASURED_LABEL})</small>'
    return element


# ---- the doc-test's side --------------------------------------------------------


def check_lines(snippet: str, checks: list[tuple[str, str]]) -> list[str]:
    """The lines the doc-test expects: one per citation, as the page shows it."""
    return [f"{snippet}:{written} = {inner}" for written, inner in checks]


def controlla(namespace: Mapping[str, Any], snippet: str, written: list[str]) -> None:
    """Run by the doc-test after the snippet's block: prints each cited value as the page
    would show it, computed again from this run's globals."""
    values = capture(namespace)
    for citation in written:
        name, *options = [part.strip() for part in citation.split("|")]
        entry = values.get(name, {})
        if "valore" in entry:
            inner = render(entry["valore"], parse_format(options))
        else:
            inner = f"[{name}: {entry.get('tipo', 'non definito')}]"
        print(f"{snippet}:{citation} = {inner}")


SHOWN = re.compile(
    r'<(?P<tag>span|table) class="docexec-valore[^"]*" data-valore="(?P<key>[^"]+)"[^>]*>'
    r"(?P<inner>.*?)</(?P=tag)>"
)
CHECKED = re.compile(
    r"^[ \t]*(?P<snippet>[\w./-]+\.py):(?P<name>\w+)[^=\n]* = (?P<inner>.*)$", re.M
)


def unchecked(tree_page: str) -> list[str]:
    """The values a page of the doc-test tree shows in its prose that none of its check
    lines expects (a value altered after the build, or one no rerun would compare)."""
    expected = {(m["snippet"] + ":" + m["name"], m["inner"]) for m in CHECKED.finditer(tree_page)}
    return [
        f"{m['key']} = {m['inner']}"
        for m in SHOWN.finditer(tree_page)
        if "docexec-valore--misurato" not in m.group(0)
        and "docexec-valore--assente" not in m.group(0)
        and (m["key"], m["inner"]) not in expected
    ]
