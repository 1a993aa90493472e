"""What a snippet produced, stored under a key of everything that could change it.

The key hashes: the snippet's bytes; the data files it names; the model's identity
(only for snippets that read ``FLAN_T5_MODEL``); the versions of Python and of every
installed distribution (torch and transformers among them); the thread count; and the
hook's own version. An entry is a folder written elsewhere and renamed into place, so
a reader never sees half of one; an entry that can't be read back is treated as absent.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import HOOK_VERSION
from .shared import replace_folder, staging_folder

MODEL_VARIABLE = "FLAN_T5_MODEL"
RESULT_FILE = "risultato.json"


def uses_model(source: str) -> bool:
    """Whether a snippet reads the model named by ``FLAN_T5_MODEL``."""
    return MODEL_VARIABLE in source


@cache
def environment_fingerprint() -> str:
    """Python's version and every installed distribution's version, as one hash.

    Read from the names of the distributions' metadata folders on sys.path
    (``name-version.dist-info``, as installers write them): listing a folder is a
    hundred times faster than opening every distribution's METADATA.
    """
    names = sorted(
        entry.name
        for folder in map(Path, sys.path)
        if folder.is_dir()
        for entry in folder.iterdir()
        if entry.suffix in {".dist-info", ".egg-info"}
    )
    text = sys.version + "\n" + "\n".join(names)
    return hashlib.sha256(text.encode()).hexdigest()


def data_files_named(source: str, data_dir: Path | None) -> list[Path]:
    """The data files whose name appears in the snippet's source."""
    if data_dir is None or not data_dir.is_dir():
        return []
    return [p for p in sorted(data_dir.rglob("*")) if p.is_file() and p.name in source]


def snippet_key(
    source: bytes,
    *,
    model_identity: str,
    data_dir: Path | None,
    threads: int,
) -> str:
    """The cache key of one snippet."""
    text = source.decode("utf-8")
    digest = hashlib.sha256()

    def add(label: str, value: bytes) -> None:
        digest.update(f"{label}:{len(value)}:".encode())
        digest.update(value)

    add("hook", HOOK_VERSION.encode())
    add("env", environment_fingerprint().encode())
    add("threads", str(threads).encode())
    add("snippet", source)
    if uses_model(text):
        add("model", model_identity.encode())
    for path in data_files_named(text, data_dir):
        add("data:" + path.relative_to(data_dir).as_posix(), path.read_bytes())  # type: ignore[arg-type]
    return digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    """A snippet's recorded run."""

    stdout: str
    figures: dict[str, bytes]
    duration: float
    device: str
    date: str  # ISO date of the run
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # see valori.capture


class CacheError(Exception):
    """An entry exists but can't be read back."""


class Cache:
    """A folder of entries, one per key."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / key

    def get(self, key: str) -> Entry | None:
        """The entry for ``key``; None if absent; CacheError if unreadable."""
        folder = self._path(key)
        if not folder.exists():
            return None
        try:
            meta = json.loads((folder / RESULT_FILE).read_text(encoding="utf-8"))
            figures = {}
            for name, sha in meta["figures"].items():
                data = (folder / name).read_bytes()
                # Checked whole before it was stored (figures.figure_problem): here only
                # that these are still the bytes that were checked.
                if hashlib.sha256(data).hexdigest() != sha:
                    raise CacheError(f"la figura {name} non corrisponde al suo hash")
                figures[name] = data
            values = meta["valori"]
            if not isinstance(values, dict):
                raise CacheError("i valori non sono una tabella di nomi")
            return Entry(
                stdout=str(meta["stdout"]),
                figures=figures,
                duration=float(meta["duration"]),
                device=str(meta["device"]),
                date=str(meta["date"]),
                values=values,
            )
        except CacheError:
            raise
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise CacheError(f"{type(error).__name__}: {error}") from error

    def put(self, key: str, entry: Entry) -> None:
        """Stores ``entry`` atomically: written aside, then renamed into place (over the
        same key stored meanwhile by another build, which holds the same result)."""
        final = self._path(key)
        staging = staging_folder(final)
        try:
            for name, data in entry.figures.items():
                (staging / name).write_bytes(data)
            meta = {
                "stdout": entry.stdout,
                "figures": {n: hashlib.sha256(d).hexdigest() for n, d in entry.figures.items()},
                "duration": entry.duration,
                "device": entry.device,
                "date": entry.date,
                "valori": entry.values,
            }
            (staging / RESULT_FILE).write_text(
                json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8"
            )
            replace_folder(staging, final)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def discard(self, key: str) -> None:
        shutil.rmtree(self._path(key), ignore_errors=True)
