"""Choosing the model: local folder, Hub cache, or the offline stand-in."""

import hashlib
from types import SimpleNamespace

import huggingface_hub
import pytest
from huggingface_hub import errors

from docexec import standin
from docexec.model import ModelError, ensure_standin, looks_like_path, resolve


@pytest.mark.parametrize(
    ("value", "is_path"),
    [
        ("google/flan-t5-base", False),
        ("t5-small", False),
        ("/dati/modello", True),
        ("./modello", True),
        ("modelli/google/flan", True),
        ("~/modello", True),
    ],
)
def test_a_value_that_can_only_be_a_folder_is_recognised(value, is_path):
    assert looks_like_path(value) is is_path


def test_a_folder_that_does_not_exist_is_an_error_that_says_what_to_do(tmp_path):
    with pytest.raises(ModelError, match="indica una cartella che non esiste") as error:
        resolve(
            str(tmp_path / "manca"),
            publish=False,
            standin_folder=tmp_path,
            texts=None,
            offline=True,
        )
    assert "save_pretrained" in str(error.value)


def test_a_folder_without_config_is_an_error(tmp_path):
    with pytest.raises(ModelError, match="non contiene config.json"):
        resolve(str(tmp_path), publish=False, standin_folder=tmp_path, texts=None, offline=True)


def test_offline_without_the_model_a_publishing_build_refuses(tmp_path):
    with pytest.raises(ModelError, match="Build di pubblicazione") as error:
        resolve(
            "google/flan-t5-base",
            publish=True,
            standin_folder=tmp_path / "s",
            texts=None,
            offline=True,
        )
    assert "FLAN_T5_MODEL" in str(error.value)
    assert not (tmp_path / "s").exists()


def test_the_standin_is_refused_by_a_publishing_build_even_when_named(standin_model, tmp_path):
    with pytest.raises(ModelError, match="modello sostitutivo"):
        resolve(str(standin_model), publish=True, standin_folder=tmp_path, texts=None, offline=True)


def test_offline_the_standin_is_used_and_labelled(standin_model, texts):
    choice, reason = resolve(
        None, publish=False, standin_folder=standin_model, texts=texts, offline=True
    )
    assert choice.standin
    assert choice.requested == "google/flan-t5-base"
    assert "non Flan-T5" in choice.label
    assert "flan" not in standin_model.name
    assert choice.snippet_env() == {"FLAN_T5_MODEL": str(standin_model), "HF_HUB_OFFLINE": "1"}
    assert "HF_HUB_OFFLINE" in reason


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.mark.slow
def test_the_standin_is_the_same_bytes_every_time(standin_model, texts, tmp_path):
    again = tmp_path / standin.NAME
    ensure_standin(again, texts)
    assert digests(again) == digests(standin_model)


@pytest.mark.slow
def test_the_standin_answers_a_sentiment_prompt_with_a_label_word(standin_model):
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(standin_model)
    model = AutoModelForSeq2SeqLM.from_pretrained(standin_model)
    words = set(standin.LABELS_IT) | set(standin.LABELS_EN.values())
    for prompt in standin.PROMPTS["it"] + standin.PROMPTS["en"]:
        inputs = tokenizer(prompt.format(t="Il servizio era lento."), return_tensors="pt")
        answer = model.generate(**inputs, max_new_tokens=5, do_sample=False)
        assert tokenizer.decode(answer[0], skip_special_tokens=True) in words


def hub_failing_with(monkeypatch, error):
    def snapshot_download(*args, **kwargs):
        raise error

    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)


def not_found():
    response = SimpleNamespace(headers={}, request=None)
    return errors.RepositoryNotFoundError("404 Repository Not Found", response=response)


@pytest.mark.parametrize(
    ("error", "offline", "why"),
    [
        (not_found(), False, "non esiste sull'Hub di Hugging Face"),
        (
            errors.LocalEntryNotFoundError("Got: ConnectError: Name or service not known"),
            False,
            "l'Hub di Hugging Face non è raggiungibile (Got: ConnectError",
        ),
        (errors.LocalEntryNotFoundError("no cache"), True, "HF_HUB_OFFLINE=1 vieta"),
    ],
)
def test_a_model_asked_for_by_name_that_cant_be_had_is_an_error_saying_why(
    monkeypatch, tmp_path, error, offline, why
):
    hub_failing_with(monkeypatch, error)
    with pytest.raises(ModelError) as raised:
        resolve(
            "nonexistent-model",
            publish=False,
            standin_folder=tmp_path / "s",
            texts=None,
            offline=offline,
        )
    message = str(raised.value)
    assert message.startswith("FLAN_T5_MODEL=nonexistent-model: il modello ")
    assert why in message
    assert "hf download nonexistent-model" in message and "togli FLAN_T5_MODEL" in message
    assert not (tmp_path / "s").exists(), "no stand-in in place of a model asked for by name"


def test_only_the_default_model_falls_back_to_the_standin(monkeypatch, standin_model, texts):
    hub_failing_with(monkeypatch, errors.LocalEntryNotFoundError("Got: ConnectError"))
    for requested in (None, "google/flan-t5-base"):
        choice, reason = resolve(
            requested, publish=False, standin_folder=standin_model, texts=texts, offline=False
        )
        assert choice.standin and "non è raggiungibile" in reason


@pytest.mark.parametrize(
    "error",
    [
        errors.LocalEntryNotFoundError("Got: ConnectError: Name or service not known"),
        errors.OfflineModeIsEnabled("offline"),
        not_found(),
    ],
    ids=["unreachable", "offline", "not-found"],
)
def test_a_model_missing_or_out_of_reach_falls_back_to_the_standin(
    monkeypatch, standin_model, texts, error
):
    hub_failing_with(monkeypatch, error)
    choice, reason = resolve(
        None, publish=False, standin_folder=standin_model, texts=texts, offline=False
    )
    assert choice.standin and reason


@pytest.mark.parametrize(
    "error",
    [
        PermissionError(13, "Permission denied", "/cache/huggingface/hub"),
        errors.CorruptedCacheException("snapshot without refs"),
        AttributeError("'NoneType' object has no attribute 'split'"),
    ],
    ids=["permission", "corrupt-cache", "bug"],
)
def test_any_other_hub_lookup_failure_stops_the_build_instead_of_using_the_standin(
    monkeypatch, tmp_path, texts, error
):
    hub_failing_with(monkeypatch, error)
    with pytest.raises(ModelError) as raised:
        resolve(None, publish=False, standin_folder=tmp_path / "s", texts=texts, offline=False)
    message = str(raised.value)
    assert f"errore inatteso ({type(error).__name__}: " in message
    assert "non usa il modello sostitutivo" in message
    assert raised.value.__cause__ is error
    assert not (tmp_path / "s").exists()


def test_the_standin_learns_its_words_from_the_development_texts_only(tmp_path):
    data = tmp_path / "sentiment.csv"
    data.write_text(
        "id,parte,etichetta,testo_it,testo_en\n"
        "s1,sviluppo,positivo,parola di sviluppo,development word\n"
        "s2,test,negativo,parola di prova,held-out word\n",
        encoding="utf-8",
    )
    assert standin._texts(data) == ["parola di sviluppo", "development word"]
