"""Cache keys and entries."""

import io
import json
from dataclasses import replace

import pytest

from docexec.cache import UNUSED_BUILDS, Cache, CacheError, Entry, snippet_key, uses_model

MODEL_SNIPPET = b'import os\nMODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")\n'


def key(source=b"print(1)\n", model="m1", data_dir=None, threads=1):
    return snippet_key(source, model_identity=model, data_dir=data_dir, threads=threads)


def test_a_snippet_uses_the_model_when_it_reads_the_variable():
    assert uses_model(MODEL_SNIPPET.decode())
    assert not uses_model("print(1)")


def test_the_key_changes_with_the_snippet_bytes_and_the_threads():
    assert key() == key()
    assert key() != key(b"print(2)\n")
    assert key() != key(threads=2)


def test_the_model_is_part_of_the_key_only_for_snippets_that_use_it():
    assert key(model="m1") == key(model="m2")
    assert key(MODEL_SNIPPET, model="m1") != key(MODEL_SNIPPET, model="m2")


def test_a_data_file_is_part_of_the_key_when_the_snippet_names_it(tmp_path):
    (tmp_path / "sentiment.csv").write_text("a\n")
    reads = b'open("data/sentiment.csv")\n'
    before_reads, before_other = key(reads, data_dir=tmp_path), key(data_dir=tmp_path)
    (tmp_path / "sentiment.csv").write_text("b\n")
    assert key(reads, data_dir=tmp_path) != before_reads
    assert key(data_dir=tmp_path) == before_other


def test_the_hook_version_is_part_of_the_key(monkeypatch):
    before = key()
    monkeypatch.setattr("docexec.cache.HOOK_VERSION", "altro")
    assert key() != before


def png(width=4, height=3) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def entry():
    return Entry(
        stdout="ciao\n",
        figures={"f.png": png()},
        duration=1.5,
        device="cpu",
        date="2026-11-28",
    )


def test_an_entry_comes_back_as_it_was_stored(tmp_path):
    store = Cache(tmp_path)
    store.put("ab" * 32, entry())
    assert store.get("ab" * 32) == entry()
    assert store.get("cd" * 32) is None
    # Nothing half-written is left beside the entry.
    assert [p.name for p in (tmp_path / "ab").iterdir()] == ["ab" * 32]


def test_an_unreadable_entry_raises_cache_error(tmp_path):
    store = Cache(tmp_path)
    store.put("ab" * 32, entry())
    result = tmp_path / "ab" / ("ab" * 32) / "risultato.json"
    result.write_text("{non è json")
    with pytest.raises(CacheError):
        store.get("ab" * 32)


def test_a_figure_that_does_not_match_its_hash_raises_cache_error(tmp_path):
    store = Cache(tmp_path)
    store.put("ab" * 32, entry())
    folder = tmp_path / "ab" / ("ab" * 32)
    (folder / "f.png").write_bytes(b"altro")
    with pytest.raises(CacheError, match="f.png"):
        store.get("ab" * 32)
    meta = json.loads((folder / "risultato.json").read_text())
    assert "f.png" in meta["figures"]


def test_an_entry_whose_figure_is_not_the_one_stored_raises_cache_error(tmp_path):
    # Figures are decoded whole once, before they are stored; a read checks their hash.
    store = Cache(tmp_path)
    store.put("ab" * 32, entry())
    folder = tmp_path / "ab" / ("ab" * 32)
    (folder / "f.png").write_bytes(png(64, 64)[:-30])
    with pytest.raises(CacheError, match="la figura f.png non corrisponde al suo hash"):
        store.get("ab" * 32)


def test_an_entry_without_values_is_from_an_older_hook_and_raises_cache_error(tmp_path):
    store = Cache(tmp_path)
    store.put("ab" * 32, entry())
    path = tmp_path / "ab" / ("ab" * 32) / "risultato.json"
    meta = json.loads(path.read_text())
    del meta["valori"]
    path.write_text(json.dumps(meta))
    with pytest.raises(CacheError, match="valori"):
        store.get("ab" * 32)


def test_the_values_of_a_run_come_back_from_the_cache(tmp_path):
    store = Cache(tmp_path)
    values = {"acc": {"valore": 0.5}, "x": {"tipo": "un torch.Tensor di forma (2,)"}}
    store.put("cd" * 32, replace(entry(), values=values))
    assert store.get("cd" * 32).values == values


USED, UNUSED = "ab" * 32, "cd" * 32


def a_build(root, full=True, uses=(USED,)):
    """One build, in a process of its own: it looks up ``uses``, then records itself."""
    store = Cache(root)
    for key in uses:
        assert store.get(key) is not None
    return store.record_build(full=full)


def test_an_entry_no_build_has_used_for_five_builds_is_removed(tmp_path):
    assert UNUSED_BUILDS == 5
    store = Cache(tmp_path)
    store.put(USED, entry())
    store.put(UNUSED, entry())
    assert store.record_build(full=True) == []
    for _ in range(UNUSED_BUILDS - 1):
        assert a_build(tmp_path) == []
    assert Cache(tmp_path).stored_keys() == {USED, UNUSED}
    assert a_build(tmp_path) == [UNUSED]
    assert Cache(tmp_path).stored_keys() == {USED}
    assert Cache(tmp_path).get(USED) == entry()


def test_a_dirty_build_removes_nothing_and_counts_only_for_what_it_used(tmp_path):
    store = Cache(tmp_path)
    store.put(USED, entry())
    store.put(UNUSED, entry())
    store.record_build(full=True)
    for _ in range(2 * UNUSED_BUILDS):
        assert a_build(tmp_path, full=False) == []
    assert Cache(tmp_path).stored_keys() == {USED, UNUSED}
    for _ in range(UNUSED_BUILDS - 1):
        assert a_build(tmp_path) == []
    a_build(tmp_path, full=False, uses=(USED, UNUSED))  # `make serve` looks at it again
    for _ in range(UNUSED_BUILDS - 1):
        assert a_build(tmp_path) == []
    assert a_build(tmp_path) == [UNUSED]


def test_an_entry_stored_before_any_record_gets_the_full_count(tmp_path):
    Cache(tmp_path).put(UNUSED, entry())  # by an older hook: no record of its use
    (tmp_path / "usage.json").write_text("{non è json", encoding="utf-8")
    assert a_build(tmp_path, uses=()) == [], "the first build to see it counts as using it"
    for _ in range(UNUSED_BUILDS - 1):
        assert a_build(tmp_path, uses=()) == []
    assert a_build(tmp_path, uses=()) == [UNUSED]
