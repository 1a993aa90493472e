"""`make bench`: how long the site takes to build, measured on this machine.

Every row is measured several times on a copy of the project (docs/, snippets/,
mkdocs.yml) in a temporary folder, with the same plugin, cache and runner as `make build`.
The table gives the median and the spread (min–max) of each row, and each comparison as a
ratio of medians from the same run. It is printed and written, with the machine's CPU,
core count and library versions, to build/bench/risultati.md and risultati.json.

    python tests/bench/bench.py [--ripetizioni 3] [--righe pavimento,fredda,...]

Rows: pavimento (execution off), fredda, calda, cambiato (one snippet edited), serve (a
prose edit during `mkdocs serve` until the new HTML is written), processi (a cold build
with one fresh `python` per snippet, against the warm worker), seriale (a cold build
with one snippet at a time, against two), inferenza (the project's classification, one
text at a time against batches, on a model with flan-t5-base's architecture and random
weights), memoria (once: a cold build with that model, for the build's peak memory),
lighthouse (Lighthouse's mobile performance score of the home, a chapter page and the
heaviest page, each run seven times: median and spread against the target 0.90; a miss
is reported here, never fails a build: the score is computed from timings observed on
the machine, and `make test` holds the deterministic page budgets instead).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
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
from urllib.parse import urlparse

import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.site.checks import lighthouse, lighthouse_pages  # noqa: E402
from tests.site.server import serve  # noqa: E402

BIN = Path(sys.executable).parent
OUT = ROOT / "build" / "bench"
STANDIN = ROOT / "build" / "modelli"
CHANGED_SNIPPET = "capitolo2/09_attenzione_a_mano.py"
EDITED_PAGE = "capitolo2/attenzione.md"
SPEED_SNIPPET = "capitolo4/18_velocita.py"
SERVE_FLAGS = ["--dirty"]  # as `make serve` runs it
ALL_ROWS = "pavimento,fredda,calda,cambiato,serve,processi,seriale,inferenza,memoria,lighthouse"
LIGHTHOUSE_TARGET = 0.90


@dataclass
class Row:
    name: str
    seconds: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)
    note: str = ""
    note_value: float = 0.0  # the figure the note is about, for ratios

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def cells(self) -> list[str]:
        spread = f"{min(self.seconds):.2f}–{max(self.seconds):.2f}"
        peak = f"{max(self.peak_mib):.0f}" if self.peak_mib else "–"
        return [self.name, f"{self.median:.2f}", spread, str(len(self.seconds)), peak, self.note]


@dataclass
class Score:
    """Lighthouse's performance score of one page over several runs."""

    page: str
    runs: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    def cells(self) -> list[str]:
        verdict = "sì" if self.median >= LIGHTHOUSE_TARGET else "NO: sotto l'obiettivo"
        spread = f"{min(self.runs):.2f}–{max(self.runs):.2f}"
        return ["/" + self.page, f"{self.median:.2f}", spread, str(len(self.runs)), verdict]


def lighthouse_scores(project: Project, runs: int) -> list[Score]:
    """Each audited page of the project's built site, served on 127.0.0.1, run ``runs``
    times through Lighthouse's performance category alone."""
    project.build()
    site = project.root / "site"
    reports = OUT / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    server, url = serve(site)
    try:
        return [
            Score(
                page,
                [
                    lighthouse(url + page, reports / f"{name}-{i}.json", ["performance"])[
                        "performance"
                    ]
                    for i in range(runs)
                ],
            )
            for name, page in lighthouse_pages(site).items()
        ]
    finally:
        server.shutdown()
        server.server_close()


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
        self.root = Path(tempfile.mkdtemp(prefix="bench-")) / "progetto"
        # A clone gives the git history the "last updated" dates need; the working
        # tree's sources are then copied over it, uncommitted edits included.
        subprocess.run(
            ["git", "clone", "--quiet", "--shared", str(ROOT), str(self.root)], check=True
        )
        for name in ("docs", "snippets", "overrides", "hooks"):
            shutil.rmtree(self.root / name, ignore_errors=True)
            shutil.copytree(ROOT / name, self.root / name)
        shutil.copy(ROOT / "mkdocs.yml", self.root / "mkdocs.yml")
        (self.root / "node_modules").symlink_to(ROOT / "node_modules")
        if STANDIN.is_dir():
            shutil.copytree(STANDIN, self.root / "build" / "modelli")
        # The outputs `make build` already has: the rows that need a cold build empty it
        # (clear_cache), the others start from a warm one instead of running every snippet.
        if (ROOT / "build" / "cache").is_dir():
            shutil.copytree(ROOT / "build" / "cache", self.root / "build" / "cache")

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
        shutil.rmtree(self.root.parent, ignore_errors=True)


def _memory(proc: psutil.Process) -> int:
    """Proportional set size: a page shared by N processes counts 1/N in each. The
    workers fork from a parent that has imported torch, and plain RSS would count those
    shared pages once per process."""
    try:
        return proc.memory_full_info().pss
    except (psutil.AccessDenied, AttributeError):
        return proc.memory_info().rss


def _watch_memory(pid: int, done: Callable[[], bool]) -> float:
    """Peak of the summed memory (PSS) of a process and its descendants, in MiB."""
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
                    total += _memory(proc)
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


def serve_latencies(project: Project, repeat: int) -> list[float]:
    """Seconds from saving a prose edit to `mkdocs serve` writing the new HTML."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", *SERVE_FLAGS, "-a", f"127.0.0.1:{port}"],
        cwd=project.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    site_url = re.search(r"^site_url:\s*(\S+)", config, re.M)
    prefix = urlparse(site_url.group(1)).path if site_url else "/"  # serve uses its path
    url = f"http://127.0.0.1:{port}{prefix}{EDITED_PAGE.removesuffix('.md')}/"
    page = project.root / "docs" / EDITED_PAGE
    original = page.read_text(encoding="utf-8")
    seconds = []
    try:
        _wait_for(lambda: _fetch(urllib.request, url) is not None, 300)
        for i in range(repeat):
            marker = f"Frase aggiunta dal benchmark numero {i}."
            started = time.perf_counter()
            page.write_text(original + f"\n{marker}\n", encoding="utf-8")
            _wait_for(lambda m=marker: m in (_fetch(urllib.request, url) or ""), 120)
            seconds.append(time.perf_counter() - started)
            time.sleep(1)
    finally:
        page.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait()
    return seconds


def _fetch(urllib_request, url: str) -> str | None:
    try:
        with urllib_request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("il server di mkdocs non ha risposto in tempo")
        time.sleep(0.02)


def base_shaped_model(project: Project) -> Path:
    """A model with flan-t5-base's architecture and random weights, labelled as such."""
    folder = project.root / "build" / "modelli" / "t5-forma-flan-t5-base-pesi-casuali"
    if (folder / "config.json").is_file():
        return folder
    code = f"""
import torch
from transformers import AutoTokenizer, T5Config, T5ForConditionalGeneration
torch.manual_seed(0)
config = T5Config(vocab_size=32128, d_model=768, d_kv=64, d_ff=2048, num_layers=12,
                  num_decoder_layers=12, num_heads=12, feed_forward_proj="gated-gelu",
                  tie_word_embeddings=False, decoder_start_token_id=0, pad_token_id=0,
                  eos_token_id=1)
T5ForConditionalGeneration(config).save_pretrained({str(folder)!r})
# The stand-in's tokenizer, grown to the model's 32128 ids: random weights generate any
# id, and each must decode to some text (the snippets print the tokens they get).
tokenizer = AutoTokenizer.from_pretrained(
    {str(project.root / "build/modelli/t5-sostituto-offline")!r})
tokenizer.add_tokens([f"<casuale_{{i}}>" for i in range(config.vocab_size - len(tokenizer))])
assert len(tokenizer) == config.vocab_size, len(tokenizer)
tokenizer.save_pretrained({str(folder)!r})
open({str(folder / "README.md")!r}, "w").write(
    "Architettura di flan-t5-base (12+12 strati, d_model 768) con PESI CASUALI: "
    "solo per misurare la velocità. Non è Flan-T5 e non sa nulla.\\n")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"modello a forma di flan-t5-base non creato:\n{done.stderr[-2000:]}")
    return folder


def inference_rows(project: Project, repeat: int) -> dict[str, Row]:
    """The project's speed snippet, on the base-shaped model, run `repeat` times."""
    model = base_shaped_model(project)
    rows = {
        "uno": Row("inferenza: uno alla volta (forma flan-t5-base, pesi casuali)"),
        "batch8": Row("inferenza: batch da 8"),
        "batch32": Row("inferenza: batch da 32"),
    }
    speeds: dict[str, list[float]] = {k: [] for k in rows}
    tokens = 0
    for _ in range(repeat):
        work = Path(tempfile.mkdtemp(prefix="bench-inferenza-"))
        (work / "data").symlink_to(project.root / "snippets" / "data")
        env = dict(os.environ, FLAN_T5_MODEL=str(model), MPLBACKEND="Agg")
        proc = subprocess.Popen(
            [sys.executable, str(project.root / "snippets" / SPEED_SNIPPET)],
            cwd=work,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        peak = _watch_memory(proc.pid, lambda p=proc: p.poll() is not None)
        out = proc.communicate()[0]
        shutil.rmtree(work, ignore_errors=True)
        tokens = int(re.search(r"token generati per testo: (\d+)", out).group(1))
        for key, label in (
            ("uno", "uno alla volta"),
            ("batch8", "batch da 8"),
            ("batch32", "batch da 32"),
        ):
            line = next(ln for ln in out.splitlines() if ln.startswith(label))
            secs, per_second = (float(x) for x in line[len(label) :].split()[:2])
            rows[key].seconds.append(secs)
            rows[key].peak_mib.append(peak)
            speeds[key].append(per_second)
    for key, row in rows.items():
        median = statistics.median(speeds[key])
        row.note_value = median
        row.note = (
            f"{median:.1f} testi/s, {median * tokens:.0f} token generati/s "
            f"(min {min(speeds[key]):.1f}, max {max(speeds[key]):.1f})"
        )
    return rows


def measure(
    rows_wanted: list[str], repeat: int, cold_repeat: int, lighthouse_runs: int
) -> tuple[list[Row], list[Score], list[str]]:
    project = Project()
    rows: dict[str, Row] = {}
    scores: list[Score] = []
    notes: list[str] = []
    try:
        # The first build creates the stand-in if it was missing: not measured.
        project.build()

        def row(key: str, name: str) -> Row:
            rows[key] = Row(name)
            return rows[key]

        @contextlib.contextmanager
        def measuring(*keys: str):
            """One group of rows: printed when done; a failure is noted, the rest goes on."""
            try:
                yield
            except (Exception, SystemExit) as error:  # noqa: BLE001 - any failure is reported
                text = str(error).strip().splitlines()
                notes.append(f"{'/'.join(keys)}: NON MISURATA ({' '.join(text[-3:])[:300]})")
                print(notes[-1], file=sys.stderr, flush=True)
                for key in keys:
                    if key in rows and not rows[key].seconds:
                        del rows[key]
                return
            for key in keys:
                if key in rows:
                    print(" | ".join(rows[key].cells()), file=sys.stderr, flush=True)
            if "lighthouse" in keys:
                for score in scores:
                    print(" | ".join(score.cells()), file=sys.stderr, flush=True)

        def builds(key: str, name: str, times: int, cold: bool, **env: str) -> None:
            r = row(key, name)
            if not cold:
                # Unmeasured first: mkdocs-jupyter's cache keeps one version of the notebook,
                # and the build before may have left the other one (with or without outputs).
                project.build(**env)
            for _ in range(times):
                if cold:
                    project.clear_cache()
                s, m = project.build(**env)
                r.seconds.append(s)
                r.peak_mib.append(m)

        def changed() -> None:
            r = row("cambiato", f"uno snippet cambiato ({CHANGED_SNIPPET})")
            own = row("da_solo", f"lo stesso snippet da solo (python {Path(CHANGED_SNIPPET).name})")
            for i in range(repeat):
                project.touch_snippet(CHANGED_SNIPPET, i)
                s, m = project.build()
                r.seconds.append(s)
                r.peak_mib.append(m)
                own.seconds.append(fresh_process_seconds(project, CHANGED_SNIPPET))

        def memory() -> None:
            model = base_shaped_model(project)
            builds(
                "memoria",
                "build fredda con il modello a forma di flan-t5-base",
                1,
                True,
                FLAN_T5_MODEL=str(model),
            )
            r = rows["memoria"]
            r.note = f"picco {r.peak_mib[0] / 1024:.2f} GiB (obiettivo < 4 GiB)"
            r.note_value = r.peak_mib[0]

        def serve() -> None:
            latencies = serve_latencies(project, repeat)
            rows["serve"] = Row("modifica di testo durante mkdocs serve", latencies)

        # (name in --righe, the rows it fills, how it measures them)
        plan: list[tuple[str, tuple[str, ...], Callable[[], None]]] = [
            (
                "pavimento",
                ("pavimento",),
                lambda: builds(
                    "pavimento",
                    "build senza esecuzione (pavimento)",
                    repeat,
                    False,
                    DOCEXEC_ESEGUI="false",
                ),
            ),
            (
                "fredda",
                ("fredda",),
                lambda: builds("fredda", "build fredda (cache vuota)", cold_repeat, True),
            ),
            (
                "calda",
                ("calda",),
                lambda: builds("calda", "build calda (niente cambiato)", repeat, False),
            ),
            ("cambiato", ("cambiato", "da_solo"), changed),
            ("serve", ("serve",), serve),
            (
                "processi",
                ("processi",),
                lambda: builds(
                    "processi",
                    "build fredda, un processo python per snippet",
                    cold_repeat,
                    True,
                    DOCEXEC_MODO="process",
                ),
            ),
            (
                "seriale",
                ("seriale",),
                lambda: builds(
                    "seriale",
                    "build fredda, uno snippet alla volta",
                    cold_repeat,
                    True,
                    DOCEXEC_PROCESSI="1",
                ),
            ),
            (
                "inferenza",
                ("uno", "batch8", "batch32"),
                lambda: rows.update(inference_rows(project, repeat)),
            ),
            ("memoria", ("memoria",), memory),
            (
                "lighthouse",
                ("lighthouse",),
                lambda: scores.extend(lighthouse_scores(project, lighthouse_runs)),
            ),
        ]
        for name, keys, measure_rows in plan:
            if name in rows_wanted:
                with measuring(*keys):
                    measure_rows()
    finally:
        project.remove()

    if "pavimento" in rows and "calda" in rows:
        ratio = rows["calda"].median / rows["pavimento"].median
        notes.append(f"build calda / pavimento = {ratio:.2f} (obiettivo ≤ 1.15)")
    if "fredda" in rows and "processi" in rows:
        ratio = rows["processi"].median / rows["fredda"].median
        notes.append(
            f"build fredda: processo per snippet / processo di lavoro = {ratio:.2f} (obiettivo ≥ 3)"
        )
    if "fredda" in rows and "seriale" in rows:
        ratio = rows["seriale"].median / rows["fredda"].median
        notes.append(f"build fredda: seriale / parallela su {os.cpu_count()} core = {ratio:.2f}")
    if "serve" in rows:
        notes.append(
            f"modifica di testo durante serve: {rows['serve'].median:.2f} s (obiettivo ≤ 2 s)"
        )
    if "uno" in rows and "batch32" in rows:
        ratio = rows["batch32"].note_value / rows["uno"].note_value
        notes.append(
            f"inferenza: batch da 32 / uno alla volta = {ratio:.1f}× testi al secondo "
            "(obiettivo ≥ 4)"
        )
    if "pavimento" in rows and "cambiato" in rows:
        budget = rows["pavimento"].median + rows["da_solo"].median + 1
        notes.append(
            f"uno snippet cambiato: {rows['cambiato'].median:.2f} s, obiettivo ≤ pavimento + "
            f"snippet da solo + 1 s = {budget:.2f} s"
        )
    for score in scores:
        if score.median < LIGHTHOUSE_TARGET:
            notes.append(
                f"Lighthouse /{score.page}: performance mediana {score.median:.2f} < "
                f"{LIGHTHOUSE_TARGET:.2f} (obiettivo mancato; min–max {min(score.runs):.2f}–"
                f"{max(score.runs):.2f} su {len(score.runs)} esecuzioni)"
            )
    return list(rows.values()), scores, notes


def table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ripetizioni", type=int, default=3)
    parser.add_argument(
        "--ripetizioni-fredde",
        type=int,
        default=2,
        help="per le build fredde (fredda, processi, seriale), che durano minuti",
    )
    parser.add_argument(
        "--ripetizioni-lighthouse", type=int, default=7, help="esecuzioni per pagina"
    )
    parser.add_argument("--righe", default=ALL_ROWS)
    args = parser.parse_args()
    info = machine()
    rows, scores, notes = measure(
        args.righe.split(","),
        args.ripetizioni,
        args.ripetizioni_fredde,
        args.ripetizioni_lighthouse,
    )
    header = ", ".join(f"{k} {v}" for k, v in info.items())
    parts = [f"# make bench\n\n{header}"]
    if rows:
        head = ["misura", "mediana s", "min–max s", "volte", "picco MiB", "nota"]
        parts.append(table(head, [r.cells() for r in rows]))
    if scores:
        head = ["pagina", "performance mediana", "min–max", "esecuzioni", "≥ 0,90"]
        parts.append(
            "Lighthouse, profilo mobile (obiettivo: mediana ≥ 0,90)\n\n"
            + table(head, [s.cells() for s in scores])
        )
    text = "\n\n".join(parts) + "\n\n" + "\n".join(f"- {n}" for n in notes)
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "risultati.md").write_text(text + "\n", encoding="utf-8")
    (OUT / "risultati.json").write_text(
        json.dumps(
            {
                "macchina": info,
                "righe": [r.__dict__ | {"mediana": r.median} for r in rows],
                "lighthouse": [s.__dict__ | {"mediana": s.median} for s in scores],
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
