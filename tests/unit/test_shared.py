"""Writes under build/ that concurrent builds share: the lock, atomic files and folders."""

import subprocess
import sys

import pytest

from docexec.shared import (
    BuildLock,
    read_checked,
    replace_folder,
    staging_folder,
    write_atomic,
    write_checked,
)

HOLD = """import sys, time
from pathlib import Path
from docexec.shared import BuildLock
lock = BuildLock(Path(sys.argv[1]))
lock.acquire(on_wait=lambda: print("aspetto", flush=True))
print("preso", flush=True)
"""


def test_a_second_holder_waits_for_the_first_and_is_told_once(tmp_path):
    path = tmp_path / "build" / "docexec.lock"
    first = BuildLock(path)
    first.acquire()
    second = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert second.stdout.readline() == "aspetto\n"
    assert second.poll() is None, "the second holder must wait while the first holds it"
    first.release()
    assert second.stdout.read() == "preso\n"
    assert second.wait() == 0


def test_the_lock_goes_with_the_process_that_held_it(tmp_path):
    path = tmp_path / "docexec.lock"
    subprocess.run([sys.executable, "-c", HOLD, str(path)], check=True, timeout=60)
    lock = BuildLock(path)
    lock.acquire(on_wait=lambda: pytest.fail("nobody holds the lock any more"))
    assert lock.held
    lock.release()


def test_an_atomic_write_leaves_only_the_file(tmp_path):
    target = tmp_path / "cache" / "voce.json"
    write_atomic(target, b"uno")
    write_atomic(target, b"due")
    assert target.read_bytes() == b"due"
    assert [p.name for p in target.parent.iterdir()] == ["voce.json"]


def test_a_folder_replaces_a_folder_with_files_in_it(tmp_path):
    target = tmp_path / "doctest"
    (target / "vecchia").mkdir(parents=True)
    (target / "vecchia" / "pagina.md").write_text("vecchia")
    staging = staging_folder(target)
    (staging / "nuova.md").write_text("nuova")
    replace_folder(staging, target)
    assert [p.name for p in target.iterdir()] == ["nuova.md"]
    assert [p.name for p in tmp_path.iterdir()] == ["doctest"]


def test_a_checked_file_cut_short_is_refused(tmp_path):
    target = tmp_path / "foglio.css"
    write_checked(target, b".a { color: red }\n" * 100)
    assert read_checked(target) == b".a { color: red }\n" * 100
    target.write_bytes(target.read_bytes()[:200])
    with pytest.raises(ValueError, match="troncato"):
        read_checked(target)
