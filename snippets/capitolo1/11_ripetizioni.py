# Ripetizioni: no_repeat_ngram_size e repetition_penalty su una risposta lunga, greedy.
import os
from collections import Counter

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer, RepetitionPenaltyLogitsProcessor

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
N, THETA = 3, 1.5  # lunghezza dei gruppi vietati; quanto penalizzare un token già scritto

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()
inputs = tokenizer("Write a long story about a cat who loves the sea.", return_tensors="pt")


def gruppi_ripetuti(ids):  # quanti gruppi di N token consecutivi compaiono più di una volta
    conta = Counter(zip(*(ids[i:] for i in range(N))))
    return sum(c - 1 for c in conta.values() if c > 1)


risultati = {}
for nome, opzioni in [
    ("greedy", {}),
    (f"no_repeat_ngram_size={N}", {"no_repeat_ngram_size": N}),
    (f"repetition_penalty={THETA}", {"repetition_penalty": THETA}),
]:
    with torch.inference_mode():
        ids = model.generate(**inputs, max_new_tokens=60, do_sample=False, **opzioni)[0].tolist()
    risultati[nome] = ids
    print(f"{nome} ({gruppi_ripetuti(ids)} gruppi di {N} token ripetuti):")
    print(f"  {tokenizer.decode(ids, skip_special_tokens=True)!r}")
assert gruppi_ripetuti(risultati[f"no_repeat_ngram_size={N}"]) == 0

# Che cosa fa repetition_penalty a un passo: i logit dei token già scritti si allontanano
# dallo zero verso il basso (positivi divisi per THETA, negativi moltiplicati per THETA).
scritti = torch.tensor([risultati["greedy"][:10]])
with torch.inference_mode():
    z = model(**inputs, decoder_input_ids=scritti).logits[:, -1]
a_mano = z.clone()
gia = scritti[0].unique()
a_mano[0, gia] = torch.where(z[0, gia] > 0, z[0, gia] / THETA, z[0, gia] * THETA)
assert torch.allclose(a_mano, RepetitionPenaltyLogitsProcessor(penalty=THETA)(scritti, z))
print(f"\npenalità a mano = RepetitionPenaltyLogitsProcessor su {len(gia)} token già scritti")
