"""The MkDocs plugin: runs every included snippet and shows what it produced.

- ``on_config``: take the build folder's lock (a second build in the same folder waits);
- ``on_files``: choose the model (real Flan-T5 or the offline stand-in), find every
  snippet the pages include, take each result from the cache or run it (in parallel,
  with a time limit, each stored as it finishes), fail the build if one fails, and
  register the figures as site files;
- ``on_page_markdown``: put output, provenance and figures under each snippet, and the
  stand-in notice at the top of a page that shows its outputs;
- ``on_post_build``: write the doc-test tree (every page as shown, code inline), and,
  after every other plugin and hook, release the lock (also on a failed build).

Running everything in ``on_files`` means a failing snippet stops the build before any
page is written: MkDocs has emptied ``site/`` by then, so nothing stale survives.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import posixpath
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import DuplicateFilter

from . import cache as cache_mod
from . import guard, provenance, shared, valori
from . import model as model_mod
from . import notebook as notebook_mod
from .figures import caption, pixel_size
from .pages import (
    Figure,
    Include,
    PageError,
    Shown,
    find_includes,
    insert_after_title,
    render_doctest,
    render_site,
)
from .runner import FORK_FROM, Job, Limits, Outcome, Runner, describe_failure, trains

log = get_plugin_logger(__name__)

FIGURE_ROOT = "assets/figure"
DOCTEST_MANIFEST = "docexec.json"
LOCK_FILE = "docexec.lock"


class DocExecConfig(Config):
    enabled = opt.Type(bool, default=True)
    timeout = opt.Type(int, default=300)
    # The most a snippet may print and save: ~50 and ~30 times this site's largest.
    max_output_kb = opt.Type(int, default=256)
    max_figure_kb = opt.Type(int, default=2048)
    jobs = opt.Type(int, default=0)  # 0: one per CPU core
    threads = opt.Type(int, default=1)  # torch threads per snippet (speed snippets: all)
    mode = opt.Choice(("fork", "process"), default="fork")
    publish = opt.Type(bool, default=False)
    snippets_dir = opt.Type(str, default="snippets")
    data_dir = opt.Type(str, default="snippets/data")
    standin_texts = opt.Type(str, default="snippets/data/sentiment.csv")
    build_dir = opt.Type(str, default="build")
    model_page = opt.Type(str, default="modello.md")
    # The pages whose snippets make the project notebook, and the notebook's site path.
    notebook_pages = opt.Type(str, default="")
    notebook_uri = opt.Type(str, default="capitolo4/notebook.ipynb")
    # The generated page that tells how the site was built ("" for none).
    provenance_uri = opt.Type(str, default="")


@dataclass
class Result:
    """A snippet's output as the pages show it."""

    name: str
    source: str
    stdout: str
    # figure file name -> (site path, caption, pixel size or None)
    figures: dict[str, tuple[str, str, tuple[int, int] | None]]
    figure_data: dict[str, bytes]
    date: str
    device: str
    uses_model: bool
    measure: bool
    values: dict[str, dict[str, object]]


def _day(result: Result) -> str:
    """The day a result was run, as the provenance line and the values' tooltips write it."""
    return dt.date.fromisoformat(result.date).strftime("%d/%m/%Y")


# Kept for the life of the process, so that ``mkdocs serve`` reuses them across rebuilds.
_MODELS: dict[tuple[str | None, bool, bool, str], tuple[model_mod.ModelChoice, str]] = {}
_RUNNERS: dict[tuple[str, ...], Runner] = {}


def _close_runners() -> None:
    for runner in _RUNNERS.values():
        runner.close()
    _RUNNERS.clear()


atexit.register(_close_runners)


def _today() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def _show_every_build_error() -> None:
    """mkdocs's build logger drops a message it has printed once in this process, so under
    `mkdocs serve` an error repeated on a later rebuild showed only "Aborted with a
    BuildError!", without its cause. Each build starts with that memory cleared."""
    for check in logging.getLogger("mkdocs.commands.build").filters:
        if isinstance(check, DuplicateFilter):
            check.msgs.clear()


def _dirty_notice_as_info(record: logging.LogRecord) -> bool:
    """mkdocs warns at every ``--dirty`` build, so under ``--strict`` the notice alone
    stops it. `make serve` asks for dirty builds on purpose (this plugin rebuilds the pages
    whose snippets changed): the notice is kept, as information."""
    if record.levelno == logging.WARNING and "'dirty' build" in record.getMessage():
        record.levelno, record.levelname = logging.INFO, "INFO"
    return True


class DocExecPlugin(BasePlugin[DocExecConfig]):
    def __init__(self) -> None:
        self.root = Path.cwd()
        self.dirty = False
        self.serving = False
        self.model: model_mod.ModelChoice | None = None
        self.results: dict[str, Result] = {}
        self.doctest_pages: dict[str, str] = {}
        self.counts: dict[str, int] = {}
        self.has_model_page = False
        self.lock: shared.BuildLock | None = None
        self.store: cache_mod.Cache | None = None

    # ---- paths -------------------------------------------------------------------

    def _path(self, value: str) -> Path:
        return (self.root / value).resolve()

    @property
    def snippets(self) -> Path:
        return self._path(self.config.snippets_dir)

    @property
    def build(self) -> Path:
        return self._path(self.config.build_dir)

    # ---- events ------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty
        self.serving = command == "serve"
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_dirty_notice_as_info)

    @event_priority(100)  # first: nothing touches build/ before the lock is held
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if guard.NAME not in config.markdown_extensions:
            raise PluginError(
                f"mkdocs.yml: manca {guard.NAME} in markdown_extensions. È ciò che ferma "
                "una build senza questo plugin (Zensical, per esempio) invece di mostrare "
                f"il codice senza output: aggiungi «- {guard.NAME}» in cima all'elenco"
            )
        self.started = time.monotonic()
        self.root = Path(config.config_file_path).resolve().parent
        _show_every_build_error()
        self._hold_build_folder()
        self.model = None
        self.store = None
        self.results, self.doctest_pages, self.counts = {}, {}, {}
        if not self.config.enabled:
            log.info("esecuzione degli snippet disattivata: le pagine mostrano solo il codice")
        return config

    def _resolve_model(self) -> model_mod.ModelChoice:
        """The model for the snippets that read FLAN_T5_MODEL (resolved once per process)."""
        requested = os.environ.get(cache_mod.MODEL_VARIABLE) or None
        offline = os.environ.get("HF_HUB_OFFLINE", "") in {"1", "true", "TRUE", "yes"}
        memo = (requested, self.config.publish, offline, str(self.build))
        if memo not in _MODELS:
            texts = self._path(self.config.standin_texts)
            try:
                _MODELS[memo] = model_mod.resolve(
                    requested,
                    publish=self.config.publish,
                    standin_folder=self.build / "modelli" / model_mod.standin.NAME,
                    texts=texts if texts.is_file() else None,
                    offline=offline,
                )
            except model_mod.ModelError as error:
                raise PluginError(str(error)) from None
        model, reason = _MODELS[memo]
        if model.standin:
            log.info(
                "ATTENZIONE: il modello %s non è disponibile (%s). Gli esempi useranno %s, "
                "un piccolo T5 creato dal progetto: ogni pagina con i suoi output lo "
                "dichiara. Per il modello vero vedi il README, «Scegliere il modello».",
                model.requested,
                reason or "richiesto il sostituto",
                model.value,
            )
        else:
            log.info("modello degli esempi: %s", model.identity)
        return model

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.config.provenance_uri:
            # Appended now so the navigation finds it; its text is written at the end.
            self.provenance_file = File.generated(
                config, self.config.provenance_uri, content="# Come è costruito questo sito\n"
            )
            files.append(self.provenance_file)
        if not self.config.enabled:
            if self.config.notebook_pages:
                self._add_notebook(files, config)  # the code only, as on the other pages
            return files
        started = time.monotonic()
        self.has_model_page = files.get_file_from_path(self.config.model_page) is not None
        wanted: dict[str, bool] = {}  # snippet name -> measure
        pages: dict[File, list[str]] = {}  # page -> the snippets it includes
        for file in files.documentation_pages():
            pages[file] = []
            for inc in self._includes(file):
                wanted[inc.path] = wanted.get(inc.path, False) or inc.measure
                pages[file].append(inc.path)
        sources = {name: self._source(name) for name in wanted}
        if any(cache_mod.uses_model(source) for source in sources.values()):
            self.model = self._resolve_model()
        store = self.store = cache_mod.Cache(self.build / "cache")
        keys, jobs = {}, []
        hits = 0
        for index, name in enumerate(sorted(wanted), start=1):
            keys[name] = self._key(sources[name])
            try:
                entry = store.get(keys[name])
                if entry is not None:
                    self._keep(name, sources[name], entry, wanted[name], files, config)
            except cache_mod.CacheError as error:
                log.info(
                    "voce di cache illeggibile per snippets/%s (%s): la scarto e rieseguo "
                    "lo snippet. Se succede spesso, svuota la cache con make clean.",
                    name,
                    error,
                )
                store.discard(keys[name])
                entry = None
            if entry is None:
                jobs.append(self._job(name, sources[name], wanted[name]))
                continue
            hits += 1
            log.info("[%d/%d] snippets/%s: dalla cache", index, len(wanted), name)

        failures: list[str] = []
        if jobs:
            runner = self._runner()
            # One or two snippets in a one-off build: fresh processes, no preload.
            # `mkdocs serve` keeps its warm worker for the edits that follow.
            few = len(jobs) < FORK_FROM and not runner.warm and not self.serving
            if runner.mode == "fork" and few:
                runner = self._runner(mode="process")
            # Each result is stored as soon as it arrives, before the line that reports it:
            # a build stopped halfway (Ctrl-C) leaves the next one only what it hadn't done.
            with contextlib.closing(runner.each(jobs)) as outcomes:
                for done, outcome in enumerate(outcomes, start=1):
                    problem = self._check(outcome)
                    if problem:
                        failures.append(problem)
                    else:
                        name = outcome.job.name
                        entry = cache_mod.Entry(
                            stdout=outcome.stdout,
                            figures=outcome.figures,
                            duration=outcome.duration,
                            device=outcome.device,
                            date=_today().isoformat(),
                            values=outcome.values,
                        )
                        store.put(keys[name], entry)
                        self._keep(name, sources[name], entry, wanted[name], files, config)
                    log.info(
                        "[%d/%d da eseguire] snippets/%s: %s in %.1f s",
                        done,
                        len(jobs),
                        outcome.job.name,
                        "FALLITO" if problem else "eseguito",
                        outcome.duration,
                    )
        self.counts = {
            "snippet": len(wanted),
            "dalla_cache": hits,
            "eseguiti": len(jobs),
            "falliti": len(failures),
            "secondi": round(time.monotonic() - started, 1),
        }
        log.info(
            "snippet: %d, dalla cache: %d, eseguiti: %d, falliti: %d, in totale %.1f s",
            len(wanted),
            hits,
            len(jobs),
            len(failures),
            time.monotonic() - started,
        )
        if failures:
            raise PluginError(
                f"{len(failures)} snippet falliti: la build si ferma e non scrive pagine "
                "con output parziali.\n\n" + "\n\n".join(failures)
            )
        if self.dirty:
            self._date_back_stale_pages(pages, {job.name for job in jobs})
        if self.config.notebook_pages:
            self._add_notebook(files, config)
        return files

    def _date_back_stale_pages(self, pages: dict[File, list[str]], ran: set[str]) -> None:
        """A dirty build renders only the pages whose source is newer than their HTML. A
        page whose snippet changed, or ran again, is stale too: its HTML is dated back to
        1970 so that mkdocs renders it again. Only the built site is touched."""
        for file, names in pages.items():
            html = Path(file.abs_dest_path)
            if not names or not html.is_file():
                continue
            built = html.stat().st_mtime
            if any(n in ran or (self.snippets / n).stat().st_mtime > built for n in names):
                os.utime(html, (0, 0))

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.src_uri == self.config.provenance_uri:
            return provenance.page_markdown(
                self.config.enabled, self.model, self.counts, self.results.values(), _today()
            )
        return None

    def _add_notebook(self, files: Files, config: MkDocsConfig) -> None:
        """The project notebook as a page of the site, with the outputs just recorded
        (only the code when execution is switched off)."""
        parts = notebook_mod.sections(Path(config.docs_dir), config.nav, self.config.notebook_pages)
        names = [name for part in parts for name in part.snippets]
        ran = self.config.enabled
        notice = ""
        if (
            self.model is not None
            and self.model.standin
            and any(self.results[n].uses_model for n in names)
        ):
            notice = "**Attenzione.** " + self._standin_text()
        book = notebook_mod.notebook(
            parts,
            {n: self.results[n].source if ran else self._source(n) for n in names},
            intro=notebook_mod.intro(config.repo_url or "", site=True, notice=notice, outputs=ran),
            outputs={
                n: notebook_mod.Output(self.results[n].stdout, self.results[n].figure_data)
                for n in names
            }
            if ran
            else None,
        )
        # mkdocs-jupyter reads notebooks from their source folder on disk (a generated
        # File has none), so the notebook is written to a folder of its own first.
        folder = self.build / "notebook"
        path = folder / self.config.notebook_uri
        text = notebook_mod.nbformat.writes(book) + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            shared.write_atomic(path, text.encode())  # unchanged: not rebuilt by --dirty
        files.append(
            File(
                self.config.notebook_uri,
                src_dir=str(folder),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
        )

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # The mark tells docexec.guard, in markdown_extensions, that the engine rendered
        # this page: a front-end that skips the plugin then fails instead of showing code
        # with nothing that ran. At the end: MkDocs reads a page's title from its first line.
        return f"{self._render_page(markdown, page).rstrip()}\n\n{guard.MARK}\n"

    def _render_page(self, markdown: str, page: Page) -> str:
        includes = self._includes(page.file, markdown)
        glued = self._glue(markdown, page, includes)
        markdown = glued.markdown
        if not self.config.enabled:
            # The code alone, in the same fences (a ``misura`` flag left in the info
            # string would break the fence and the rest of the page with it).
            return render_site(markdown, includes, None)
        if not includes:
            self.doctest_pages[page.file.src_uri] = markdown
            return markdown
        here = posixpath.dirname(page.file.src_uri)
        shown = {inc.path: self._shown(self.results[inc.path], here) for inc in includes}
        site = render_site(markdown, includes, shown)
        doctest = render_doctest(
            markdown, includes, shown, {n: self.results[n].source for n in shown}, glued.checks
        )
        with_model = [inc.path for inc in includes if self.results[inc.path].uses_model]
        if self.model is not None and self.model.standin and with_model:
            notice = self._standin_notice(here, with_model[0], values=glued.count > 0)
            site, doctest = insert_after_title(site, notice), insert_after_title(doctest, notice)
        self.doctest_pages[page.file.src_uri] = doctest
        return site

    def _glue(self, markdown: str, page: Page, includes: list[Include]) -> valori.Glued:
        """The page with the values it cites from its snippets' runs written in."""
        measured = {inc.path for inc in includes if inc.measure}

        def source(name: str) -> valori.Source:
            result = self.results.get(name) if self.config.enabled else None
            if result is None:
                return valori.Source(
                    values=None,
                    measured=name in measured,
                    tooltip=f"snippets/{name} non è stato eseguito (esecuzione disattivata)",
                    standin=False,
                )
            model = (
                f"con il modello {self.model.label}"
                if result.uses_model and self.model
                else "senza modello"
            )
            return valori.Source(
                values=result.values,
                measured=result.measure,
                tooltip=f"Calcolato da snippets/{name} il {_day(result)}, {model}",
                standin=bool(result.uses_model and self.model and self.model.standin),
            )

        try:
            return valori.glue(
                markdown,
                f"docs/{page.file.src_uri}",
                [(inc.start, inc.path) for inc in includes],
                source,
            )
        except valori.GlueError as error:
            raise PluginError(str(error)) from None

    def _hold_build_folder(self) -> None:
        """One build at a time in a build folder (`make serve` and `make build` side by
        side): the second waits, then takes from the cache what the first one stored."""
        path = self.build / LOCK_FILE
        if self.lock is None or self.lock.path != path:
            self._release_build_folder()
            self.lock = shared.BuildLock(path)
        self.lock.acquire(
            on_wait=lambda: log.info(
                "un'altra build sta usando %s (per esempio make serve in un altro terminale): "
                "aspetto che finisca, poi riuso i risultati che ha salvato",
                self.build,
            )
        )

    @event_priority(-100)  # last: after the other plugins' and hooks' writes under build/
    def _release_build_folder(self, config: MkDocsConfig | None = None) -> None:
        if self.lock is not None:
            self.lock.release()

    def on_build_error(self, *, error: Exception) -> None:
        self._release_build_folder()

    def on_shutdown(self) -> None:
        self._release_build_folder()

    def _write_outputs(self, config: MkDocsConfig) -> None:
        if self.config.provenance_uri:
            provenance.write_total_time(
                Path(config.site_dir),
                self.config.provenance_uri,
                config.use_directory_urls,
                time.monotonic() - self.started,
            )
        if not self.config.enabled:
            return
        if self.store is not None:
            removed = self.store.record_build(full=not self.dirty)
            if removed:
                log.info(
                    "cache: tolte %d voci che nessuna delle ultime %d build ha usato",
                    len(removed),
                    cache_mod.UNUSED_BUILDS,
                )
        target = self.build / "doctest"
        staging = shared.staging_folder(target)
        try:
            self._write_doctest_tree(staging, target, config)
            shared.replace_folder(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    on_post_build = CombinedEvent(_write_outputs, _release_build_folder)

    def _write_doctest_tree(self, staging: Path, target: Path, config: MkDocsConfig) -> None:
        if self.dirty and target.is_dir():
            # A dirty build renders only the changed pages: the others keep their copy.
            shutil.copytree(target, staging, dirs_exist_ok=True)
        for src_uri, text in self.doctest_pages.items():
            path = staging / src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        manifest = {
            "env": self.model.snippet_env() if self.model else {},
            "threads": self.config.threads,
            "data_dir": str(self._path(self.config.data_dir)),
            "includes": {
                uri: len(find_includes(text_src, uri))
                for uri, text_src in self._sources_by_page(config).items()
            },
            "build": self.counts,
        }
        (staging / DOCTEST_MANIFEST).write_text(
            json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8"
        )
        shutil.copyfile(Path(__file__).with_name("doctest_conftest.py"), staging / "conftest.py")

    # ---- helpers -----------------------------------------------------------------

    def _includes(self, file: File, markdown: str | None = None) -> list[Include]:
        text = file.content_string if markdown is None else markdown
        try:
            includes = find_includes(text, f"docs/{file.src_uri}")
        except PageError as error:
            raise PluginError(str(error)) from None
        for inc in includes:
            if not (self.snippets / inc.path).is_file():
                raise PluginError(
                    f"docs/{file.src_uri}, riga {inc.start + 2}: include "
                    f'"{inc.path}", ma {self.config.snippets_dir}/{inc.path} non esiste. '
                    f"Correggi il percorso (è relativo a {self.config.snippets_dir}/) "
                    f"oppure crea lo snippet."
                )
        return includes

    def _sources_by_page(self, config: MkDocsConfig) -> dict[str, str]:
        docs = Path(config.docs_dir)
        return {
            p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(docs.rglob("*.md"))
        }

    def _source(self, name: str) -> str:
        path = self.snippets / name
        source = path.read_text(encoding="utf-8")
        try:
            compile(source, str(path), "exec")
        except SyntaxError as error:
            raise PluginError(
                f"snippets/{name}, riga {error.lineno}: errore di sintassi ({error.msg}). "
                f"Correggi lo snippet: la build lo esegue e il sito lo mostra così com'è."
            ) from None
        return source

    def _key(self, source: str) -> str:
        return cache_mod.snippet_key(
            source.encode("utf-8"),
            model_identity=self.model.identity if self.model else "",
            data_dir=self._path(self.config.data_dir),
            threads=self.config.threads,
        )

    def _job(self, name: str, source: str, measure: bool) -> Job:
        return Job(
            snippet=self.snippets / name,
            name=name,
            timeout=float(self.config.timeout),
            threads=0 if measure else self.config.threads,
            exclusive=measure,
            serial=trains(source),
        )

    def _runner(self, mode: str | None = None) -> Runner:
        env = dict(os.environ)
        env.update(self.model.snippet_env() if self.model else {})
        env.update(
            {
                "MPLBACKEND": "Agg",
                "PYTHONHASHSEED": "0",
                "TOKENIZERS_PARALLELISM": "false",
                "PYTHONDONTWRITEBYTECODE": "1",
            }
        )
        if os.environ.get("SOURCE_DATE_EPOCH") is None:
            env.pop("SOURCE_DATE_EPOCH", None)
        jobs = self.config.jobs or os.cpu_count() or 1
        mode = mode or self.config.mode
        limits = f"{self.config.max_output_kb},{self.config.max_figure_kb}"
        memo = (mode, str(jobs), limits, json.dumps(env, sort_keys=True))
        if memo not in _RUNNERS:
            _RUNNERS[memo] = Runner(
                env,
                scratch=self.build / "esecuzioni",
                data_dir=self._path(self.config.data_dir),
                jobs=jobs,
                mode=mode,
                limits=Limits(
                    stdout_bytes=self.config.max_output_kb * 1024,
                    figure_bytes=self.config.max_figure_kb * 1024,
                ),
            )
        return _RUNNERS[memo]

    def _check(self, outcome: Outcome) -> str:
        """Why an outcome can't go on the site, or ''."""
        if not outcome.ok:
            return describe_failure(outcome)
        rel = f"snippets/{outcome.job.name}"
        if not outcome.stdout.strip():
            return (
                f"Lo snippet {rel} non stampa nulla. Ogni esempio mostra il suo risultato "
                f"sotto il codice: aggiungi un print di ciò che il lettore deve vedere "
                f"(anche solo il nome della figura salvata)."
            )
        if not outcome.stdout.endswith("\n"):
            return (
                f"L'output di {rel} non termina con un a capo: il doc-test non potrebbe "
                f"confrontarlo. Usa print (che lo aggiunge) per l'ultima riga."
            )
        return ""

    def _keep(
        self,
        name: str,
        source: str,
        entry: cache_mod.Entry,
        measure: bool,
        files: Files,
        config: MkDocsConfig,
    ) -> None:
        """Keeps a result for the pages, its figures as site files. CacheError for an entry
        whose figure can't even be opened (it was whole when stored: something changed it)."""
        stem = Path(name).with_suffix("").as_posix()
        figures = {}
        for figure, data in sorted(entry.figures.items()):
            digest = hashlib.sha256(data).hexdigest()[:10]
            uri = f"{FIGURE_ROOT}/{stem}/{Path(figure).stem}-{digest}{Path(figure).suffix}"
            try:
                figures[figure] = (uri, caption(figure, data), pixel_size(figure, data))
            except (OSError, ValueError, SyntaxError) as error:
                raise cache_mod.CacheError(f"la figura {figure} non si apre: {error}") from None
        for figure, (uri, *_) in figures.items():
            files.append(File.generated(config, uri, content=entry.figures[figure]))
        self.results[name] = Result(
            name=name,
            source=source,
            stdout=entry.stdout,
            figures=figures,
            figure_data=entry.figures,
            date=entry.date,
            device=entry.device,
            uses_model=cache_mod.uses_model(source),
            measure=measure,
            values=entry.values,
        )

    def _shown(self, result: Result, here: str) -> Shown:
        label = self.model.label if self.model else ""
        model = f"modello `{label}`" if result.uses_model else "nessun modello"
        parts = [
            f"Eseguito il {_day(result)}",
            model,
            f"transformers {provenance.installed_version('transformers')}",
            f"torch {provenance.installed_version('torch')}",
            result.device.upper(),
        ]
        figures = [
            Figure(link=posixpath.relpath(uri, here or "."), caption=caption, size=size)
            for uri, caption, size in result.figures.values()
        ]
        return Shown(
            stdout=result.stdout,
            provenance=" · ".join(parts),
            figures=figures,
            measure=result.measure,
        )

    def _standin_notice(self, here: str, example: str, values: bool = False) -> str:
        """The warning at the top of a page with the stand-in's outputs, with the command
        that runs one of its examples against the same stand-in."""
        assert self.model is not None
        more = ""
        if self.has_model_page:
            link = posixpath.relpath(self.config.model_page, here or ".")
            more = f" [Come usare il modello vero]({link})."
        folder = Path(self.model.value)
        if folder.is_relative_to(self.root):
            folder = Path(os.path.relpath(folder, self.snippets))
        cited = (
            " Anche i valori citati nel testo, sottolineati a tratteggio, vengono dal sostituto."
            if values
            else ""
        )
        return (
            '!!! warning "Output di un modello sostitutivo, non di Flan-T5"\n'
            f"    {self._standin_text()}{cited}{more}\n\n"
            f"    Per eseguire da te un esempio di questa pagina con lo stesso sostituto, anche "
            f"senza rete, dalla cartella del progetto: `cd {self.config.snippets_dir} && "
            f"{cache_mod.MODEL_VARIABLE}={folder.as_posix()} python {example}`"
        )

    def _standin_text(self) -> str:
        assert self.model is not None
        return (
            f"Gli output di questa pagina che usano il modello vengono da "
            f"`{model_mod.standin.NAME}`, un T5 minuscolo creato dal progetto perché "
            f"durante la build `{self.model.requested}` non era disponibile. Mostrano che "
            f"il codice funziona, non cosa risponde Flan-T5: con il modello vero risposte "
            f"e numeri saranno diversi."
        )
