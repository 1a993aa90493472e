# Soluzione: le stesse domande senza esempi (zero-shot) e con i cinque esempi (five-shot).
import csv
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

with open("data/scelta_multipla.csv", encoding="utf-8", newline="") as f:
    righe = list(csv.DictReader(f))
LETTERE = "ABCD"
esempi = [r for r in righe if r["parte"] == "esempio"]
prove = [r for r in righe if r["parte"] == "prova"]


def domanda(r, risolta=False):
    testo = r["domanda"] + "".join(f"\n{x}. {r[x]}" for x in LETTERE) + "\nRisposta:"
    return testo + f" {r['risposta']}\n\n" if risolta else testo


intestazione = "Seguono domande a scelta multipla (con le risposte) di cultura generale.\n\n"
scalette = {"zero-shot": intestazione,
            "five-shot": intestazione + "".join(domanda(r, risolta=True) for r in esempi)}
id_lettere = [tokenizer(x, add_special_tokens=False).input_ids for x in LETTERE]


def scelta(prompt):
    ingresso = tokenizer(prompt, return_tensors="pt")
    with torch.inference_mode():
        enc = model.get_encoder()(**ingresso)
        lp = [-model(encoder_outputs=enc, attention_mask=ingresso.attention_mask,
                     labels=torch.tensor([ids])).loss.item() * len(ids) for ids in id_lettere]
    return LETTERE[max(range(4), key=lambda i: lp[i])]


accuratezza = {}
for modo, scaletta in scalette.items():
    scelte = [scelta(scaletta + domanda(r)) for r in prove]
    accuratezza[modo] = sum(s == r["risposta"] for s, r in zip(scelte, prove)) / len(prove)
    print(f"{modo:<10} scelte: {' '.join(scelte)}  accuratezza: {accuratezza[modo]:.3f}")
print(f"{'giuste':<10}         {' '.join(r['risposta'] for r in prove)}")
accuratezza_zero, accuratezza_five = accuratezza["zero-shot"], accuratezza["five-shot"]  # citati
