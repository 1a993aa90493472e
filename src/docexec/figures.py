"""The figures a snippet saves: which files they are, whether they are whole images, and
what a page needs to show them (pixel size, caption)."""

from __future__ import annotations

import io
from pathlib import Path
from xml.etree import ElementTree

FIGURE_SUFFIXES = {".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp"}
UNSUPPORTED_FIGURE_SUFFIXES = {".pdf", ".eps", ".ps", ".tif", ".tiff", ".bmp", ".pgf", ".raw"}
# What Pillow calls the format that each raster suffix promises.
RASTER_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}


def figure_problem(name: str, data: bytes) -> str:
    """What is wrong with a figure, as the end of "the figure …", or '' when it is whole.

    A raster image is decoded in full (a truncated PNG opens, and fails only there); an
    SVG must parse as XML with an <svg> root."""
    suffix = Path(name).suffix.lower()
    if not data:
        return "è un file vuoto"
    if suffix == ".svg":
        try:
            root = ElementTree.fromstring(data)
        except ElementTree.ParseError as error:
            return f"non è un SVG leggibile ({error})"
        tag = root.tag.rsplit("}", 1)[-1]
        return "" if tag == "svg" else f"non è un SVG (l'elemento principale è <{tag}>)"
    from PIL import Image, UnidentifiedImageError

    expected = RASTER_FORMATS.get(suffix, suffix.lstrip(".").upper())
    try:
        with Image.open(io.BytesIO(data)) as image:
            found = image.format
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except UnidentifiedImageError:
        return f"non è un'immagine {expected} leggibile"
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        return f"è un'immagine {expected} danneggiata o troncata ({error})"
    if found != expected:
        return f"contiene un'immagine {found}, non {expected}: salvala con l'estensione giusta"
    return ""


def pixel_size(name: str, data: bytes) -> tuple[int, int] | None:
    """Width and height in pixels of a raster figure (None for SVG): written on the <img>,
    they let the browser lay the page out before the image arrives."""
    if name.lower().endswith(".svg"):
        return None
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.size


def caption(name: str, data: bytes) -> str:
    """The figure's title (PNG metadata ``Title``, as matplotlib's savefig writes it),
    else its file name in words."""
    if name.lower().endswith(".png"):
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            title = image.info.get("Title")
        if isinstance(title, str) and title.strip():
            return title.strip()
    words = Path(name).stem.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]
