# Soluzione: dove stanno i parametri di Flan-T5 (embedding condivisi, encoder, decoder, testa).
import os
from collections import Counter

from transformers import AutoModelForSeq2SeqLM

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
parti = Counter()
# named_parameters() elenca una volta sola i pesi condivisi tra più parti.
for nome, p in model.named_parameters():
    parti[nome.split(".")[0]] += p.numel()
totale = sum(parti.values())
for parte, n in parti.items():
    print(f"{parte:<10}{n:>14,}  {n / totale:7.1%}".replace(",", " "))
print(f"{'totale':<10}{totale:>14,}".replace(",", " "))
# lm_head manca dall'elenco solo se usa la stessa matrice degli embedding condivisi.
assert ("lm_head" in parti) == (model.lm_head.weight is not model.shared.weight)
