"""pytest set-up for the doc-test tree; the build copies this file there as conftest.py.

pytest-codeblocks runs every block with ``exec`` in one process, so what a block changes
(an environment variable, the working folder, torch's default dtype, a patched module)
would reach the blocks after it, and their failures would blame innocent code. Here each
block runs in a child forked from this process, which has imported the libraries the
blocks use (torch, transformers) once, as the build's worker does, and its changes die
with the child.

The child gets what the build gave the snippet: the same model (``FLAN_T5_MODEL``), the
same torch thread count, a fresh working folder with a private copy of ``data/``, and a
``sys.stdout`` with a ``buffer`` whose bytes must be UTF-8. A block that changes its copy
of the data fails, as the snippet fails the build.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_codeblocks.plugin

from docexec.data import copy_data, data_changes
from docexec.runner import PRELOAD, utf8_problem
from docexec.worker import imported_names, preload, preload_imports

HERE = Path(__file__).resolve().parent
MANIFEST = json.loads((HERE / "docexec.json").read_text(encoding="utf-8"))
os.environ.update(MANIFEST["env"])
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ["TOKENIZERS_PARALLELISM"] = "false"
if MANIFEST.get("threads"):
    # For a block whose torch is imported only in its child (a tree that doesn't
    # preload it): torch takes its thread count from here when it is imported.
    os.environ["OMP_NUM_THREADS"] = str(MANIFEST["threads"])


class _Stdout(io.TextIOWrapper):
    """A block's stdout as the build's snippet has it: text over bytes."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", write_through=True)

    def getvalue(self) -> str:
        self.flush()
        data = self.buffer.getvalue()  # type: ignore[attr-defined]
        problem = utf8_problem(data)
        if problem:
            raise RuntimeError(f"il blocco {problem}")
        return data.decode("utf-8")


@contextlib.contextmanager
def _stdout_io(stdout: Any = None) -> Iterator[_Stdout]:
    old, sys.stdout = sys.stdout, _Stdout()
    try:
        yield sys.stdout  # type: ignore[misc]
    finally:
        sys.stdout = old


# pytest-codeblocks captures a block's output with a StringIO, which has no ``buffer``.
pytest_codeblocks.plugin.stdout_io = _stdout_io


def _run_here(item: pytest.Item, runtest: Callable[[], None]) -> tuple[str, str]:
    """Runs the block in this (forked) process: passed, skipped or failed, and why."""
    work = Path(tempfile.mkdtemp(prefix="doctest-"))
    try:
        data = copy_data(Path(MANIFEST["data_dir"]), work)
        os.chdir(work)
        torch = sys.modules.get("torch")
        if torch is not None and MANIFEST.get("threads"):
            torch.set_num_threads(int(MANIFEST["threads"]))
        runtest()
        changes = data_changes(data, work)
        if changes:
            return "failed", f"{item.name}: il blocco {changes}."
        return "passed", ""
    except pytest.skip.Exception as skip:
        return "skipped", str(skip.msg)
    except Exception as error:
        text = error.args[0] if error.args and isinstance(error.args[0], str) else repr(error)
        if not text.startswith(item.name):
            text = f"{item.name}: {text}"
        return "failed", text
    except BaseException:
        return "failed", f"{item.name}:\n{traceback.format_exc()}"
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run_forked(item: pytest.Item, runtest: Callable[[], None]) -> None:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        outcome, text = "failed", f"{item.name}: errore nel doc-test"
        try:
            outcome, text = _run_here(item, runtest)
        finally:
            with contextlib.suppress(BaseException), os.fdopen(write_end, "wb") as pipe:
                sys.stdout.flush()
                sys.stderr.flush()
                # Plain text, not json: the block may have patched the json module.
                pipe.write(f"{outcome}\n{text}".encode("utf-8", errors="replace"))
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not message:
        raise RuntimeError(
            f"{item.name}: il blocco ha chiuso il suo processo senza finire "
            f"(stato di uscita {os.waitstatus_to_exitcode(status)})"
        )
    outcome, _, text = message.decode("utf-8").partition("\n")
    if outcome == "skipped":
        pytest.skip(text)
    if outcome == "failed":
        raise RuntimeError(text)


def _packages(sources: list[str]) -> set[str]:
    return {name.split(":")[0].split(".")[0] for s in sources for name in imported_names(s)}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Imported here, once, before the first fork: the build worker's preload, limited to
    # the libraries the blocks use (a tree of plain-Python blocks starts in a second, not
    # in torch's eight), then what the blocks import by name.
    sources = [item.obj.code for item in items if getattr(item, "obj", None)]
    used = _packages(sources)
    preload([module for module in PRELOAD if module.split(".")[0] in used])
    preload_imports(sources)
    for item in items:
        item.runtest = functools.partial(_run_forked, item, item.runtest)  # type: ignore[method-assign]
