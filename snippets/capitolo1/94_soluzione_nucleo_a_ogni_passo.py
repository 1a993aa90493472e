# Soluzione: quanti token tiene top-p a ogni passo di una risposta greedy.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer, TopPLogitsWarper

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
P = 0.9

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()
inputs = tokenizer("Translate English to German: The weather is nice today.", return_tensors="pt")
with torch.inference_mode():
    risposta = model.generate(**inputs, max_new_tokens=20, do_sample=False)
    # Un solo passaggio del decoder dà i logit di tutti i passi: riga t = passo t + 1.
    logits = model(**inputs, decoder_input_ids=risposta).logits[0, :-1, : len(tokenizer)]


def quanti_nel_nucleo(z, p):
    prob = torch.sort(torch.softmax(z, dim=-1), descending=True).values
    return int((torch.cumsum(prob, dim=0) - prob < p).sum())  # il gruppo più piccolo con somma ≥ p


print(f"{'passo':>5}  {'token scelto':<14}{'prob.':>8}  {'nucleo (p = ' + str(P) + ')':>17}")
scelti = tokenizer.convert_ids_to_tokens(risposta[0, 1:].tolist())
for passo, (z, token) in enumerate(zip(logits, scelti), start=1):
    n = quanti_nel_nucleo(z, P)
    assert n == int(torch.isfinite(TopPLogitsWarper(top_p=P)(None, z[None])).sum())
    print(f"{passo:>5}  {token:<14}{torch.softmax(z, dim=-1).max():>8.4f}  {n:>17}")
