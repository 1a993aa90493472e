"""Chooses the model the snippets read from ``FLAN_T5_MODEL``.

In order: a local folder named by ``FLAN_T5_MODEL``; the Hub id it names (default
``google/flan-t5-base``) from the local Hugging Face cache; the same id downloaded from
the Hub. When none of these works, an ordinary build falls back to the offline stand-in
(``standin``) and says so loudly, but only for the default model: a model asked for by
name that can't be had is an error, and a publishing build refuses the stand-in.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import standin
from .cache import MODEL_VARIABLE
from .shared import locked, replace_folder, staging_folder

DEFAULT_MODEL = "google/flan-t5-base"
# What the snippets need from a Hub repository (it also holds TF and Flax copies).
HUB_FILES = ["*.json", "*.safetensors", "spiece.model"]


class ModelError(Exception):
    """The requested model can't be used, and the build can't be trusted without it."""


@dataclass(frozen=True)
class ModelChoice:
    """The model the snippets will load."""

    value: str  # what FLAN_T5_MODEL is set to for the snippets
    label: str  # how output blocks name it
    identity: str  # part of the cache key of every snippet that uses the model
    standin: bool
    requested: str  # what the build was asked for
    revision: str = ""  # the Hub snapshot's commit, for a Hub model

    def snippet_env(self) -> dict[str, str]:
        env = {MODEL_VARIABLE: self.value}
        if self.standin or self.revision:
            # Everything is on disk already: nothing should wait on the network.
            env["HF_HUB_OFFLINE"] = "1"
        return env


def looks_like_path(value: str) -> bool:
    """A value that can only mean a folder (a Hub id is ``owner/name`` or ``name``)."""
    return (
        value.startswith(("/", "./", "../", "~"))
        or value.endswith("/")
        or value.count("/") > 1
        or os.sep != "/"
        and os.sep in value
    )


def folder_identity(folder: Path) -> str:
    """A hash of every file in a model folder (names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _local_folder(value: str) -> ModelChoice:
    folder = Path(value).expanduser()
    if not folder.is_dir():
        raise ModelError(
            f"{MODEL_VARIABLE}={value} indica una cartella che non esiste. "
            f"Indica la cartella di un modello salvato con save_pretrained (deve contenere "
            f"config.json), oppure un id dell'Hub come {DEFAULT_MODEL}, oppure togli la "
            f"variabile per usare il modello predefinito."
        )
    if not (folder / "config.json").is_file():
        raise ModelError(
            f"{MODEL_VARIABLE}={value}: la cartella esiste ma non contiene config.json, "
            f"quindi non è un modello salvato con save_pretrained. Indica la cartella giusta "
            f"(quella con config.json e i pesi) oppure un id dell'Hub come {DEFAULT_MODEL}."
        )
    is_standin = standin.is_standin(folder)
    name = folder.resolve().name
    return ModelChoice(
        value=str(folder.resolve()),
        label=f"{name} (modello sostitutivo, non Flan-T5)" if is_standin else name,
        identity="cartella:" + folder_identity(folder),
        standin=is_standin,
        requested=value,
    )


def _unavailable_errors() -> tuple[type[Exception], ...]:
    """huggingface_hub's errors that mean the model can't be had: not in the local cache
    (also when the Hub can't be reached: the library then looks in the cache and says
    that), no such repository or revision, not a valid id, the Hub refusing or down.
    Only these may lead to the stand-in (see ``resolve``)."""
    import httpx2
    from huggingface_hub import errors

    return (
        httpx2.TransportError,  # no connection, a proxy refusing, a download cut short
        errors.LocalEntryNotFoundError,
        errors.OfflineModeIsEnabled,
        errors.HfHubHTTPError,  # RepositoryNotFoundError, RevisionNotFoundError among them
        errors.HFValidationError,
    )


def _from_hub(model_id: str, offline: bool) -> tuple[ModelChoice | None, str]:
    """The Hub model from the local cache or, if allowed, downloaded; else why not.
    ModelError for any other failure (a bug, a cache it may not read, a full disk): the
    stand-in would hide it behind a model that "isn't available"."""
    from huggingface_hub import snapshot_download

    attempts = [True] if offline else [True, False]
    reason = ""
    for local_only in attempts:
        try:
            path = snapshot_download(
                model_id, allow_patterns=HUB_FILES, local_files_only=local_only
            )
        except _unavailable_errors() as error:  # missing cache, network, missing repo
            reason = _hub_failure(error, local_only)
            continue
        except Exception as error:
            raise ModelError(_lookup_failed(model_id, error)) from error
        revision = Path(path).name
        return (
            ModelChoice(
                value=model_id,
                label=model_id,
                identity=f"hub:{model_id}@{revision}",
                standin=False,
                requested=model_id,
                revision=revision,
            ),
            "",
        )
    return None, reason


def _hub_failure(error: Exception, local_only: bool) -> str:
    """Why the Hub did not give the model, as the end of "the model …"."""
    from huggingface_hub import errors

    detail = (str(error).strip().splitlines() or [type(error).__name__])[0]
    if isinstance(error, errors.GatedRepoError):
        return "sull'Hub di Hugging Face è ad accesso riservato: serve un token (hf auth login)"
    if isinstance(error, errors.RepositoryNotFoundError):
        return "non esiste sull'Hub di Hugging Face (o è privato)"
    if isinstance(error, errors.HFValidationError):
        return f"non è un id valido dell'Hub ({detail})"
    if local_only:
        return "non è nella cache locale di Hugging Face"
    if isinstance(error, errors.LocalEntryNotFoundError):
        return f"non è nella cache locale e l'Hub di Hugging Face non è raggiungibile ({detail})"
    return f"non si è potuto scaricare dall'Hub di Hugging Face ({type(error).__name__}: {detail})"


def _lookup_failed(model_id: str, error: Exception) -> str:
    detail = (str(error).strip().splitlines() or [""])[0]
    return (
        f"{MODEL_VARIABLE}={model_id}: cercando il modello nella cache di Hugging Face o "
        f"sull'Hub è successo un errore inatteso ({type(error).__name__}: {detail}). Non dice "
        f"che il modello manca né che l'Hub non risponde, quindi la build non usa il modello "
        f"sostitutivo al suo posto. Correggi la causa e riprova: di solito i permessi o lo "
        f"spazio della cache di Hugging Face (HF_HOME, predefinita ~/.cache/huggingface); "
        f"una cache danneggiata si ripara cancellando la cartella del modello sotto "
        f"~/.cache/huggingface/hub."
    )


def ensure_standin(folder: Path, texts: Path | None) -> None:
    """Creates the stand-in in ``folder`` unless a current one is there.

    Two builds may need it at once: the second waits for the first (a lock beside the
    folder) and then finds it made. It is made in a folder of its own and renamed into
    place, so ``folder`` never holds half a model."""
    if standin.is_current(folder, texts):
        return
    with locked(folder.with_name(f".{folder.name}.lock")):
        if standin.is_current(folder, texts):
            return
        staging = staging_folder(folder)
        try:
            command = [sys.executable, "-m", "docexec.standin", str(staging)]
            if texts is not None:
                command.append(str(texts))
            env = dict(os.environ, PYTHONHASHSEED="0", HF_HUB_OFFLINE="1")
            result = subprocess.run(command, capture_output=True, text=True, env=env)
            if result.returncode != 0:
                tail = "\n".join(result.stderr.strip().splitlines()[-10:])
                raise ModelError(f"Creazione del modello sostitutivo fallita:\n{tail}")
            replace_folder(staging, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def resolve(
    requested: str | None,
    *,
    publish: bool,
    standin_folder: Path,
    texts: Path | None,
    offline: bool,
) -> tuple[ModelChoice, str]:
    """The model to use, and (for the stand-in) why the requested one couldn't be."""
    value = requested or DEFAULT_MODEL
    if Path(value).expanduser().exists() or looks_like_path(value):
        choice = _local_folder(value)
        if choice.standin and publish:
            raise ModelError(_refusal(value, "è il modello sostitutivo"))
        return choice, ""
    choice, reason = _from_hub(value, offline)
    if choice is not None:
        return choice, ""
    if offline:
        reason = "non è nella cache locale e HF_HUB_OFFLINE=1 vieta di scaricarlo"
    if requested and requested != DEFAULT_MODEL:
        # Asked for by name: swapping in the stand-in would hide a typo or a missing download.
        raise ModelError(_unavailable(value, reason))
    if publish:
        raise ModelError(_refusal(value, reason))
    ensure_standin(standin_folder, texts)
    choice = _local_folder(str(standin_folder))
    return ModelChoice(
        value=choice.value,
        label=choice.label,
        identity=choice.identity,
        standin=True,
        requested=value,
    ), reason


def _unavailable(value: str, reason: str) -> str:
    return (
        f"{MODEL_VARIABLE}={value}: il modello {reason}. L'hai chiesto per nome, quindi la "
        f"build non lo sostituisce con il modello sostitutivo. Controlla il nome (un id "
        f"dell'Hub come google/flan-t5-small, oppure la cartella di un modello salvato con "
        f"save_pretrained); oppure scaricalo su una macchina in rete (hf download {value}) "
        f"e copia la cache di Hugging Face; oppure togli {MODEL_VARIABLE} per usare "
        f"{DEFAULT_MODEL} (senza rete, la build usa il modello sostitutivo e lo dichiara)."
    )


def _refusal(value: str, reason: str) -> str:
    return (
        f"Build di pubblicazione: il modello {value} non è disponibile ({reason}) e il "
        f"sito pubblicato non può mostrare gli output del modello sostitutivo. Per dargli "
        f"il modello vero: esegui la build su una macchina che raggiunge l'Hub di Hugging "
        f"Face (il modello viene scaricato nella cache), oppure scarica il modello altrove "
        f"(hf download {DEFAULT_MODEL}) e copia la cache, oppure imposta "
        f"{MODEL_VARIABLE} sulla cartella di un modello salvato con save_pretrained."
    )
