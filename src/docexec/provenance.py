"""The generated page «Come è costruito questo sito»: which model, which libraries, which
machine, when, and how long the build took."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Protocol

LIBRARIES = [
    "torch",
    "transformers",
    "tokenizers",
    "safetensors",
    "numpy",
    "matplotlib",
    "scikit-learn",
    "peft",
    "mkdocs",
    "mkdocs-material",
    "pymdown-extensions",
    "mkdocs-jupyter",
]
TOTAL_MARK = '<span class="docexec-tempo-totale">(calcolato alla fine della build)</span>'


class _Model(Protocol):
    requested: str
    label: str
    identity: str
    standin: bool
    revision: str


class _Result(Protocol):
    device: str
    uses_model: bool


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "sconosciuto"


@cache
def installed_version(dist: str) -> str:
    """A distribution's installed version (looked up once: each lookup scans sys.path)."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "non installato"


def page_markdown(
    enabled: bool,
    model: _Model | None,
    counts: dict[str, float],
    results: Iterable[_Result],
    today: dt.date,
) -> str:
    results = list(results)
    lines = [
        "---",
        'description: "Come è stato costruito questo sito: il modello che ha prodotto gli '
        'output, le librerie, la macchina, la data e il tempo della build."',
        "---",
        "# Come è costruito questo sito",
        "",
        "Ogni output di questa guida è stato prodotto eseguendo il suo snippet durante la "
        "costruzione del sito, oppure preso dalla cache se né lo snippet, né i dati, né il "
        "modello, né le librerie erano cambiati. Questa pagina registra l'ultima costruzione.",
        "",
    ]
    if not enabled:
        lines += [
            '!!! note "Esecuzione disattivata"',
            "    Questa costruzione non ha eseguito gli snippet: le pagine mostrano "
            "solo il codice.",
            "",
        ]
    lines += ["## Il modello", "", "| | |", "|---|---|"]
    if model is None:
        lines += ["| Modello | nessuno snippet l'ha usato |"]
    else:
        revision = model.revision or model.identity.split(":", 1)[-1][:12]
        standin = "sì: gli output non sono di Flan-T5" if model.standin else "no"
        lines += [
            f"| Modello richiesto | `{model.requested}` |",
            f"| Modello usato | `{model.label}` |",
            f"| Revisione | `{revision}` |",
            f"| Modello sostitutivo | {standin} |",
        ]
    devices = sorted({r.device.upper() for r in results}) or ["–"]
    lines += [
        "",
        "## L'ambiente",
        "",
        "| | |",
        "|---|---|",
        # As code: a processor's name («Xeon») is not Italian for the spelling check.
        f"| Processore | `{cpu_name()}`, {os.cpu_count()} core |",
        f"| Dispositivo degli snippet | {', '.join(devices)} |",
        f"| Python | {platform.python_version()} |",
        *[f"| {name} | {installed_version(name)} |" for name in LIBRARIES],
        "",
        "## La costruzione",
        "",
        "| | |",
        "|---|---|",
        f"| Data | {today.strftime('%d/%m/%Y')} |",
        f"| Snippet | {int(counts.get('snippet', 0))} |",
        f"| Eseguiti in questa costruzione | {int(counts.get('eseguiti', 0))} |",
        f"| Presi dalla cache | {int(counts.get('dalla_cache', 0))} |",
        f"| Tempo per gli snippet | {counts.get('secondi', 0):.1f} s |",
        f"| Tempo totale della costruzione | {TOTAL_MARK} |",
        "",
    ]
    return "\n".join(lines)


def write_total_time(site: Path, uri: str, directory_urls: bool, seconds: float) -> None:
    """Puts the build's total time into the page, once the build knows it."""
    stem = uri.removesuffix(".md")
    page = site / stem / "index.html" if directory_urls else site / f"{stem}.html"
    if not page.is_file():
        return
    text = page.read_text(encoding="utf-8")
    text = re.sub(
        r'<span class="docexec-tempo-totale">[^<]*</span>',
        f'<span class="docexec-tempo-totale">{seconds:.1f} s</span>',
        text,
    )
    page.write_text(text, encoding="utf-8")
