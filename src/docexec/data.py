"""The data the snippets read: each run gets a private copy of snippets/data/ as
``data/``, and a run that changed its copy is reported, so that no snippet can alter the
files that the other snippets, the doc-test and the reader read."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path


def digests(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file under ``folder``, by path relative to it."""
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def copy_data(data_dir: Path | None, workdir: Path) -> dict[str, str] | None:
    """Copies ``data_dir`` to ``workdir/data``; returns what the copy holds (None: no data)."""
    if data_dir is None or not data_dir.is_dir():
        return None
    shutil.copytree(data_dir, workdir / "data")
    return digests(workdir / "data")


def data_changes(before: dict[str, str] | None, workdir: Path) -> str:
    """What a run did to its copy of the data, in words ('' when nothing)."""
    if before is None:
        return ""
    after = digests(workdir / "data")
    changes = [
        *(
            f"ha modificato data/{n}"
            for n in sorted(before)
            if n in after and after[n] != before[n]
        ),
        *(f"ha aggiunto data/{n}" for n in sorted(set(after) - set(before))),
        *(f"ha tolto data/{n}" for n in sorted(set(before) - set(after))),
    ]
    if not changes:
        return ""
    return (
        ", ".join(changes) + ": data/ sono i dati del progetto, che gli altri esempi e i "
        "lettori leggono, e uno snippet li legge senza cambiarli. Scrivi i file che crei "
        "nella cartella corrente, fuori da data/"
    )
