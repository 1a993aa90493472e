"""Fixtures for the checks on the built site: a local server and a real browser.

The site is served from site/ on 127.0.0.1 by a server started here and stopped at the
end; Debian's Chromium is driven by Playwright (never a downloaded browser).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .checks import CHROMIUM_FLAGS, ROOT, chromium_path
from .server import serve


@pytest.fixture(scope="session")
def site_dir() -> Path:
    site = ROOT / "site"
    if not (site / "index.html").is_file():
        pytest.fail("site/ non contiene il sito: esegui prima make build")
    return site


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    server, url = serve(site_dir)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def broken_site(site_dir: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the site to break on purpose, served on its own port."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    server, url = serve(copy)
    yield copy, url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
    )
    yield context
    context.close()


# The longest checks (seconds to minutes each, see `make site`'s durations) start first:
# `pytest -n 2` hands out tests in this order, and a long one started last ran alone at
# the end while the other worker had nothing left to do.
LONGEST = ("[print_page/", "test_lighthouse", "valid_html", "broken_internal_links", "notebook/]")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not any(name in item.nodeid for name in LONGEST))
