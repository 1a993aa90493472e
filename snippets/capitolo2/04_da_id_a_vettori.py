# Dagli id ai vettori: ogni token prende una riga della matrice degli embedding.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)

embedding = model.get_input_embeddings()  # in T5 è model.shared
print("matrice degli embedding:", tuple(embedding.weight.shape), "(pezzi del vocabolario, d_model)")
print("è model.shared:", embedding is model.shared)

ids = tokenizer("Il gatto dorme, il gatto sogna.", return_tensors="pt").input_ids
with torch.inference_mode():
    vettori = embedding(ids)
print("id:", tuple(ids.shape), " vettori:", tuple(vettori.shape), "(sequenze, token, d_model)")

# cercare un embedding è solo prendere una riga della matrice
righe = embedding.weight[ids[0]]
uguale = torch.equal(vettori[0], righe)
print("uguale a embedding.weight[id]:", uguale)
# «gatto» compare due volte: stessi id, quindi stesse righe, qualunque sia il contesto
lista = ids[0].tolist()
ripetuti = [(i, j) for i in range(len(lista)) for j in range(i) if lista[i] == lista[j]]
assert uguale and ripetuti and all(torch.equal(vettori[0, i], vettori[0, j]) for i, j in ripetuti)
print()
print("i primi 4 numeri del vettore di ogni token")
for token, vettore in zip(tokenizer.convert_ids_to_tokens(ids[0]), vettori[0]):
    print(f"{token:<10}", " ".join(f"{v:8.3f}" for v in vettore[:4].tolist()))
