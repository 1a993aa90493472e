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
def standin_model(tmp_path_factory, texts) -> Path:
    folder = tmp_path_factory.mktemp("modelli") / standin.NAME
    ensure_standin(folder, texts)
    return folder
