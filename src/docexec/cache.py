"""What a snippet produced, stored under a key of everything that could change it.

The key hashes: the snippet's bytes; the data files it names; the model's identity
(only for snippets that read ``FLAN_T5_MODEL``); the versions of Python and of every
installed distribution (torch and transformers among them); the thread count; and the
hook's own version. An entry is a folder written elsewhere and renamed into place, so
a reader never sees half of one; an entry that can't be read back is treated as absent.
Entries that no full build has used for ``UNUSED_BUILDS`` builds are removed.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import HOOK_VERSION
from .shared import replace_folder, staging_folder, write_atomic

MODEL_VARIABLE = "FLAN_T5_MODEL"
RESULT_FILE = "risultato.json"
# Which full build last used each entry (see Cache.record_build).
USAGE_FILE = "usage.json"
# Full builds an entry may go unused before it is removed: enough to come back to another
# branch, or to the other model (the stand-in's outputs and the real model's have keys of
# their own), and find the outputs still there; few enough that what edited snippets and
# library upgrades leave behind (a whole set of entries at each upgrade) doesn't pile up.
UNUSED_BUILDS = 5
KEY = re.compile(r"[0-9a-f]{64}")


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
        self.used: set[str] = set()  # the keys looked up or stored since the last record

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / key

    def get(self, key: str) -> Entry | None:
        """The entry for ``key``; None if absent; CacheError if unreadable."""
        self.used.add(key)
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
        self.used.add(key)
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

    def stored_keys(self) -> set[str]:
        """The keys of the entries in the cache (the folders being written aside excluded)."""
        return {
            entry.name
            for folder in self.root.glob("??")
            if folder.is_dir()
            for entry in folder.iterdir()
            if KEY.fullmatch(entry.name) and entry.name.startswith(folder.name)
        }

    def record_build(self, full: bool) -> list[str]:
        """Notes that the entries used since the last record were used by this build; after a
        full build, removes (and returns) those that the last ``UNUSED_BUILDS`` full builds
        did not use. A dirty build (`make serve`) looks only at some pages: it removes
        nothing, and counts for nothing but the entries it used.

        An entry seen here for the first time (stored before this record existed, or by a
        writer that doesn't record) counts as used now."""
        builds, last_used = self._read_usage()
        if full:
            builds += 1
        stored = self.stored_keys()
        last_used = {key: last_used.get(key, builds) for key in stored}
        last_used.update(dict.fromkeys(self.used & stored, builds))
        removed = []
        if full:
            removed = sorted(k for k, b in last_used.items() if builds - b >= UNUSED_BUILDS)
        for key in removed:
            self.discard(key)
            del last_used[key]
        usage = {"builds": builds, "last_used": dict(sorted(last_used.items()))}
        write_atomic(self.root / USAGE_FILE, json.dumps(usage, indent=1).encode())
        self.used.clear()
        return removed

    def _read_usage(self) -> tuple[int, dict[str, int]]:
        """The full builds counted so far, and the one that last used each entry. An
        unreadable record starts again from nothing: every entry then counts as used now,
        so the worst it costs is a few more builds before an unused entry goes."""
        try:
            usage = json.loads((self.root / USAGE_FILE).read_text(encoding="utf-8"))
            builds = int(usage["builds"])
            last_used = {str(k): int(b) for k, b in usage["last_used"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return 0, {}
        return builds, last_used
