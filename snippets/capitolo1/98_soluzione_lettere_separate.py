# Soluzione: con le lettere separate da spazi, ogni token porta al più una lettera.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PAROLA = "strawberry"

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

separata = " ".join(PAROLA)  # "s t r a w b e r r y"
for forma in [PAROLA, separata]:
    pezzi = tokenizer.tokenize(forma)
    print(f"{forma!r:<24} {len(pezzi):>2} token: {pezzi}")
# Uno spazio chiude sempre un token di SentencePiece: due lettere separate non stanno insieme.
assert all(sum(c.isalpha() for c in p) <= 1 for p in tokenizer.tokenize(separata))

domande = [f"How many times does the letter r appear in {forma}?" for forma in [PAROLA, separata]]
inputs = tokenizer(domande, padding=True, return_tensors="pt")
with torch.inference_mode():
    uscite = model.generate(**inputs, max_new_tokens=10, do_sample=False)
print(f"\nrisposta giusta: {PAROLA.count('r')}")
for domanda, risposta in zip(domande, tokenizer.batch_decode(uscite, skip_special_tokens=True)):
    print(f"{domanda:<62} -> {risposta}")
