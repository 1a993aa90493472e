# Accumulare i gradienti di 4 micro-batch dà il gradiente del batch intero, se la media è giusta.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL).eval()  # niente dropout: conti confrontabili
testi = [f"Recensione: {t}" for t in ("Ottimo.", "Pessimo.", "Così così.", "Bello.")]
risposte = ["sì", "no, per niente, e non ci tornerò mai più", "forse", "sì, molto bello"]
token = [len(tokenizer(r).input_ids) for r in risposte]  # </s> compreso: la perdita conta anche lui


def accumula(indici, peso):
    """Somma nei .grad il gradiente di peso × perdita (media sui token) di quegli esempi."""
    ingresso = tokenizer([testi[i] for i in indici], return_tensors="pt", padding=True)
    ids = tokenizer([risposte[i] for i in indici], return_tensors="pt", padding=True).input_ids
    etichette = ids.masked_fill(ids == tokenizer.pad_token_id, -100)
    (model(**ingresso, labels=etichette).loss * peso).backward()


def gradienti():  # zero_grad() mette .grad a None: questi tensori restano com'erano
    return [p.grad for p in model.parameters()]


accumula([0, 1, 2, 3], 1.0)  # il batch intero, in un colpo: la media su tutti i suoi token
intero = gradienti()
print(f"token di ogni risposta: {token}, in tutto {sum(token)}\n")
pesi = {
    "media del micro-batch × 1/4": [1 / 4] * 4,
    "media del micro-batch × token/totale": [t / sum(token) for t in token],
}
uguali = {}
for nome, peso in pesi.items():
    model.zero_grad()
    for i in range(4):  # quattro micro-batch da un esempio: in memoria uno alla volta
        accumula([i], peso[i])
    coppie = zip(intero, gradienti())  # uguali a meno degli arrotondamenti delle somme
    uguali[nome] = all(torch.allclose(a, b, rtol=1e-4, atol=1e-5) for a, b in coppie)
    print(f"{nome:<38} uguale al batch intero: {uguali[nome]}")
assert uguali["media del micro-batch × token/totale"]  # il peso giusto: i token, non gli esempi
assert not uguali["media del micro-batch × 1/4"]  # risposte di lunghezze diverse: sbagliato
