"""The built site through the standard checkers: linkchecker, the Nu HTML Checker and
Lighthouse."""

import json
import os
import re
import statistics
import subprocess
from pathlib import Path

import pytest

from .checks import (
    CHROMIUM_FLAGS,
    NODE_MODULES,
    ROOT,
    chromium_path,
    linkchecker_problems,
    own_link_problems,
    site_pages,
    vnu_problems,
)

pytestmark = pytest.mark.slow
HERE = ROOT / "tests" / "site"
REPORTS = ROOT / "build" / "rapporti"
THRESHOLDS = {"performance": 0.90, "accessibility": 0.95, "best-practices": 0.95, "seo": 0.95}
# Seven runs per page, and the test holds the median. On this 2-core machine one run's
# mobile performance score for the same page ranged from 0.86 to 1.00: in about one run
# in ten, headless Chromium under Lighthouse drew its first frame only ~1.2 s after the
# navigation (the same page drew it in 0.15-0.4 s in the other runs, and in each of 20
# loads driven by Playwright), and Lighthouse's simulation then counts everything
# loaded before that frame as needed for it. A median of seven fails only if four are low.
RUNS = 7


def test_no_broken_internal_links_or_anchors(base_url):
    problems = linkchecker_problems(base_url, HERE / "linkchecker.ini")
    assert problems == [], "\n".join(problems)


def test_the_printable_page_links_only_to_its_own_anchors_and_files(site_dir):
    problems = own_link_problems(site_dir, "print_page")
    assert problems == [], "\n".join(problems)


def add_link(page: Path, href: str) -> None:
    """Puts a link to ``href`` at the start of a built page's article."""
    html = page.read_text("utf-8").replace("<article", f'<a href="{href}">rotto</a><article', 1)
    page.write_text(html, "utf-8")


def test_a_broken_anchor_on_the_printable_page_is_reported(broken_site):
    copy, _ = broken_site
    add_link(copy / "print_page" / "index.html", "#ancora-che-non-esiste")
    problems = "\n".join(own_link_problems(copy, "print_page"))
    assert "#ancora-che-non-esiste" in problems


def test_a_broken_internal_link_is_reported_with_its_page(broken_site):
    copy, url = broken_site
    add_link(copy / "capitolo2" / "index.html", "../pagina-che-non-esiste/")
    problems = "\n".join(linkchecker_problems(url, HERE / "linkchecker.ini"))
    assert "pagina-che-non-esiste" in problems
    assert "/capitolo2/" in problems  # the page that holds the link


def test_every_page_is_valid_html(site_dir):
    problems = vnu_problems(site_dir, HERE / "vnu-filtro.txt")
    assert problems == [], "\n".join(problems)


def heaviest_page(site_dir) -> str:
    """The reading page with the most bytes to download: its HTML, figures and scripts.

    The printable page (print_page/, the whole guide at once, to print or save as PDF) is
    not a page to read on a phone, the device Lighthouse's mobile preset emulates; axe,
    the Nu checker and the link checks cover it."""

    def weight(page: str) -> int:
        html_path = site_dir / page / "index.html"
        html = html_path.read_text("utf-8")
        total = html_path.stat().st_size
        for src in set(re.findall(r'src="([^"]+)"', html)):
            if ":" in src.split("/")[0]:
                continue  # data: URIs are in the HTML's bytes already; no other hosts
            target = (html_path.parent / src.split("?")[0]).resolve()
            if target.is_file():
                total += target.stat().st_size
        return total

    return max((p for p in site_pages(site_dir) if p != "print_page/"), key=weight)


def lighthouse(url: str, name: str) -> dict[str, float]:
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"lighthouse-{name}.json"
    subprocess.run(
        [
            "node",
            str(NODE_MODULES / "lighthouse" / "cli" / "index.js"),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=performance,accessibility,best-practices,seo",
            f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
        ],
        check=True,
        env=dict(os.environ, CHROME_PATH=chromium_path()),
        capture_output=True,
        text=True,
    )
    data = json.loads(report.read_text())
    return {key: cat["score"] for key, cat in data["categories"].items()}


def median_scores(url: str, name: str, runs: int = RUNS) -> tuple[dict[str, float], list[float]]:
    """Each category's median over a few runs (Lighthouse's own advice for a score that
    varies from run to run), and every run's performance score for the report."""
    results = [lighthouse(url, name) for _ in range(runs)]
    medians = {key: statistics.median(r[key] or 0 for r in results) for key in results[0]}
    return medians, [r["performance"] for r in results]


def test_lighthouse_scores_meet_the_thresholds(base_url, site_dir):
    pages = {
        "home": "",
        "capitolo": "capitolo2/attenzione/",
        "piu-pesante": heaviest_page(site_dir),
    }
    measured = {name: median_scores(base_url + page, name) for name, page in pages.items()}
    summary = {
        name: {
            "pagina": "/" + pages[name],
            "esecuzioni": RUNS,
            **medians,
            "performance-per-esecuzione": runs,
        }
        for name, (medians, runs) in measured.items()
    }
    (REPORTS / "lighthouse.json").write_text(json.dumps(summary, indent=1), "utf-8")
    low = [
        f"/{pages[name]}: {category} {score} < {THRESHOLDS[category]}"
        for name, (medians, _) in measured.items()
        for category, score in medians.items()
        if score < THRESHOLDS[category]
    ]
    assert low == [], "\n".join(low)
