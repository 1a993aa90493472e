"""Shared fixtures: the offline stand-in, created once for the checkout."""

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
def standin_model(texts) -> Path:
    """The stand-in the test sites use: the project's own, in build/modelli, where
    `make build` looks for it. ``ensure_standin`` locks the folder and checks that what
    is there is current, so the workers of one ``pytest -n`` run, and the build after
    them, train it once between them (20 s here), not once each."""
    folder = ROOT / "build" / "modelli" / standin.NAME
    folder.parent.mkdir(parents=True, exist_ok=True)
    ensure_standin(folder, texts)
    return folder
