"""A warm worker: imports the heavy libraries once, then forks one child per snippet.

Started by ``runner.ForkWorker`` as ``python -m docexec.worker MODULE...``. It speaks
JSON lines on stdin/stdout:

- on start it prints ``{"ready": true}``;
- for each request ``{"snippet", "workdir", "stdout", "stderr", "values", "device",
  "timeout", "env", "threads"}``
  it prints ``{"started": pid}`` and then
  ``{"returncode", "signal", "timed_out", "duration"}``.

The child gets a fresh working folder, its own process group, stdin from /dev/null and
stdout/stderr redirected to files, and runs the snippet as ``__main__`` exactly as
``python snippet.py`` would; after it, the values a page can cite from its globals go
to the ``values`` file, and the device it ran on to the ``device`` file. Nothing the
child does can touch the worker's state.

The worker itself never calls into ``torch.cuda``: CUDA initialised (even only asked
whether it is there) in a process that then forks is broken in every child, so only
a child, which runs one snippet and exits, may.

``python -m docexec.worker --una-volta SNIPPET VALUES DEVICE`` runs one snippet the same
way in a fresh process (the runner's ``process`` mode).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import select
import signal
import sys
import time
from typing import Any


def preload(modules: list[str]) -> None:
    """Imports ``modules``. One that fails to import stops the worker, with its traceback
    on stderr: the list names the snippets' own dependencies, so a failure there is a
    typo or a broken install, which would otherwise cost its import in every snippet."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    for name in modules:
        importlib.import_module(name)


def imported_names(source: str) -> list[str]:
    """What a snippet imports at its top level: ``module`` or ``module:name`` (for
    ``from module import name``), in order."""
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found += [f"{node.module}:{alias.name}" for alias in node.names]
    return found


def preload_imports(sources: list[str]) -> None:
    """Imports, once, what the snippets import, names included: transformers' classes
    load on first use, and a forked child would pay that again each time."""
    for name in dict.fromkeys(n for source in sources for n in imported_names(source)):
        module, _, attribute = name.partition(":")
        with contextlib.suppress(Exception):
            loaded = importlib.import_module(module)
            if attribute:
                getattr(loaded, attribute)


def device_used() -> str:
    """What this process has run on: "cuda" once it has used CUDA, else "cpu". Asked in
    the child after its snippet (the worker never uses CUDA, so the snippet did)."""
    torch = sys.modules.get("torch")
    cuda = getattr(torch, "cuda", None)
    return "cuda" if cuda is not None and cuda.is_initialized() else "cpu"


def _run_child(request: dict[str, Any]) -> None:
    """Runs in the forked child; never returns."""
    code = 1
    try:
        os.setpgid(0, 0)
        os.chdir(request["workdir"])
        os.environ.update(request["env"])
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        out = os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        torch = sys.modules.get("torch")
        if torch is not None and request.get("threads"):
            torch.set_num_threads(int(request["threads"]))
        code = run_snippet(request["snippet"], request.get("values"), request.get("device"))
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def run_snippet(snippet: str, values: str | None, device: str | None = None) -> int:
    """Runs ``snippet`` as ``python snippet.py`` would, in this process, and returns its
    exit status. After a run that ends normally, the globals a page could cite go to the
    file ``values`` (see ``valori.capture``); after any run, the device it used to the
    file ``device``."""
    import runpy

    sys.argv = [snippet]
    sys.path[0] = os.path.dirname(snippet)
    try:
        namespace = runpy.run_path(snippet, run_name="__main__")
    except SystemExit as stop:
        if stop.code is not None and not isinstance(stop.code, int):
            print(stop.code, file=sys.stderr)
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException as error:
        _print_traceback(error, snippet)
        return 1
    finally:
        if device:
            used = "cpu"
            with contextlib.suppress(Exception):  # a snippet may have patched torch.cuda
                used = device_used()
            with open(device, "w", encoding="utf-8") as handle:
                handle.write(used)
    if values:
        from .valori import capture

        with open(values, "w", encoding="utf-8") as handle:
            json.dump(capture(namespace), handle, ensure_ascii=False)
    return 0


def _print_traceback(error: BaseException, snippet: str) -> None:
    """The traceback ``python snippet.py`` would print, without this worker's frames."""
    import traceback

    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != snippet:
        tb = tb.tb_next
    traceback.print_exception(type(error), error, tb or error.__traceback__)


def _wait(pid: int, timeout: float) -> tuple[int | None, int | None, bool]:
    """Waits for the child; kills its whole process group past the timeout."""
    deadline = time.monotonic() + timeout
    pidfd = os.pidfd_open(pid)
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                kill_group(pid)
                _, status = os.waitpid(pid, 0)
                return None, signal.SIGKILL, True
            ready, _, _ = select.select([pidfd], [], [], left)
            if ready:
                _, status = os.waitpid(pid, 0)
                kill_group(pid)  # whatever the snippet left running dies with it
                if os.WIFSIGNALED(status):
                    return None, os.WTERMSIG(status), False
                return os.WEXITSTATUS(status), None, False
    finally:
        os.close(pidfd)


def kill_group(pid: int) -> None:
    """Kills a process group, if it is still there."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _reply(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    if argv[:1] == ["--una-volta"]:  # one snippet in this fresh process ("process" mode)
        code = run_snippet(argv[1], argv[2], argv[3])
        sys.stdout.flush()
        return code
    preload(argv)
    _reply({"ready": True})
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _run_child(request)
        _reply({"started": pid})
        returncode, signum, timed_out = _wait(pid, float(request["timeout"]))
        _reply(
            {
                "returncode": returncode,
                "signal": signum,
                "timed_out": timed_out,
                "duration": time.monotonic() - started,
            }
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
