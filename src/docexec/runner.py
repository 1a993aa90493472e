"""Runs snippets in isolated processes and collects what they produce.

Two ways to run, same result:

- ``fork`` (default): a warm worker imports torch and transformers once and forks one
  child per snippet, so a snippet doesn't pay Python's and torch's start-up;
- ``process``: one fresh ``python snippet.py`` per snippet (the baseline ``make bench``
  compares against, and a fallback where ``fork`` is not available).

Each snippet gets its own working folder (with ``data/`` linked in), its own process
group, a time limit, and a clean interpreter state: its globals, its seeds and its
folder are its own.
"""

from __future__ import annotations

import json
import os
import queue
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .worker import kill_group as _kill_group

FIGURE_SUFFIXES = {".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp"}
UNSUPPORTED_FIGURE_SUFFIXES = {".pdf", ".eps", ".ps", ".tif", ".tiff", ".bmp", ".pgf", ".raw"}
PRELOAD = [
    "numpy",
    "torch",
    "transformers",
    "transformers.models.t5.modeling_t5",
    "transformers.models.t5.tokenization_t5",
    "matplotlib.pyplot",
]
# With fewer snippets to run than this, and no warm worker yet, fresh processes finish
# sooner: the warm worker's preload (torch, transformers, matplotlib) costs about as much
# as two snippets' own start-up, and a snippet imports only what it uses.
FORK_FROM = 3
# Margin on top of a snippet's limit before the build gives up on its worker too.
WORKER_GRACE_S = 30.0


def runs_alone(source: str, measure: bool) -> bool:
    """Snippets that measure speed run alone, and so do those that train (call
    ``backward``): a model's weights, its gradients and the optimizer's state take at
    least twice its size, and two such snippets side by side would double the peak."""
    return measure or ".backward(" in source


@dataclass(frozen=True)
class Job:
    """One snippet to run."""

    snippet: Path  # absolute path
    name: str  # as the page includes it, e.g. "capitolo1/01_attenzione.py"
    timeout: float
    threads: int = 0  # 0: the library default
    exclusive: bool = False  # run alone, after the others (see `runs_alone`)


@dataclass
class Outcome:
    """What one run produced."""

    job: Job
    returncode: int | None
    stdout: str
    stderr: str
    duration: float
    figures: dict[str, bytes] = field(default_factory=dict)
    timed_out: bool = False
    signal: int | None = None
    problem: str = ""  # set when the run can't be trusted for a reason other than exit code
    device: str = "cpu"

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out and not self.problem


def failing_line(stderr: str, snippet: Path) -> int | None:
    """The last line of ``snippet`` named in a traceback, if any."""
    pattern = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+)')
    found = None
    for match in pattern.finditer(stderr):
        if Path(match["file"]).name == snippet.name:
            found = int(match["line"])
    return found


def describe_failure(outcome: Outcome, tail_lines: int = 12) -> str:
    """One paragraph that names the snippet, the failing line and the end of stderr."""
    job = outcome.job
    rel = f"snippets/{job.name}"
    if outcome.timed_out:
        cause = f"ha superato il limite di {job.timeout:g} s ed è stato interrotto"
    elif outcome.problem:
        cause = outcome.problem
    elif outcome.signal is not None:
        name = signal.Signals(outcome.signal).name
        hint = " (spesso: memoria esaurita)" if outcome.signal == signal.SIGKILL else ""
        cause = f"è stato terminato dal segnale {name}{hint}"
    else:
        cause = f"è fallito (codice di uscita {outcome.returncode})"
    line = failing_line(outcome.stderr, job.snippet)
    where = ""
    if line is not None:
        try:
            text = job.snippet.read_text(encoding="utf-8").splitlines()[line - 1].strip()
        except (OSError, IndexError):
            text = ""
        where = f" alla riga {line}" + (f" (`{text}`)" if text else "")
    tail = [ln for ln in outcome.stderr.rstrip().splitlines() if ln.strip()][-tail_lines:]
    tail_text = "\n".join("    " + ln for ln in tail) if tail else "    (stderr vuoto)"
    return (
        f"Lo snippet {rel} {cause}{where}.\n"
        f"Ultime righe di stderr:\n{tail_text}\n"
        f"Per riprovarlo da solo: cd snippets && python {job.name}"
    )


def collect_figures(workdir: Path) -> tuple[dict[str, bytes], list[str]]:
    """Images the snippet saved in its folder, and files in formats the site can't show."""
    figures: dict[str, bytes] = {}
    unsupported: list[str] = []
    for path in sorted(workdir.iterdir()):
        if path.is_symlink() or not path.is_file():
            continue
        suffix = path.suffix.lower()
        if suffix in FIGURE_SUFFIXES:
            figures[path.name] = path.read_bytes()
        elif suffix in UNSUPPORTED_FIGURE_SUFFIXES:
            unsupported.append(path.name)
    return figures, unsupported


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


class _Workspace:
    """A fresh working folder for one run, with the shared data linked in."""

    def __init__(self, root: Path, data_dir: Path | None) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.base = Path(tempfile.mkdtemp(prefix="run-", dir=root))
        self.workdir = self.base / "cwd"
        self.workdir.mkdir()
        self.stdout = self.base / "stdout.txt"
        self.stderr = self.base / "stderr.txt"
        if data_dir is not None and data_dir.is_dir():
            (self.workdir / "data").symlink_to(data_dir.resolve(), target_is_directory=True)

    def outcome(self, job: Job, returncode: int | None, duration: float, **extra: Any) -> Outcome:
        stdout, stderr = _text(self.stdout), _text(self.stderr)
        figures, unsupported = collect_figures(self.workdir)
        outcome = Outcome(job, returncode, stdout, stderr, duration, figures, **extra)
        if outcome.ok and unsupported:
            outcome.problem = (
                f"ha salvato {', '.join(unsupported)}: il sito mostra solo figure "
                f"{', '.join(sorted(FIGURE_SUFFIXES))}; salva la figura come .png"
            )
        return outcome

    def remove(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)


class ForkWorker:
    """A ``docexec.worker`` process, with torch already imported."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "docexec.worker", *PRELOAD],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
            encoding="utf-8",
            start_new_session=True,
        )
        self._selector = selectors.DefaultSelector()
        assert self.proc.stdout is not None
        self._selector.register(self.proc.stdout, selectors.EVENT_READ)
        hello = self._read(timeout=300.0)
        if hello is None or not hello.get("ready"):
            self.close()
            raise RuntimeError("il processo di lavoro (docexec.worker) non è partito")
        self.device = str(hello.get("device", "cpu"))

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def _read(self, timeout: float) -> dict[str, Any] | None:
        assert self.proc.stdout is not None
        if not self._selector.select(timeout):
            return None
        line = self.proc.stdout.readline()
        return json.loads(line) if line else None

    def run(self, job: Job, space: _Workspace) -> Outcome:
        request = {
            "snippet": str(job.snippet),
            "workdir": str(space.workdir),
            "stdout": str(space.stdout),
            "stderr": str(space.stderr),
            "timeout": job.timeout,
            "threads": job.threads,
            "env": {},
        }
        started = time.monotonic()
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            return space.outcome(job, None, 0.0, problem="il processo di lavoro era già morto")
        child = self._read(timeout=60.0)
        reply = None
        if child is not None:
            reply = self._read(timeout=job.timeout + WORKER_GRACE_S)
        if reply is None:
            # The worker died (killed, out of memory) or hung: the snippet's fate is
            # unknown, so it fails; its process group goes too, and the next snippet
            # gets a fresh worker.
            if child is not None:
                _kill_group(int(child["started"]))
            self.close()
            return space.outcome(
                job,
                None,
                time.monotonic() - started,
                problem="ha perso il suo processo di lavoro (terminato o senza memoria) "
                "durante l'esecuzione",
                device=self.device,
            )
        return space.outcome(
            job,
            reply["returncode"],
            float(reply["duration"]),
            timed_out=bool(reply["timed_out"]),
            signal=reply["signal"] if not reply["timed_out"] else None,
            device=self.device,
        )

    def close(self) -> None:
        if self.proc.poll() is None:
            _kill_group(self.proc.pid)
        self.proc.wait()
        self._selector.close()


def _run_process(job: Job, space: _Workspace, env: dict[str, str]) -> Outcome:
    """One fresh interpreter for one snippet."""
    run_env = dict(env)
    if job.threads:
        run_env["OMP_NUM_THREADS"] = str(job.threads)
    started = time.monotonic()
    with (
        open(space.stdout, "wb") as out,
        open(space.stderr, "wb") as err,
        open(os.devnull, "rb") as devnull,
    ):
        proc = subprocess.Popen(
            [sys.executable, str(job.snippet)],
            cwd=space.workdir,
            env=run_env,
            stdin=devnull,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        try:
            proc.wait(timeout=job.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            proc.wait()
            return space.outcome(job, None, time.monotonic() - started, timed_out=True)
        _kill_group(proc.pid)
    returncode = proc.returncode
    signum = -returncode if returncode < 0 else None
    return space.outcome(
        job, None if signum else returncode, time.monotonic() - started, signal=signum
    )


class Runner:
    """Runs jobs, ``jobs`` at a time, and reports each outcome as it arrives."""

    def __init__(
        self,
        env: dict[str, str],
        scratch: Path,
        data_dir: Path | None,
        jobs: int = 1,
        mode: str = "fork",
    ) -> None:
        if mode not in {"fork", "process"}:
            raise ValueError(f"modo di esecuzione sconosciuto: {mode!r} (fork o process)")
        self.env = env
        self.scratch = scratch
        self.data_dir = data_dir
        self.jobs = max(1, jobs)
        self.mode = mode
        self._idle: queue.SimpleQueue[ForkWorker] = queue.SimpleQueue()
        self._all: list[ForkWorker] = []
        self._lock = threading.Lock()

    @property
    def warm(self) -> bool:
        """Whether a worker has been started (and has paid its preload)."""
        return any(worker.alive for worker in self._all)

    def _acquire(self) -> ForkWorker:
        try:
            worker = self._idle.get_nowait()
            if worker.alive:
                return worker
            worker.close()
        except queue.Empty:
            pass
        worker = ForkWorker(self.env)
        with self._lock:
            self._all.append(worker)
        return worker

    def run_one(self, job: Job) -> Outcome:
        space = _Workspace(self.scratch, self.data_dir)
        try:
            if self.mode == "process":
                return _run_process(job, space, self.env)
            worker = self._acquire()
            outcome = worker.run(job, space)
            if worker.alive:
                self._idle.put(worker)
            return outcome
        finally:
            space.remove()

    def run(
        self, jobs: Iterable[Job], report: Callable[[Outcome], None] | None = None
    ) -> list[Outcome]:
        """Runs shared jobs in parallel, then exclusive ones alone; keeps the input order."""
        jobs = list(jobs)
        outcomes: dict[int, Outcome] = {}

        def one(index: int) -> None:
            outcome = self.run_one(jobs[index])
            outcomes[index] = outcome
            if report is not None:
                report(outcome)

        shared = [i for i, job in enumerate(jobs) if not job.exclusive]
        exclusive = [i for i, job in enumerate(jobs) if job.exclusive]
        with ThreadPoolExecutor(max_workers=self.jobs) as pool:
            list(pool.map(one, shared))
        if exclusive:
            self._keep_idle(1)
        for index in exclusive:
            one(index)
        return [outcomes[i] for i in range(len(jobs))]

    def _keep_idle(self, count: int) -> None:
        """Closes the idle workers beyond ``count``. Each holds its own copy of torch's
        state (a few hundred MB), and a job that runs alone needs only one of them."""
        kept: list[ForkWorker] = []
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            if worker.alive and len(kept) < count:
                kept.append(worker)
                continue
            worker.close()
            with self._lock:
                self._all.remove(worker)
        for worker in kept:
            self._idle.put(worker)

    def close(self) -> None:
        with self._lock:
            for worker in self._all:
                worker.close()
            self._all.clear()

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
