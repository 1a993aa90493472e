"""`make bench`: how long the site takes to build, measured on this machine.

Every row is measured several times on a copy of the project (docs/, snippets/,
mkdocs.yml) in a temporary folder, with the same plugin, cache and runner as `make build`.
The table gives the median and the spread (min–max) of each row, and each comparison as a
ratio of medians from the same run. It is printed and written, with the machine's CPU,
core count and library versions, to build/bench/risultati.md and risultati.json.

    python tests/bench/bench.py [--ripetizioni 3] [--righe pavimento,fredda,calda,cambiato]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
OUT = ROOT / "build" / "bench"
STANDIN = ROOT / "build" / "modelli"
CHANGED_SNIPPET = "capitolo2/09_attenzione_a_mano.py"


@dataclass
class Row:
    name: str
    seconds: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def cells(self) -> list[str]:
        spread = f"{min(self.seconds):.2f}–{max(self.seconds):.2f}"
        peak = f"{max(self.peak_mib):.0f}" if self.peak_mib else "–"
        return [self.name, f"{self.median:.2f}", spread, str(len(self.seconds)), peak, self.note]


def machine() -> dict[str, str]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {
        d: metadata.version(d) for d in ("mkdocs", "mkdocs-material", "torch", "transformers")
    }
    return {
        "cpu": cpu or "sconosciuta",
        "core": str(os.cpu_count()),
        "memoria_gib": f"{psutil.virtual_memory().total / 2**30:.1f}",
        "python": platform.python_version(),
        **versions,
        "data": dt.datetime.now().isoformat(timespec="seconds"),
    }


class Project:
    """A throw-away copy of the site's sources, built with the project's own tools."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="bench-"))
        for name in ("docs", "snippets"):
            shutil.copytree(ROOT / name, self.root / name)
        shutil.copy(ROOT / "mkdocs.yml", self.root / "mkdocs.yml")
        if STANDIN.is_dir():
            shutil.copytree(STANDIN, self.root / "build" / "modelli")

    def build(self, **env: str) -> tuple[float, float]:
        """Seconds and peak memory (MiB, the build and all its processes) of one build."""
        run_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0", **env)
        started = time.perf_counter()
        proc = subprocess.Popen(
            [str(BIN / "mkdocs"), "build", "--strict", "-q"],
            cwd=self.root,
            env=run_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        peak = _watch_memory(proc.pid, lambda: proc.poll() is not None)
        output = proc.communicate()[0]
        seconds = time.perf_counter() - started
        if proc.returncode != 0:
            raise SystemExit(f"build fallita durante il benchmark:\n{output}")
        return seconds, peak

    def clear_cache(self) -> None:
        shutil.rmtree(self.root / "build" / "cache", ignore_errors=True)

    def touch_snippet(self, name: str, count: int) -> None:
        path = self.root / "snippets" / name
        lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        if lines[-1].startswith("# bench "):
            lines = lines[:-1]
        path.write_text("\n".join([*lines, f"# bench {count}"]) + "\n", encoding="utf-8")

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _watch_memory(pid: int, done: Callable[[], bool]) -> float:
    """Peak of the summed resident memory of a process and its descendants, in MiB."""
    peak = 0.0
    try:
        parent = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return peak
    while not done():
        total = 0
        try:
            for proc in [parent, *parent.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess):
                    total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            break
        peak = max(peak, total / 2**20)
        time.sleep(0.05)
    return peak


def fresh_process_seconds(project: Project, name: str) -> float:
    """A snippet run as a reader runs it: `python snippet.py` in a fresh process."""
    work = Path(tempfile.mkdtemp(prefix="bench-snippet-"))
    (work / "data").symlink_to(project.root / "snippets" / "data")
    env = dict(os.environ, MPLBACKEND="Agg")
    models = project.root / "build" / "modelli" / "t5-sostituto-offline"
    env.setdefault("FLAN_T5_MODEL", str(models))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(project.root / "snippets" / name)],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    shutil.rmtree(work, ignore_errors=True)
    return seconds


def measure(rows_wanted: list[str], repeat: int) -> tuple[list[Row], list[str]]:
    project = Project()
    rows: dict[str, Row] = {}
    notes: list[str] = []
    try:
        # The first build creates the stand-in if it was missing: not measured.
        project.build()

        def row(key: str, name: str) -> Row:
            rows[key] = Row(name)
            return rows[key]

        if "pavimento" in rows_wanted:
            r = row("pavimento", "build senza esecuzione (pavimento)")
            for _ in range(repeat):
                s, m = project.build(DOCEXEC_ESEGUI="false")
                r.seconds.append(s)
                r.peak_mib.append(m)
        if "fredda" in rows_wanted:
            r = row("fredda", "build fredda (cache vuota)")
            for _ in range(repeat):
                project.clear_cache()
                s, m = project.build()
                r.seconds.append(s)
                r.peak_mib.append(m)
        if "calda" in rows_wanted:
            r = row("calda", "build calda (niente cambiato)")
            for _ in range(repeat):
                s, m = project.build()
                r.seconds.append(s)
                r.peak_mib.append(m)
        if "cambiato" in rows_wanted and (project.root / "snippets" / CHANGED_SNIPPET).exists():
            r = row("cambiato", f"uno snippet cambiato ({CHANGED_SNIPPET})")
            own = []
            for i in range(repeat):
                project.touch_snippet(CHANGED_SNIPPET, i)
                s, m = project.build()
                r.seconds.append(s)
                r.peak_mib.append(m)
                own.append(fresh_process_seconds(project, CHANGED_SNIPPET))
            rows["da_solo"] = Row(
                f"lo stesso snippet da solo (python {Path(CHANGED_SNIPPET).name})", own
            )
    finally:
        project.remove()

    if "pavimento" in rows and "calda" in rows:
        ratio = rows["calda"].median / rows["pavimento"].median
        notes.append(f"build calda / pavimento = {ratio:.2f} (obiettivo ≤ 1.15)")
    if "pavimento" in rows and "cambiato" in rows:
        budget = rows["pavimento"].median + rows["da_solo"].median + 1
        notes.append(
            f"uno snippet cambiato: {rows['cambiato'].median:.2f} s, obiettivo ≤ pavimento + "
            f"snippet da solo + 1 s = {budget:.2f} s"
        )
    return list(rows.values()), notes


def table(rows: list[Row]) -> str:
    head = ["misura", "mediana s", "min–max s", "volte", "picco MiB", "nota"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ripetizioni", type=int, default=3)
    parser.add_argument("--righe", default="pavimento,fredda,calda,cambiato")
    args = parser.parse_args()
    info = machine()
    rows, notes = measure(args.righe.split(","), args.ripetizioni)
    header = ", ".join(f"{k} {v}" for k, v in info.items())
    text = f"# make bench\n\n{header}\n\n{table(rows)}\n\n" + "\n".join(f"- {n}" for n in notes)
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "risultati.md").write_text(text + "\n", encoding="utf-8")
    (OUT / "risultati.json").write_text(
        json.dumps(
            {
                "macchina": info,
                "righe": [r.__dict__ | {"mediana": r.median} for r in rows],
                "confronti": notes,
            },
            indent=1,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
