"""The built site as a reader meets it, in Debian's Chromium driven by Playwright."""

from urllib.parse import urlparse

import pytest

from .checks import (
    ROOT,
    axe_problems,
    content_problems,
    load_problems,
    render_every_block,
    script_problems,
    settled,
    site_pages,
    visit,
)

pytestmark = pytest.mark.slow
SCREENSHOTS = ROOT / "build" / "screenshot"
SNIPPET_PAGE = "capitolo2/attenzione/"
SNIPPET_FILE = "capitolo2/09_attenzione_a_mano.py"


def set_palette(context, base_url: str, scheme: str) -> None:
    """Every page opened in ``context`` from now on starts in the palette ``scheme``."""
    index = 0 if scheme == "default" else 1
    # Material keeps the palette under a key named after the site's base path.
    key = urlparse(base_url).path + ".__palette"
    context.add_init_script(
        f"localStorage.setItem('{key}', JSON.stringify({{index: {index}, color: "
        f"{{scheme: '{scheme}', primary: 'indigo', accent: 'indigo'}}}}))"
    )


def scheme_of(tab) -> str:
    return tab.evaluate("document.body.getAttribute('data-md-color-scheme')")


# One test per page, so that `pytest -n 2` (make site) shares the pages between two
# browsers. Read when the tests are collected: with no site/ built, one placeholder
# stands for them and fails in the site_dir fixture.
PAGES = site_pages(ROOT / "site") if (ROOT / "site" / "index.html").is_file() else []
# The printable page holds every chapter (about 57,000 elements): axe alone takes over a
# minute per palette there, so its two palettes are two tests, one per browser.
WHOLE_GUIDE = "print_page/"
PALETTES = ("default", "slate")
RUNS = [
    pytest.param(page, palettes, id=page + ("" if len(palettes) == 2 else f"-{palettes[0]}"))
    for page in PAGES or ["site-mancante"]
    for palettes in ([(p,) for p in PALETTES] if page == WHOLE_GUIDE else [PALETTES])
]


def test_the_site_has_all_its_pages(site_dir):
    assert len(site_pages(site_dir)) > 20
    assert WHOLE_GUIDE in site_pages(site_dir)


@pytest.mark.parametrize(("page", "palettes"), RUNS)
def test_the_page_loads_shows_what_ran_and_is_accessible_in_both_palettes(
    context, base_url, site_dir, page, palettes
):
    """One load for everything a page must do: no console error, failed request or
    request to another host; outputs, figures, diagrams and formulas visible; KaTeX and
    mermaid loaded exactly where needed; no serious axe violation in the light palette,
    then, after the reader's palette switch on the same page, in the dark one (on the
    printable page, each palette in a test of its own)."""
    set_palette(context, base_url, "default")
    tab, record = visit(context, base_url, page, until="load")
    problems = content_problems(tab, page)
    assert scheme_of(tab) == "default", f"/{page}: tema {scheme_of(tab)}, atteso default"
    if "default" in palettes:
        problems += axe_problems(tab, page, "default")
    if "slate" in palettes:
        # No colour transition after the switch: axe reads the colours as painted.
        tab.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        tab.click("form[data-md-component=palette] label[for='__palette_1']")
        assert scheme_of(tab) == "slate", f"/{page}: tema {scheme_of(tab)}, atteso slate"
        problems += axe_problems(tab, page, "slate")
    # Last, once nothing more loads: what the page requested while it was checked counts.
    problems += load_problems(settled(tab, record)) + script_problems(tab, record)
    assert problems == [], "\n".join(problems)


def search_results(tab, base_url: str, query: str, attempts: int = 20) -> list[str]:
    """The pages the site's search lists for ``query``, best first."""
    box = tab.locator("input.md-search__input")  # visible in the header on a wide screen
    box.click()
    # The search worker builds its index in the background after the page loads; a
    # query typed before it is ready shows nothing, so type it again until it answers.
    # Typed key by key: Material searches on keyboard events, which fill() doesn't send.
    links = tab.locator(".md-search-result__item > a.md-search-result__link")
    meta = tab.locator(".md-search-result__meta")
    for _ in range(attempts):
        box.fill("")
        box.press_sequentially(query, delay=10)
        # Results for the partly typed query may still be on screen: wait until the
        # list stays the same for a moment, then read it.
        seen, same = None, 0
        for _ in range(40):
            now = (meta.inner_text(), links.evaluate_all("as => as.map(a => a.href)"))
            same = same + 1 if now == seen else 0
            seen = now
            if same >= 3:
                break
            tab.wait_for_timeout(100)
        if "Scrivi per iniziare" not in seen[0]:  # the index was ready
            break
    hrefs = seen[1]
    return [href.removeprefix(base_url).split("#")[0].split("?")[0] for href in hrefs]


@pytest.mark.parametrize(
    ("query", "page"),
    [
        # Words explained on one page only (the glossary lists them too, ranked lower).
        ("sinusoidale", "capitolo2/posizione/"),
        ("allucinazione", "capitolo1/compiti/"),
        ("dimenticanza", "capitolo3/fine-tuning/"),
        # A prefix finds the word too: Material adds a trailing wildcard to every term.
        ("allucinazion", "capitolo1/compiti/"),
    ],
)
def test_italian_search_finds_the_page_for_a_word(context, base_url, query, page):
    tab, _ = visit(context, base_url, "")
    results = search_results(tab, base_url, query)
    assert results, f"nessun risultato per {query!r}"
    assert results[0] == page, f"{query!r}: primo risultato {results[0]!r}, atteso {page!r}"


@pytest.mark.parametrize(
    ("word", "query"), [("allucinazione", "allucinazioni"), ("dimenticanza", "dimenticanze")]
)
def test_an_inflected_form_absent_from_the_site_is_not_found(context, base_url, word, query):
    """A known limit, documented here so that a change of behaviour shows up.

    Material appends «*» to every query term, and lunr skips the stemmer for terms with
    a wildcard: with the Italian stemmer on, the index holds stems («allucin») that a
    query like «allucinazione*» no longer matches, so even exact words stop working;
    with it off (Material's default, kept here), a plural finds its singular only when
    the reader types a common prefix («allucinazion»).
    """
    tab, _ = visit(context, base_url, "")
    assert search_results(tab, base_url, word), "la ricerca non risponde"  # the index is ready
    assert search_results(tab, base_url, query) == []


def test_the_copy_button_copies_exactly_the_snippet_file(context, base_url):
    tab, _ = visit(context, base_url, SNIPPET_PAGE)
    block = tab.locator(".highlight", has=tab.locator(f".filename:text-is('{SNIPPET_FILE}')"))
    block.hover()
    block.locator("button.md-code__button[data-md-type=copy]").click()
    copied = tab.evaluate("navigator.clipboard.readText()")
    expected = (ROOT / "snippets" / SNIPPET_FILE).read_text(encoding="utf-8")
    # The page's code block drops the file's final newline; every other byte is the same.
    assert copied.rstrip("\n") == expected.rstrip("\n")


def test_the_dark_palette_is_chosen_and_stays_after_navigation(context, base_url):
    tab, _ = visit(context, base_url, "")
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    tab.click("form[data-md-component=palette] label[for='__palette_1']")
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    tab.goto(base_url + SNIPPET_PAGE)
    tab.wait_for_load_state("domcontentloaded")
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"


@pytest.mark.parametrize("scheme", ["chiaro", "scuro"])
@pytest.mark.parametrize(
    "page", ["", SNIPPET_PAGE, "capitolo4/valutazione/"], ids=["home", "capitolo", "progetto"]
)
def test_screenshots_are_written_for_a_person_to_look_at(context, base_url, page, scheme):
    tab, _ = visit(context, base_url, page)
    if scheme == "scuro":
        tab.click("form[data-md-component=palette] label[for='__palette_1']")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = (page.strip("/").replace("/", "-") or "home") + f"-{scheme}.png"
    render_every_block(tab)
    tab.screenshot(path=str(SCREENSHOTS / name), full_page=True)
    assert (SCREENSHOTS / name).stat().st_size > 10_000


def test_a_missing_figure_is_reported_with_its_page_and_element(context, broken_site):
    copy, url = broken_site
    figure = next((copy / "assets" / "figure").rglob("*.png"))
    page = next(html for html in copy.rglob("index.html") if figure.name in html.read_text("utf-8"))
    figure.unlink()
    rel = page.relative_to(copy).as_posix().removesuffix("index.html")
    tab, record = visit(context, url, rel)
    problems = content_problems(tab, rel) + load_problems(record)
    assert any(
        f"pagina /{rel}" in p and figure.name in p and "non caricata" in p for p in problems
    ), problems


def test_a_script_from_another_host_is_reported(context, broken_site):
    copy, url = broken_site
    page = copy / "capitolo1" / "index.html"
    html = page.read_text("utf-8").replace(
        "</head>", '<script src="https://cdn.example.com/traccia.js"></script></head>'
    )
    page.write_text(html, "utf-8")
    _, record = visit(context, url, "capitolo1/")
    problems = load_problems(record)
    assert any("pagina /capitolo1/" in p and "cdn.example.com/traccia.js" in p for p in problems), (
        problems
    )
