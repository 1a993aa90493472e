"""Small throw-away sites for testing the plugin through a real `mkdocs build`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

BIN = Path(sys.executable).parent
# Generous: a snippet that loads a model can take a minute on a busy machine, and a test
# that wants a snippet stopped sets its own limit.
TIMEOUT = 600
CONFIG = {
    "site_name": "prova",
    "theme": {"name": "material", "language": "it", "font": False},
    "plugins": ["search", {"docexec": {"timeout": TIMEOUT}}],
    "markdown_extensions": [
        "docexec.guard",
        "admonition",
        "attr_list",
        "md_in_html",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.blocks.caption",
        {"pymdownx.snippets": {"base_path": ["snippets"], "check_paths": True}},
    ],
}


class Site:
    """A site in a folder: pages under docs/, snippets under snippets/."""

    def __init__(self, root: Path, model: Path | None = None) -> None:
        self.root = root
        self.model = model
        self.config = dict(CONFIG)
        (root / "docs").mkdir(parents=True, exist_ok=True)
        (root / "snippets" / "data").mkdir(parents=True, exist_ok=True)

    def page(self, name: str, text: str) -> Site:
        path = self.root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return self

    def snippet(self, name: str, code: str) -> Site:
        path = self.root / "snippets" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, encoding="utf-8")
        return self

    def options(self, **options: object) -> Site:
        plugins = [p for p in self.config["plugins"] if not isinstance(p, dict)]
        self.config["plugins"] = [*plugins, {"docexec": {"timeout": TIMEOUT, **options}}]
        return self

    def _command(self, args: tuple[str, ...], env: dict[str, str]) -> dict:
        (self.root / "mkdocs.yml").write_text(yaml.safe_dump(self.config), encoding="utf-8")
        run_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
        run_env.pop("FLAN_T5_MODEL", None)
        if self.model is not None:
            run_env["FLAN_T5_MODEL"] = str(self.model)
        run_env.update(env)
        return {
            "args": [str(BIN / "mkdocs"), "build", "--strict", *args],
            "cwd": self.root,
            "env": run_env,
            "text": True,
        }

    def build(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(**self._command(args, env), capture_output=True)
        result.log = result.stdout + result.stderr  # type: ignore[attr-defined]
        return result

    def start(self, *args: str, **env: str) -> subprocess.Popen[str]:
        """A build left running, its log (stdout and stderr) readable line by line."""
        return subprocess.Popen(
            **self._command(args, env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )

    def doctest(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "--codeblocks",
                "-q",
                "-p",
                "no:cacheprovider",
                *args,
                str(self.root / "build" / "doctest"),
            ],
            cwd=self.root,
            env=dict(os.environ, PYTHONHASHSEED="0"),
            capture_output=True,
            text=True,
        )

    def html(self, page: str = "index.html") -> str:
        return (self.root / "site" / page).read_text(encoding="utf-8")
