"""The build hooks that rewrite pages (hooks/ is loaded by MkDocs, not installed)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_hook(name: str):
    spec = importlib.util.spec_from_file_location(f"hook_{name}", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


notebook_hook = load_hook("notebook")


def test_notebook_css_keeps_only_the_selectors_that_can_match_the_page():
    css = (
        ".w .cell, .w .widget { color: red }\n"
        ".w .widget { color: blue }\n"
        ".w :not(.widget) { margin: 0 }\n"
        ".w :root { --a: 1 }\n"
        ":root { --b: 2 }\n"
        "@media (max-width: 10px) { .widget { padding: 0 } }\n"
        "@media print { .cell { padding: 1px } }\n"
        ".w .broken {"
    )
    assert notebook_hook.prune_css(css, {"w", "cell"}).split("\n") == [
        ".w .cell{ color: red }",  # the group loses the selector for a class not on the page
        ".w :not(.widget) { margin: 0 }",  # a class inside :not() is not judged
        ":root { --b: 2 }",  # ":root" inside another element never matches; alone it does
        "@media print {.cell { padding: 1px }}",  # an emptied @media goes, as does the
        "",  # unfinished last rule, which the browser drops too
    ]


def test_the_notebook_page_keeps_the_rules_for_its_own_classes():
    page = (
        "<html><body><style>.jp-Cell { color: red } .jp-Widget { color: blue }</style>\n"
        '<div class="jp-Cell jp-mod-x">x</div></body></html>'
    )
    fixed = notebook_hook.fix_notebook_page(page)
    assert ".jp-Cell" in fixed
    assert ".jp-Widget" not in fixed
    assert '<div class="jp-Cell jp-mod-x">x</div>' in fixed


def test_the_pruned_notebook_css_is_read_back_from_the_cache(tmp_path):
    css = ".a { color: red } .b { color: blue }"
    first = notebook_hook.cached_prune_css(css, {"a"}, tmp_path)
    assert first == notebook_hook.prune_css(css, {"a"})
    [stored] = tmp_path.iterdir()
    stored.write_text("/* dalla cache */\n", "utf-8")
    assert notebook_hook.cached_prune_css(css, {"a"}, tmp_path) == "/* dalla cache */\n"
    # Other classes on the page: another entry, pruned afresh.
    assert notebook_hook.cached_prune_css(css, {"b"}, tmp_path) == ".b { color: blue }\n"
    assert len(list(tmp_path.iterdir())) == 2
