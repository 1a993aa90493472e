"""The built site served as a static host serves it: on 127.0.0.1, under the published
path, gzip for text. Used by the site tests and by `make bench`."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import re
import threading
from pathlib import Path
from urllib.parse import urlparse

from .checks import ROOT

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".mjs"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host would: under its path, gzip for text, quietly."""

    def __init__(self, *args: object, prefix: str = "/", **kwargs: object) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix) :]
        elif self.prefix != "/":
            return str(Path(self.directory) / "__fuori_dal_sito__")
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def end_headers(self) -> None:
        # linkchecker waits 0.1-0.6 s between requests to a host unless the server
        # answers with this header (its documented opt-in to the configured rate).
        self.send_header("LinkChecker", "ok")
        super().end_headers()

    def send_head(self):  # noqa: ANN201 - same signature as the base class
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        if self.path.split("?")[0].endswith("/") is False and (
            path.name == "index.html" and not self.path.endswith("index.html")
        ):
            return super().send_head()  # let the base class redirect to the slash URL
        body = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def site_prefix() -> str:
    """The path of site_url (e.g. "/llm-senza-hype/"), where the site is published."""
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    match = re.search(r"^site_url:\s*(\S+)", config, re.M)
    return urlparse(match.group(1)).path if match else "/"


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serves ``folder`` on 127.0.0.1 under the same path as the published site."""
    prefix = site_prefix()
    handler = functools.partial(_Handler, directory=str(folder), prefix=prefix)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"
