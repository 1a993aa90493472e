"""Shared fixtures: the offline stand-in, created once per test session."""

from pathlib import Path

import pytest

from docexec import standin
from docexec.model import ensure_standin

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def texts() -> Path:
    """The project's texts, from which the stand-in takes its vocabulary."""
    return ROOT / "snippets" / "data" / "sentiment.csv"


@pytest.fixture(scope="session")
def standin_model(tmp_path_factory, texts, worker_id) -> Path:
    """The stand-in the test sites use. The workers of one ``pytest -n`` run share one
    folder (``ensure_standin`` locks it), so it is trained once, not once per worker."""
    base = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        base = base.parent  # this run's folder, above each worker's own
    folder = base / "modelli" / standin.NAME
    folder.parent.mkdir(parents=True, exist_ok=True)
    ensure_standin(folder, texts)
    return folder
