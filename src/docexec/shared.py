"""Writes under build/ that two builds may make at once.

``make serve`` in one terminal and ``make build`` in another share build/: the stand-in,
the caches, the doc-test tree. Three tools keep them whole:

- ``BuildLock``: one build at a time in a build folder; the next one waits, then finds
  what the first one stored;
- ``write_atomic``: a file is written under a name of its own and renamed into place, so
  a reader sees the old file or the new one, never half of one;
- ``replace_folder``: the same for a folder;
- ``write_checked`` and ``read_checked``: a file that carries the hash of its content, for
  caches whose content can't tell by itself that it was cut short (a stylesheet).

Each is safe on its own too, for the writers that don't take the lock (tests, ``python
-m docexec.notebook``, a second project pointing at the same cache).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path


class BuildLock:
    """An exclusive lock on a file, held until ``release`` or the end of the process
    (the system drops a ``flock`` when its holder dies, however it dies)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, on_wait: Callable[[], None] | None = None) -> None:
        """Takes the lock; when another process holds it, calls ``on_wait`` once and
        waits for it."""
        if self._fd is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                raise
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


@contextlib.contextmanager
def locked(path: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    lock = BuildLock(path)
    lock.acquire(on_wait)
    try:
        yield
    finally:
        lock.release()


def write_atomic(path: Path, data: bytes) -> None:
    """Writes ``data`` to ``path``: aside under a unique name, then renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, staging = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(staging, 0o644)
        os.replace(staging, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staging)
        raise


def write_checked(path: Path, data: bytes) -> None:
    """Writes ``data`` atomically, after a first line with its SHA-256."""
    write_atomic(path, hashlib.sha256(data).hexdigest().encode() + b"\n" + data)


def read_checked(path: Path) -> bytes:
    """What ``write_checked`` wrote; FileNotFoundError if absent, ValueError if the file
    is not whole."""
    digest, _, data = path.read_bytes().partition(b"\n")
    if hashlib.sha256(data).hexdigest().encode() != digest:
        raise ValueError("il contenuto non corrisponde al suo hash (file troncato o alterato)")
    return data


def staging_folder(target: Path) -> Path:
    """An empty folder beside ``target``, to be filled and then ``replace_folder``-ed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))


def replace_folder(staging: Path, target: Path) -> None:
    """Puts ``staging`` at ``target``, replacing what was there.

    A folder can't be renamed over a folder that has files in it: the old one is first
    renamed aside (over an empty folder, which is allowed), then removed. A reader sees
    the old folder, for an instant none, then the new one: never a mix of the two.
    """
    for _ in range(3):
        try:
            os.replace(staging, target)
            return
        except OSError as error:
            if not target.is_dir() or isinstance(error, FileNotFoundError):
                raise
        aside = staging_folder(target)
        with contextlib.suppress(FileNotFoundError):  # another writer moved it first
            os.replace(target, aside)
        shutil.rmtree(aside, ignore_errors=True)
    os.replace(staging, target)
