"""Runs snippets in isolated processes and collects what they produce.

Two ways to run, same result:

- ``fork`` (default): a warm worker imports torch and transformers once and forks one
  child per snippet, so a snippet doesn't pay Python's and torch's start-up;
- ``process``: one fresh interpreter per snippet, which runs it as ``python snippet.py``
  would (the baseline ``make bench`` compares against, and a fallback where ``fork`` is
  not available).

Each snippet gets its own working folder (with a private copy of ``data/``), its own
process group, a time limit, and a clean interpreter state: its globals, its seeds and
its folder are its own. What it leaves behind is checked before anyone trusts it: its
stdout (UTF-8, within a size limit), its figures (whole images, within a size limit) and
its copy of the data (unchanged).
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
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .data import copy_data, data_changes
from .figures import FIGURE_SUFFIXES, UNSUPPORTED_FIGURE_SUFFIXES, figure_problem
from .worker import kill_group as _kill_group

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


def trains(source: str) -> bool:
    """Whether a snippet trains (calls ``backward``). A model's weights, its gradients and
    the optimizer's state take at least twice its size, so two such snippets never run
    side by side (that would double the peak); one runs beside the snippets that don't
    train, which keeps every core busy while the longest training runs."""
    return ".backward(" in source


# How much of a failed snippet's stderr is read: its last lines are what the error shows.
STDERR_TAIL_BYTES = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """The most a snippet may print and save (see README, «Quando qualcosa va storto»)."""

    stdout_bytes: int = 256 * 1024
    figure_bytes: int = 2 * 1024 * 1024


def size_text(size: int) -> str:
    """A size in words, with a decimal comma: "900 byte", "48 kB", "52,4 MB"."""
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} kB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


@dataclass(frozen=True)
class Job:
    """One snippet to run."""

    snippet: Path  # absolute path
    name: str  # as the page includes it, e.g. "capitolo1/01_attenzione.py"
    timeout: float
    threads: int = 0  # 0: the library default
    exclusive: bool = False  # run alone, after the others: it measures speed
    serial: bool = False  # never beside another serial job (see `trains`)


@dataclass
class Outcome:
    """What one run produced."""

    job: Job
    returncode: int | None
    stdout: str
    stderr: str
    duration: float
    figures: dict[str, bytes] = field(default_factory=dict)
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # see valori.capture
    timed_out: bool = False
    signal: int | None = None
    problem: str = ""  # set when the run can't be trusted for a reason other than exit code
    device: str = "cpu"  # what the snippet ran on, as its own process saw it

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
    return (
        f"Lo snippet {rel} {cause}{where}.\n"
        f"Ultime righe di stderr:\n{stderr_tail_text(outcome.stderr, tail_lines)}\n"
        f"Per riprovarlo da solo: cd snippets && python {job.name}"
    )


def stderr_tail_text(stderr: str, lines: int = 12) -> str:
    """The last non-blank lines of ``stderr``, indented, for an error message."""
    tail = [ln for ln in stderr.rstrip().splitlines() if ln.strip()][-lines:]
    return "\n".join("    " + ln for ln in tail) if tail else "    (stderr vuoto)"


def collect_figures(workdir: Path, limit: int) -> tuple[dict[str, bytes], list[str]]:
    """Images the snippet saved in its folder, and what is wrong with the files it saved
    (a format the site can't show, an image that is not whole, one over ``limit`` bytes)."""
    figures: dict[str, bytes] = {}
    problems: list[str] = []
    for path in sorted(workdir.iterdir()):
        if path.is_symlink() or not path.is_file():
            continue
        suffix = path.suffix.lower()
        if suffix in UNSUPPORTED_FIGURE_SUFFIXES:
            problems.append(
                f"ha salvato {path.name}: il sito mostra solo figure "
                f"{', '.join(sorted(FIGURE_SUFFIXES))}; salva la figura come .png"
            )
        elif suffix in FIGURE_SUFFIXES:
            size = path.stat().st_size
            if size > limit:
                problems.append(
                    f"ha salvato la figura {path.name} di {size_text(size)}, oltre il limite "
                    f"di {size_text(limit)} per figura (max_figure_kb in mkdocs.yml): "
                    f"riduci dimensioni o dpi"
                )
                continue
            data = path.read_bytes()
            problem = figure_problem(path.name, data)
            if problem:
                problems.append(f"ha salvato la figura {path.name}, che {problem}")
            else:
                figures[path.name] = data
    return figures, problems


def read_stdout(path: Path, limit: int) -> tuple[str, str]:
    """A run's stdout as text, and what is wrong with it ('' when nothing). Its size is
    looked at before it is read: a runaway print loop never gets into memory."""
    if not path.exists():
        return "", ""
    size = path.stat().st_size
    if size > limit:
        return "", (
            f"ha stampato {size_text(size)} su stdout, oltre il limite di "
            f"{size_text(limit)} (max_output_kb in mkdocs.yml): l'output va sotto il codice, "
            f"nella pagina e nel doc-test. Stampa ciò che il lettore deve vedere (un "
            f"riassunto, le prime righe, le forme dei tensori)"
        )
    data = path.read_bytes()
    problem = utf8_problem(data)
    return ("", problem) if problem else (data.decode("utf-8"), "")


def utf8_problem(stdout: bytes) -> str:
    """Why ``stdout`` can't be shown as text, naming where its first bad bytes are, or ''."""
    try:
        stdout.decode("utf-8")
    except UnicodeDecodeError as error:
        line = stdout.count(b"\n", 0, error.start) + 1
        column = error.start - (stdout.rfind(b"\n", 0, error.start) + 1) + 1
        bad = stdout[error.start : error.end]
        return (
            f"ha stampato su stdout byte che non sono UTF-8 ({bad!r} alla riga {line} "
            f"dell'output, byte {column}): la pagina e il doc-test mostrano testo. Stampa "
            f"stringhe con print, e decodifica i byte che leggi prima di stamparli"
        )
    return ""


def read_values(path: Path) -> dict[str, dict[str, Any]]:
    """The values a run left (none when it failed before writing them)."""
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return values if isinstance(values, dict) else {}


def _stderr_tail(path: Path) -> str:
    if not path.exists():
        return ""
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - STDERR_TAIL_BYTES))
        return handle.read().decode("utf-8", errors="replace")


class _Workspace:
    """A fresh working folder for one run, with a private copy of the data."""

    def __init__(self, root: Path, data_dir: Path | None, limits: Limits) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.base = Path(tempfile.mkdtemp(prefix="run-", dir=root))
        self.workdir = self.base / "cwd"
        self.workdir.mkdir()
        self.stdout = self.base / "stdout.txt"
        self.stderr = self.base / "stderr.txt"
        self.values = self.base / "valori.json"
        self.device = self.base / "device.txt"
        self.limits = limits
        self.data = copy_data(data_dir, self.workdir)

    def outcome(self, job: Job, returncode: int | None, duration: float, **extra: Any) -> Outcome:
        stdout, stdout_problem = read_stdout(self.stdout, self.limits.stdout_bytes)
        figures, problems = collect_figures(self.workdir, self.limits.figure_bytes)
        stderr = _stderr_tail(self.stderr)
        values = read_values(self.values)
        device = self.device.read_text(encoding="utf-8") if self.device.exists() else "cpu"
        outcome = Outcome(
            job, returncode, stdout, stderr, duration, figures, values, device=device, **extra
        )
        problems = [stdout_problem, data_changes(self.data, self.workdir), *problems]
        if outcome.ok and any(problems):
            outcome.problem = "; ".join(p for p in problems if p)
        return outcome

    def remove(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)


class ForkWorker:
    """A ``docexec.worker`` process, with ``preload`` (torch, by default) already imported.

    Its own stderr (not its snippets': each child writes to its run's files) goes to a file
    in ``scratch``, so that a worker that dies at start says why."""

    def __init__(
        self, env: dict[str, str], scratch: Path, preload: Iterable[str] = PRELOAD
    ) -> None:
        scratch.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix="worker-", suffix=".stderr", dir=scratch)
        self.stderr = Path(name)
        with open(handle, "wb") as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "docexec.worker", *preload],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                env=env,
                text=True,
                encoding="utf-8",
                start_new_session=True,
            )
        self._selector = selectors.DefaultSelector()
        assert self.proc.stdout is not None
        self._selector.register(self.proc.stdout, selectors.EVENT_READ)
        try:
            hello = self._read(timeout=300.0)
        except ValueError:  # a library printed to stdout at import: not our protocol
            hello = None
        if hello is None or not hello.get("ready"):
            self._stop()  # its stderr is whole once it has exited
            stderr = _stderr_tail(self.stderr)
            self.close()
            raise RuntimeError(
                "il processo di lavoro (docexec.worker) non è partito. Ultime righe del suo "
                f"stderr:\n{stderr_tail_text(stderr)}"
            )

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
            "values": str(space.values),
            "device": str(space.device),
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
            self._stop()  # what the worker itself wrote, if it could, is whole now
            stderr = _stderr_tail(self.stderr).strip()
            self.close()
            why = f". Ultime righe del suo stderr:\n{stderr_tail_text(stderr)}" if stderr else ""
            return space.outcome(
                job,
                None,
                time.monotonic() - started,
                problem="ha perso il suo processo di lavoro (terminato o senza memoria) "
                f"durante l'esecuzione{why}",
            )
        return space.outcome(
            job,
            reply["returncode"],
            float(reply["duration"]),
            timed_out=bool(reply["timed_out"]),
            signal=reply["signal"] if not reply["timed_out"] else None,
        )

    def _stop(self) -> None:
        if self.proc.poll() is None:
            _kill_group(self.proc.pid)
        self.proc.wait()

    def close(self) -> None:
        self._stop()
        self._selector.close()
        self.stderr.unlink(missing_ok=True)


def _run_process(job: Job, space: _Workspace, env: dict[str, str], running: set[int]) -> Outcome:
    """One fresh interpreter for one snippet (its process group in ``running`` meanwhile)."""
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
            [
                sys.executable,
                "-m",
                "docexec.worker",
                "--una-volta",
                str(job.snippet),
                str(space.values),
                str(space.device),
            ],
            cwd=space.workdir,
            env=run_env,
            stdin=devnull,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        running.add(proc.pid)
        try:
            proc.wait(timeout=job.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            proc.wait()
            return space.outcome(job, None, time.monotonic() - started, timed_out=True)
        finally:
            running.discard(proc.pid)
        _kill_group(proc.pid)
    returncode = proc.returncode
    signum = -returncode if returncode < 0 else None
    return space.outcome(
        job, None if signum else returncode, time.monotonic() - started, signal=signum
    )


class _Turns:
    """The jobs still to start, handed out one per free thread: the first serial job
    waiting whenever no serial job is running (the longest trainings come early in a
    build, so they start at once), else the next of the others."""

    def __init__(self, jobs: list[Job]) -> None:
        self.size = len(jobs)
        self._serial = deque(job for job in jobs if job.serial)
        self._others = deque(job for job in jobs if not job.serial)
        self._serial_running = False
        self._stopped = False
        self._changed = threading.Condition()

    def take(self) -> Job | None:
        """The next job for a free thread; None when there is none left for it."""
        with self._changed:
            while not self._stopped:
                if self._serial and not self._serial_running:
                    self._serial_running = True
                    return self._serial.popleft()
                if self._others:
                    return self._others.popleft()
                if not self._serial:
                    return None
                self._changed.wait()  # only serial jobs are left, and one is running
            return None

    def done(self, job: Job) -> None:
        if job.serial:
            with self._changed:
                self._serial_running = False
                self._changed.notify_all()

    def stop(self) -> None:
        with self._changed:
            self._stopped = True
            self._changed.notify_all()


class Runner:
    """Runs jobs, ``jobs`` at a time, and reports each outcome as it arrives."""

    def __init__(
        self,
        env: dict[str, str],
        scratch: Path,
        data_dir: Path | None,
        jobs: int = 1,
        mode: str = "fork",
        limits: Limits | None = None,
        preload: Iterable[str] = PRELOAD,
    ) -> None:
        """``preload``: what a warm worker imports before it forks (the snippets' heavy
        libraries). The runner's own tests pass a lighter list: they test the forking,
        not torch's import, and the builds use the default."""
        if mode not in {"fork", "process"}:
            raise ValueError(f"modo di esecuzione sconosciuto: {mode!r} (fork o process)")
        self.env = env
        self.scratch = scratch
        self.data_dir = data_dir
        self.jobs = max(1, jobs)
        self.mode = mode
        self.limits = limits or Limits()
        self.preload = tuple(preload)
        self._idle: queue.SimpleQueue[ForkWorker] = queue.SimpleQueue()
        self._all: list[ForkWorker] = []
        self._lock = threading.Lock()
        self._running: set[int] = set()  # process groups of the snippets run in "process" mode

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
        worker = ForkWorker(self.env, self.scratch, self.preload)
        with self._lock:
            self._all.append(worker)
        return worker

    def run_one(self, job: Job) -> Outcome:
        space = _Workspace(self.scratch, self.data_dir, self.limits)
        try:
            if self.mode == "process":
                return _run_process(job, space, self.env, self._running)
            worker = self._acquire()
            outcome = worker.run(job, space)
            if worker.alive:
                self._idle.put(worker)
            return outcome
        finally:
            space.remove()

    def each(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        """Each outcome as soon as its job finishes: ``self.jobs`` at a time, at most one
        of them serial, then the exclusive ones alone. A caller that stops early (Ctrl-C)
        stops the rest: the jobs not started are dropped and the running ones killed."""
        jobs = list(jobs)
        together = _Turns([job for job in jobs if not job.exclusive])
        results: queue.SimpleQueue[Outcome | BaseException] = queue.SimpleQueue()
        threads = [
            threading.Thread(target=self._take_turns, args=(together, results), daemon=True)
            for _ in range(min(self.jobs, together.size))
        ]
        for thread in threads:
            thread.start()
        finished = False
        try:
            for _ in range(together.size):
                result = results.get()
                if isinstance(result, BaseException):
                    raise result
                yield result
            exclusive = [job for job in jobs if job.exclusive]
            if exclusive:
                self._keep_idle(1)
            for job in exclusive:
                yield self.run_one(job)
            finished = True
        finally:
            together.stop()
            if not finished:
                self.close()  # the running snippets end, and their threads with them

    def _take_turns(self, turns: _Turns, results: queue.SimpleQueue) -> None:
        while (job := turns.take()) is not None:
            try:
                results.put(self.run_one(job))
            except BaseException as error:  # raised again where the outcomes are read
                results.put(error)
            finally:
                turns.done(job)

    def run(self, jobs: Iterable[Job]) -> list[Outcome]:
        """Every outcome, in the order of ``jobs``."""
        jobs = list(jobs)
        return sorted(self.each(jobs), key=lambda outcome: jobs.index(outcome.job))

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
        for group in list(self._running):
            _kill_group(group)

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
