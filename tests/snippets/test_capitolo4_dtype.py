"""The weight format of chapter 4: bfloat16 only where the GPU computes it, never float16.

T5's activations overflow float16 (its largest value is 65504), so a snippet that falls back
from bfloat16 must fall back to float32; and ``torch.cuda.is_bf16_supported()`` counts
emulated bfloat16 as supported unless told ``including_emulation=False``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SNIPPETS = Path(__file__).resolve().parents[2] / "snippets" / "capitolo4"
WITH_BFLOAT16 = sorted(p.name for p in SNIPPETS.glob("*.py") if "torch.bfloat16" in p.read_text())


def test_several_snippets_choose_a_weight_format():
    assert len(WITH_BFLOAT16) >= 10


@pytest.mark.parametrize("name", WITH_BFLOAT16)
def test_bfloat16_is_chosen_only_where_the_gpu_computes_it(name):
    source = (SNIPPETS / name).read_text("utf-8")
    assert "is_bf16_supported(including_emulation=False)" in source, name
    assert not re.search(r'device == "cuda" else torch\.float32', source), (
        f"{name} picks bfloat16 on any CUDA device"
    )


@pytest.mark.parametrize("name", sorted(p.name for p in SNIPPETS.glob("*.py")))
def test_no_snippet_runs_the_model_in_float16(name):
    code = "\n".join(
        line.split("#", 1)[0] for line in (SNIPPETS / name).read_text("utf-8").splitlines()
    )
    assert not re.search(r"torch\.float16|torch\.half|\.half\(\)", code), name
