# Domande a scelta multipla valutate come MMLU: la lettera più probabile dopo «Risposta:».
import csv
import os
import textwrap

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

with open("data/scelta_multipla.csv", encoding="utf-8", newline="") as f:
    righe = list(csv.DictReader(f))
LETTERE = "ABCD"
esempi = [r for r in righe if r["parte"] == "esempio"]  # cinque esempi fissi, come in MMLU
prove = [r for r in righe if r["parte"] == "prova"]


def domanda(r, risolta=False):
    testo = r["domanda"] + "".join(f"\n{x}. {r[x]}" for x in LETTERE) + "\nRisposta:"
    return testo + f" {r['risposta']}\n\n" if risolta else testo


scaletta = "Seguono domande a scelta multipla (con le risposte) di cultura generale.\n\n"
scaletta += "".join(domanda(r, risolta=True) for r in esempi)
id_lettere = [tokenizer(x, add_special_tokens=False).input_ids for x in LETTERE]


def log_prob_lettere(prompt):  # log P(lettera | prompt): la somma sui token della lettera
    ingresso = tokenizer(prompt, return_tensors="pt")
    with torch.inference_mode():
        enc = model.get_encoder()(**ingresso)
        return torch.tensor([-model(encoder_outputs=enc, attention_mask=ingresso.attention_mask,
                                    labels=torch.tensor([ids])).loss.item() * len(ids)
                             for ids in id_lettere])


prompt = scaletta + domanda(prove[0])
letto = tokenizer.decode(tokenizer(prompt).input_ids)
print("il prompt della prima domanda come lo legge il modello:")
print(textwrap.fill(letto, width=96))  # textwrap va a capo per leggerlo: gli a capo si contano qui
a_capo_scritti, a_capo_letti = prompt.count("\n"), letto.count("\n")
print(f"a capo nel prompt scritto: {a_capo_scritti}; in quello letto dal modello: {a_capo_letti}\n")
print(f"{'id':<4} {'giusta':>6}   P(A)   P(B)   P(C)   P(D)  scelta")
giuste = 0
for r in prove:
    lp = log_prob_lettere(scaletta + domanda(r))
    p = " ".join(f"{x:6.3f}" for x in torch.softmax(lp, dim=0).tolist())  # sulle 4 lettere
    scelta = LETTERE[int(lp.argmax())]
    giuste += scelta == r["risposta"]
    print(f"{r['id']:<4} {r['risposta']:>6} {p}  {scelta} {'✓✗'[scelta != r['risposta']]}")
# la pagina cita questi valori
n_prove, accuratezza = len(prove), giuste / len(prove)  # e a_capo_scritti, a_capo_letti
lettere_un_token = all(len(ids) == 1 for ids in id_lettere)
print(f"\naccuratezza: {giuste}/{n_prove} = {accuratezza:.3f} (a caso: 0.250)")
print("ogni lettera è un solo token:", lettere_un_token)
