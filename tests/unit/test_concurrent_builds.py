"""Two builds in one folder (`make serve` in a terminal, `make build` in another)."""

import re
import signal
import subprocess

import pytest

from docexec.plugin import LOCK_FILE
from docexec.shared import BuildLock

from .sites import Site
from .test_build import MODEL_CODE, page

pytestmark = pytest.mark.slow


def counts(log: str) -> tuple[int, int]:
    """(from the cache, run) as the build's summary line reports them."""
    found = re.search(r"dalla cache: (\d+), eseguiti: (\d+)", log)
    assert found, log
    return int(found[1]), int(found[2])


def log_until(build: subprocess.Popen[str], text: str) -> str:
    """A running build's log up to the first line with ``text`` (all of it if none)."""
    lines = []
    for line in build.stdout:
        lines.append(line)
        if text in line:
            break
    return "".join(lines)


def test_two_builds_started_together_on_a_clean_tree_both_succeed(tmp_path):
    # No model given and no Hub: both builds need the stand-in, which neither finds.
    site = Site(tmp_path / "sito")
    site.snippet("c/01_modello.py", MODEL_CODE).snippet("c/02_a.py", "print('a')\n")
    site.page("index.md", page("c/01_modello.py", "c/02_a.py"))
    builds = [site.start(HF_HUB_OFFLINE="1") for _ in range(2)]
    logs = [build.communicate()[0] for build in builds]
    for build, log in zip(builds, logs, strict=True):
        assert build.returncode == 0, log
    # The lock: one build ran both snippets, the other found them in the cache.
    assert sorted(counts(log) for log in logs) == [(0, 2), (2, 0)]
    modelli = site.root / "build" / "modelli"
    assert [p.name for p in modelli.iterdir() if not p.name.endswith(".lock")] == [
        "t5-sostituto-offline"
    ]
    third = site.build(HF_HUB_OFFLINE="1")
    assert third.returncode == 0, third.log
    assert counts(third.log) == (2, 0)
    assert "aspetto" not in third.log


def test_a_build_waits_for_the_one_holding_the_folder_and_says_so(tmp_path, standin_model):
    site = Site(tmp_path / "sito", model=standin_model)
    site.snippet("c/01_a.py", "print('a')\n").page("index.md", page("c/01_a.py"))
    lock = BuildLock(site.root / "build" / LOCK_FILE)
    lock.acquire()
    try:
        build = site.start()
        log = log_until(build, "un'altra build sta usando")
        assert "aspetto che finisca" in log, log
        assert build.poll() is None, "it must not build while the folder is held"
        assert not (site.root / "site" / "index.html").exists()
    finally:
        lock.release()
    rest = build.communicate()[0]
    assert build.returncode == 0, rest
    assert counts(rest) == (0, 1)
    assert (site.root / "site" / "index.html").exists()


def test_the_lock_is_released_when_a_build_fails(tmp_path, standin_model):
    site = Site(tmp_path / "sito", model=standin_model)
    site.snippet("c/01_errore.py", "1 / 0\n").page("index.md", page("c/01_errore.py"))
    failed = site.build()
    assert failed.returncode != 0
    lock = BuildLock(site.root / "build" / LOCK_FILE)
    lock.acquire(on_wait=lambda: pytest.fail("the failed build left the folder locked"))
    lock.release()


def test_a_build_stopped_with_ctrl_c_keeps_the_snippets_it_finished(tmp_path, standin_model):
    site = Site(tmp_path / "sito", model=standin_model).options(jobs=1)
    site.snippet("c/01_a.py", "print('a')\n").snippet("c/02_b.py", "print('b')\n")
    site.snippet("c/03_lento.py", "import time\n\ntime.sleep(600)\nprint('c')\n")
    site.page("index.md", page("c/01_a.py", "c/02_b.py", "c/03_lento.py"))
    build = site.start()
    log = log_until(build, "[2/3 da eseguire]")
    assert "snippets/c/02_b.py: eseguito" in log, log
    build.send_signal(signal.SIGINT)
    build.communicate(timeout=120)  # the running snippet goes too: no 600 s wait
    assert build.returncode != 0
    site.snippet("c/03_lento.py", "print('c')\n")
    again = site.build()
    assert again.returncode == 0, again.log
    assert counts(again.log) == (2, 1)
    assert "snippets/c/01_a.py: dalla cache" in again.log
