"""pytest set-up for the doc-test tree; the build copies this file there as conftest.py.

pytest-codeblocks runs each block with ``exec`` in this process. This gives each block
what the build gave the snippet: the same model (``FLAN_T5_MODEL``), the same torch
thread count, and a fresh working folder with ``data/`` linked in.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = json.loads((HERE / "docexec.json").read_text(encoding="utf-8"))
os.environ.update(MANIFEST["env"])
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ["TOKENIZERS_PARALLELISM"] = "false"


def pytest_runtest_setup(item):
    work = Path(tempfile.mkdtemp(prefix="doctest-"))
    data = Path(MANIFEST["data_dir"])
    if data.is_dir():
        (work / "data").symlink_to(data, target_is_directory=True)
    item.docexec_state = (os.getcwd(), work)
    os.chdir(work)
    if MANIFEST.get("threads"):
        import torch

        torch.set_num_threads(int(MANIFEST["threads"]))


def pytest_runtest_teardown(item):
    cwd, work = item.docexec_state
    os.chdir(cwd)
    shutil.rmtree(work, ignore_errors=True)
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
