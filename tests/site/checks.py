"""What a reader's browser sees, as lists of problems: empty means all is well.

Each function names the page and the element at fault, so that a failing test says
what to fix. The tests on the real site expect no problems; the tests on deliberately
broken copies expect the right one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from .budgets import page_cost

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """CHROME_PATH if set (as Lighthouse reads it), else Debian's chromium."""
    path = os.environ.get("CHROME_PATH") or shutil.which("chromium")
    if not path:
        raise RuntimeError(
            "manca Chromium: installa i pacchetti Debian chromium e chromium-driver "
            "(.ci/run lo fa: apt-get install -y chromium chromium-driver) oppure imposta "
            "CHROME_PATH sul browser da usare"
        )
    return path


def site_pages(site: Path) -> list[str]:
    """Every page of the site, as a path relative to its root ('' is the home)."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith("assets/") or rel == "404.html":
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages


@dataclass
class Visit:
    """Everything a page load did."""

    page: str
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    open_requests: int = 0  # started and not yet finished or failed


def visit(
    context, base_url: str, page: str, until: str = "networkidle", settle_ms: int = 300
) -> tuple[object, Visit]:
    """Opens a page and records its console errors and every request it makes from now on.
    ``until="load"`` returns at the load event, without the idle waits (half a second with
    no request, then ``settle_ms``): for a test that has work to do on the page meanwhile
    and waits for the network to be idle before it reads the record (see settled)."""
    record = Visit(page)
    tab = context.new_page()
    host = urlparse(base_url).netloc

    def on_request(request) -> None:
        record.open_requests += 1
        record.requested.append(request.url)
        parsed = urlparse(request.url)
        if parsed.scheme in {"http", "https", "ws", "wss"} and parsed.netloc != host:
            record.foreign.append(request.url)

    def on_response(response) -> None:
        if response.status >= 400:
            record.failed.append(f"{response.status} {response.url}")

    tab.on("request", on_request)
    tab.on("response", on_response)

    def on_failed(request) -> None:
        record.open_requests -= 1
        record.failed.append(f"{request.failure} {request.url}")

    def on_finished(request) -> None:
        record.open_requests -= 1

    tab.on("requestfailed", on_failed)
    tab.on("requestfinished", on_finished)
    tab.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
    tab.on("pageerror", lambda e: record.console_errors.append(str(e)))
    tab.goto(base_url + page, wait_until=until)
    if until == "networkidle":
        tab.wait_for_timeout(settle_ms)
    return tab, record


def settled(tab, record: Visit, quiet_ms: int = 500, limit_ms: int = 30_000) -> Visit:
    """``record`` once no request has been open for ``quiet_ms``: what loads after the
    load event (the search index, lunr, mermaid, what the checks made the page fetch) is
    in it, failures included. (Playwright's "networkidle" state would not do: once
    reached, waiting for it returns at once, with later requests still in flight.)"""
    quiet = waited = 0
    while quiet < quiet_ms and waited < limit_ms:
        tab.wait_for_timeout(100)  # events are delivered while Playwright waits
        quiet = quiet + 100 if record.open_requests <= 0 else 0
        waited += 100
    if record.open_requests > 0:
        record.failed.append(f"{record.open_requests} richieste ancora aperte dopo {limit_ms} ms")
    return record


def load_problems(record: Visit) -> list[str]:
    """Console errors, failed requests, and requests to any host but the site's."""
    where = f"pagina /{record.page}"
    return (
        [f"{where}: errore nella console: {e}" for e in record.console_errors]
        + [f"{where}: richiesta fallita: {f}" for f in record.failed]
        + [f"{where}: richiesta a un altro host: {u}" for u in record.foreign]
    )


# In the page, in one call: each Playwright call is a round trip that resolves its
# selector again, which on the printable page (63,000 elements, 420 formulas, 107
# outputs) took two minutes for what the browser does in a second.
_FIGURES_OUTPUTS_FORMULAS = """async () => {
  const closed = e => { const d = e.closest('details'); return !!d && !d.open; };
  const visible = e => { const r = e.getBoundingClientRect();
    return e.checkVisibility({visibilityProperty: true}) && r.width > 0 && r.height > 0; };
  const figures = [];
  for (const img of document.querySelectorAll('article img')) {
    img.scrollIntoView({block: 'center'});
    // Figures load lazily: wait for this one to finish, one way or the other.
    const loaded = img.complete ? img.naturalWidth > 0 : await new Promise(done => {
      img.addEventListener('load', () => done(img.naturalWidth > 0));
      img.addEventListener('error', () => done(false));
      setTimeout(() => done(false), 15000); });
    const src = img.getAttribute('src');
    if (!loaded) figures.push([src, 'non caricata']);
    else if (!visible(img) && !closed(img)) figures.push([src, 'non visibile']);
  }
  const isOutput = h => [...h.children].some(c =>
    c.classList.contains('filename') && c.textContent.trim() === 'Output');
  const outputs = [...document.querySelectorAll('article .highlight')].filter(isOutput);
  return {
    figures,
    hiddenOutputs: outputs.filter(o => !visible(o) && !closed(o)).length,
    rawFormulas: [...document.querySelectorAll('article .arithmatex')]
      .filter(f => !f.querySelector('.katex')).map(f => f.innerText.slice(0, 60)),
  };
}"""


def content_problems(tab, page: str) -> list[str]:
    """Output blocks and figures not visible, images not loaded, diagrams not drawn,
    formulas not typeset."""
    where = f"pagina /{page}"
    tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    found = tab.evaluate(_FIGURES_OUTPUTS_FORMULAS)
    problems = [f"{where}: <img src={src!r}> {what}" for src, what in found["figures"]]
    problems += [f"{where}: blocco di output non visibile"] * found["hiddenOutputs"]
    for diagram in tab.locator("article .diagramma").all():
        if _inside_closed_details(diagram):
            continue
        diagram.scroll_into_view_if_needed()
        try:  # drawn by mermaid when it comes into view
            diagram.locator("svg").first.wait_for(timeout=15_000)
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError
            problems.append(f"{where}: diagramma non disegnato (nessun <svg>)")
            continue
        box = diagram.locator("svg").first.bounding_box()
        if box is None or box["height"] < 40:
            problems.append(f"{where}: diagramma disegnato vuoto")
    problems += [f"{where}: formula non composta: {text!r}" for text in found["rawFormulas"]]
    return problems


def script_problems(tab, record: Visit) -> list[str]:
    """KaTeX's styles and mermaid load exactly on the pages with formulas or diagrams
    (mermaid once a diagram has been scrolled into view: call after content_problems)."""
    where = f"pagina /{record.page}"
    problems = []
    for name, selector, marker in [
        ("KaTeX", "article .katex", "/assets/vendor/katex/"),
        ("mermaid", "article .diagramma", "/assets/vendor/mermaid/"),
    ]:
        needed = tab.locator(selector).count() > 0
        loaded = any(marker in url for url in record.requested)
        if loaded and not needed:
            problems.append(f"{where}: carica {name} ma non ne ha bisogno")
        if needed and not loaded:
            problems.append(f"{where}: ha bisogno di {name} ma non lo carica")
    return problems


def _inside_closed_details(locator) -> bool:
    return bool(locator.evaluate("e => { const d = e.closest('details'); return !!d && !d.open }"))


def render_every_block(tab) -> None:
    """Paints the whole page at once. The site renders a block only when it nears the
    screen (content-visibility: auto in esempi.css), so a full-page screenshot would show
    blank space below the first screen, and axe, which reads colours from what is painted,
    would report the colours behind a block not painted yet. A reader who scrolls to a
    block sees it rendered, as this shows it."""
    tab.add_style_tag(content="* { content-visibility: visible !important; }")


def axe_problems(tab, page: str, scheme: str) -> list[str]:
    """axe-core violations of impact serious or critical."""
    render_every_block(tab)
    if not tab.evaluate("typeof axe !== 'undefined'"):
        tab.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
    violations = tab.evaluate(
        "async () => (await axe.run(document)).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3)"
        ".map(n => n.target.join(' ') + ': ' + n.failureSummary.split('\\n').slice(-1)[0])}))"
    )
    return [
        f"pagina /{page} ({scheme}): axe {v['id']} ({v['impact']}): " + "; ".join(v["nodes"])
        for v in violations
    ]


def vnu_problems(site: Path, filter_file: Path) -> list[str]:
    """Nu HTML Checker errors, minus the theme markup listed with a reason in the filter."""
    jar = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(jar),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "json",
            "--filterfile",
            str(filter_file),
            str(site),
        ],
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stderr or result.stdout)
    return [
        f"{m.get('url', '').replace(f'file:{site}/', 'pagina /')}, riga {m.get('lastLine')}: "
        f"{m['message']}"
        for m in report["messages"]
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]


def linkchecker_problems(base_url: str, config: Path, depth: int = -1) -> list[str]:
    """Broken internal links and anchors, as linkchecker reports them: the whole site from
    ``base_url`` (depth -1), or only the links of that one page (depth 1)."""
    # Every URL of the served site is internal, not only those below base_url: without
    # this, a page's link to a sibling page would count as external and go unchecked.
    site = f"{urlparse(base_url).scheme}://{urlparse(base_url).netloc}/"
    text = config.read_text("utf-8").replace(
        "[filtering]\n", f"[filtering]\ninternlinks=^{re.escape(site)}\n", 1
    )
    with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False) as own:
        own.write(text)
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "linkchecker"),
            "--config",
            own.name,
            f"--recursion-level={depth}",
            "--no-status",
            "--no-warnings",
            "--output",
            "text",
            base_url,
        ],
        capture_output=True,
        text=True,
    )
    os.unlink(own.name)
    if result.returncode == 0:
        return []
    lines = [ln for ln in (result.stdout + result.stderr).splitlines() if ln.strip()]
    return lines or [f"linkchecker è uscito con codice {result.returncode}"]


class _Links(HTMLParser):
    """The ids a page defines and the links it holds, in one pass."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"])
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"])


def own_link_problems(site: Path, pages: Iterable[str]) -> list[str]:
    """Links of these pages that point inside the site: every relative path must be a file
    of the site, every `#anchor` an id of the page it points to (its own or another). One
    parse per page: linkchecker's AnchorCheck re-parses a page once per anchor, which took
    165 of its 180 s over this site and tens of minutes on the printable page."""
    parsed: dict[Path, _Links] = {}

    def links_of(html: Path) -> _Links:
        if html not in parsed:
            parsed[html] = _Links()
            parsed[html].feed(html.read_text("utf-8"))
        return parsed[html]

    problems = []
    for page in pages:
        html = (site / page / "index.html").resolve()
        for href in links_of(html).hrefs:
            if urlparse(href).scheme or href.startswith("//"):
                continue  # another host: linkchecker's checkextern=0 leaves these out too
            path, _, anchor = href.partition("#")
            target = (html.parent / unquote(path.split("?")[0])).resolve() if path else html
            if target.is_dir():
                target /= "index.html"
            if not target.is_file():
                problems.append(f"pagina /{page}: il link {href} non porta a un file del sito")
                continue
            if anchor and target.suffix == ".html" and unquote(anchor) not in links_of(target).ids:
                where = "nella pagina" if target == html else f"in {target.relative_to(site)}"
                problems.append(f"pagina /{page}: l'ancora #{anchor} non esiste {where}")
    return problems


def heaviest_page(site: Path) -> str:
    """The reading page with the most bytes to download on its first load (budgets.py).

    The printable page (print_page/, the whole guide at once, to print or save as PDF) is
    not a page to read on a phone, the device Lighthouse's mobile preset emulates; axe,
    the Nu checker and the link checks cover it."""
    pages = (p for p in site_pages(site) if p != "print_page/")
    return max(pages, key=lambda page: page_cost(site, page).transfer)


def lighthouse_pages(site: Path) -> dict[str, str]:
    """The pages Lighthouse audits: the home, a chapter page, the heaviest page."""
    return {"home": "", "capitolo": "capitolo2/attenzione/", "piu-pesante": heaviest_page(site)}


def lighthouse(url: str, report: Path, categories: Iterable[str]) -> dict[str, float]:
    """One Lighthouse run (mobile preset) of ``url``: the score of each category."""
    subprocess.run(
        [
            "node",
            str(NODE_MODULES / "lighthouse" / "cli" / "index.js"),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(categories)}",
            f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
        ],
        check=True,
        env=dict(os.environ, CHROME_PATH=chromium_path()),
        capture_output=True,
        text=True,
    )
    data = json.loads(report.read_text())
    return {key: cat["score"] or 0 for key, cat in data["categories"].items()}
