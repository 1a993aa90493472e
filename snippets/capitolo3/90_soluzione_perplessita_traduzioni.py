# Soluzione: la stessa frase inglese con tre «traduzioni»; quale trova più probabile il modello?
import math
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

ingresso = tokenizer("translate English to German: The weather is nice today.", return_tensors="pt")
candidate = {
    "giusta": "Das Wetter ist heute schön.",
    "sbagliata": "Der Hund schläft im Garten.",
    "parole a caso": "Heute schön Wetter das ist.",
}
print(f"{'traduzione':<14} {'token':>5} {'perdita':>8} {'perplessità':>12}  testo")
for nome, testo in candidate.items():
    etichette = tokenizer(testo, return_tensors="pt").input_ids
    with torch.inference_mode():
        perdita = model(**ingresso, labels=etichette).loss.item()
    print(f"{nome:<14} {etichette.shape[1]:>5} {perdita:>8.4f} {math.exp(perdita):>12.4g}  {testo}")
