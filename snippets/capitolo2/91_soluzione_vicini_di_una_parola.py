# Soluzione: i pezzi del vocabolario con l'embedding più simile a quello di una parola.
import os

import torch.nn.functional as F
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
# solo le righe che corrispondono a pezzi del tokenizer
unitari = F.normalize(model.get_input_embeddings().weight.detach()[: len(tokenizer)], dim=-1)

for parola in ["great", "hotel"]:
    ids = tokenizer(parola, add_special_tokens=False).input_ids
    query = unitari[ids].mean(dim=0)
    coseni = unitari @ query  # un coseno per ogni pezzo del vocabolario
    migliori = coseni.topk(6)  # il primo è (quasi sempre) la parola stessa
    vicini = [
        f"{tokenizer.convert_ids_to_tokens(i)} {c:.3f}"
        for c, i in zip(migliori.values.tolist(), migliori.indices.tolist())
    ]
    print(f"{parola:<7}", " | ".join(vicini))
