# Sentiment zero-shot con Flan-T5: una domanda, tre frasi, nessun esempio.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

frasi = [
    "La pizza era fredda e il cameriere scortese.",
    "Il corso è stato chiaro e utile, lo consiglio.",
    "The museum opens at nine on weekdays.",
]
for frase in frasi:
    prompt = (
        "Classifica il sentiment del testo come positivo, negativo o neutro.\n"
        f"Testo: {frase}\nRisposta:"
    )
    inputs = tokenizer(prompt, return_tensors="pt")
    with torch.inference_mode():
        # do_sample=False: decodifica greedy, la risposta è sempre la stessa
        risposta = model.generate(**inputs, max_new_tokens=5, do_sample=False)
    testo = tokenizer.decode(risposta[0], skip_special_tokens=True)
    print(f"{frase:<48} -> {testo}")
