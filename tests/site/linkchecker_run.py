"""Runs linkchecker with a faster HTML parser.

linkchecker re-parses a page for every anchor it checks (``page/#section``), with Python's
html.parser; the site's pages, full of highlighted code, have hundreds of anchors. Here
each page's markup is parsed once, with lxml, and reused: same checks, same report.

    python tests/site/linkchecker_run.py [linkchecker arguments]
"""

import functools
import sys

import bs4
from linkcheck.command.linkchecker import linkchecker
from linkcheck.htmlutil import htmlsoup


@functools.lru_cache(maxsize=256)
def _parse(markup: str, from_encoding: str | None) -> bs4.BeautifulSoup:
    return bs4.BeautifulSoup(
        markup, "lxml", from_encoding=from_encoding, multi_valued_attributes=None
    )


_original = htmlsoup.make_soup


def make_soup(markup, from_encoding=None):
    if isinstance(markup, bytes | str):
        return _parse(markup, from_encoding)
    return _original(markup, from_encoding)


if __name__ == "__main__":
    htmlsoup.make_soup = make_soup
    sys.exit(linkchecker())
