# La corruzione di span di T5: il 15% dei token sparisce in span di circa 3, uno per sentinella.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

frase = (
    "The old library in the town centre reopened last spring, after two years "
    "of careful restoration work paid for by local families and small shops."
)
ids = tokenizer(frase, add_special_tokens=False).input_ids
n = len(ids)
n_rumore = max(1, round(n * 0.15))  # 15% dei token
n_span = max(1, round(n_rumore / 3))  # span lunghi in media 3
g = torch.Generator().manual_seed(0)


def dividi(quanti, parti):
    """Divide `quanti` token in `parti` tratti non vuoti, con i tagli scelti a caso."""
    tagli = (torch.randperm(quanti - 1, generator=g)[: parti - 1] + 1).sort().values.tolist()
    return [b - a for a, b in zip([0, *tagli], [*tagli, quanti])]


# Come random_spans_noise_mask di T5: tratto visibile, span nascosto, tratto visibile, span...
# Ogni tratto visibile ha almeno un token, quindi due span non sono mai attaccati.
nascosti, visibili = dividi(n_rumore, n_span), dividi(n - n_rumore, n_span)
ingresso, bersaglio, pos = [], [], 0
for k, (v, s) in enumerate(zip(visibili, nascosti)):
    sentinella = tokenizer.convert_tokens_to_ids(f"<extra_id_{k}>")
    ingresso += ids[pos : pos + v] + [sentinella]
    bersaglio += [sentinella] + ids[pos + v : pos + v + s]
    pos += v + s
ingresso.append(tokenizer.eos_token_id)
bersaglio.append(tokenizer.eos_token_id)

sentinelle = set(tokenizer.convert_tokens_to_ids([f"<extra_id_{k}>" for k in range(n_span)]))
assert all(a not in sentinelle or b not in sentinelle for a, b in zip(ingresso, ingresso[1:]))
assert sum(nascosti) == n_rumore and len(bersaglio) == n_rumore + n_span + 1

print(f"token della frase: {n}   nascosti: {n_rumore}   span: {n_span}   lunghezze: {nascosti}")
print("\ningresso dell'encoder:\n ", tokenizer.decode(ingresso))
print("\nbersaglio del decoder:\n ", tokenizer.decode(bersaglio))

with torch.inference_mode():
    uscita = model.generate(
        torch.tensor([ingresso]), max_new_tokens=2 * len(bersaglio), do_sample=False
    )
prodotti = [t for t in uscita[0].tolist() if t != tokenizer.pad_token_id]
print("\nprodotto dal modello:\n ", tokenizer.decode(prodotti))
