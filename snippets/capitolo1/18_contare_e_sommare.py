# Contare lettere e fare somme: la risposta del modello accanto a quella calcolata da Python.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

# Ogni domanda con la risposta giusta, calcolata dal codice e non scritta a mano.
domande = {
    "How many times does the letter r appear in the word strawberry?": "strawberry".count("r"),
    "How many letters are in the word precipitevolissimevolmente?": len(
        "precipitevolissimevolmente"
    ),
    "What is 2 + 3?": 2 + 3,
    "What is 3847 + 2956?": 3847 + 2956,
    "What is 48 * 76?": 48 * 76,
}

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

inputs = tokenizer(list(domande), padding=True, return_tensors="pt")
with torch.inference_mode():
    uscite = model.generate(**inputs, max_new_tokens=10, do_sample=False)
risposte = tokenizer.batch_decode(uscite, skip_special_tokens=True)
print(f"{'domanda':<66}{'modello':>10}{'giusta':>8}  uguale?")
for (domanda, giusta), risposta in zip(domande.items(), risposte):
    uguale = risposta.strip() == str(giusta)
    print(f"{domanda:<66}{risposta.strip():>10}{giusta:>8}  {'sì' if uguale else 'no'}")
