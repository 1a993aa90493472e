"""Page weight budgets, read from the built files (see budgets.py): deterministic, so
they belong in `make test`, where Lighthouse's timed performance score does not."""

import os
from pathlib import Path

import pytest

from .budgets import budget_problems, page_cost
from .checks import site_pages


def test_every_page_is_within_its_budgets(site_dir):
    problems = [
        p for page in site_pages(site_dir) for p in budget_problems(page_cost(site_dir, page))
    ]
    assert problems == [], "\n".join(problems)


@pytest.fixture
def planted(site_dir: Path, tmp_path: Path):
    """A site in tmp_path with one real page, copied to be changed, and the real assets."""
    copy = tmp_path / "site"
    (copy / "capitolo1").mkdir(parents=True)
    os.symlink(site_dir / "assets", copy / "assets")
    page = copy / "capitolo1" / "index.html"
    page.write_text((site_dir / "capitolo1" / "index.html").read_text("utf-8"), "utf-8")

    def plant(head: str = "", body: str = "", files: dict[str, bytes] | None = None) -> list[str]:
        for name, data in (files or {}).items():
            (copy / name).write_bytes(data)
        html = page.read_text("utf-8").replace("</head>", head + "</head>", 1)
        page.write_text(html.replace("</body>", body + "</body>", 1), "utf-8")
        return budget_problems(page_cost(copy, "capitolo1/"))

    assert plant() == []  # the copy itself is within budget
    return plant


def incompressible(size: int) -> bytes:
    """Bytes that gzip cannot shrink much, as a large minified bundle."""
    return os.urandom(size // 2).hex().encode()[:size]


def test_a_heavy_stylesheet_in_the_head_exceeds_the_blocking_budget(planted):
    problems = planted(
        head='<link rel="stylesheet" href="../pesante.css">',
        files={"pesante.css": b"/*" + incompressible(120_000) + b"*/"},
    )
    assert any("blocking" in p and "/capitolo1/" in p for p in problems), problems


def test_a_heavy_synchronous_script_in_the_head_exceeds_the_blocking_budget(planted):
    problems = planted(
        head='<script src="../pesante.js"></script>',
        files={"pesante.js": b"//" + incompressible(120_000)},
    )
    assert any("blocking" in p for p in problems), problems


def test_a_deferred_heavy_script_still_counts_in_the_transfer(planted):
    problems = planted(
        body='<script defer src="../pesante.js"></script>',
        files={"pesante.js": b"//" + incompressible(200_000)},
    )
    assert any("transfer" in p for p in problems), problems
    assert not any("blocking" in p for p in problems), problems


def test_a_document_too_large_exceeds_the_element_budget(planted):
    problems = planted(body="<div><span>x</span></div>" * 5_000)
    assert any("elements" in p for p in problems), problems


def test_a_script_from_another_host_is_a_budget_problem(planted):
    problems = planted(head='<script async src="https://cdn.example.com/x.js"></script>')
    assert any("cdn.example.com/x.js" in p for p in problems), problems
