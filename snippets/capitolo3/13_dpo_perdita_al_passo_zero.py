# La perdita DPO su sei coppie scelta/scartata: modello addestrato e riferimento congelato.
import copy
import json
import math
import os

import torch
import torch.nn.functional as F
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
BETA = 0.1  # il peso della penalità KL: più è grande, più la politica resta vicina al riferimento

tokenizer = AutoTokenizer.from_pretrained(MODEL)
politica = AutoModelForSeq2SeqLM.from_pretrained(MODEL).eval()  # il modello da addestrare
riferimento = copy.deepcopy(politica).requires_grad_(False)  # la sua copia congelata, π_ref
with open("data/preferenze.jsonl", encoding="utf-8") as f:
    coppie = [json.loads(riga) for riga in f]
ingresso = tokenizer([c["prompt"] for c in coppie], return_tensors="pt", padding=True)


def log_prob(modello, risposte):
    """log π(y|x): la somma dei log-probabilità dei token della risposta, </s> compreso."""
    etichette = tokenizer(risposte, return_tensors="pt", padding=True).input_ids
    etichette = etichette.masked_fill(etichette == tokenizer.pad_token_id, -100)
    with torch.inference_mode():  # in T5 la posizione t dei logit prevede il token t
        logit = modello(**ingresso, labels=etichette).logits
    lp = torch.log_softmax(logit, dim=-1).gather(-1, etichette.clamp(min=0)[..., None])[..., 0]
    return (lp * (etichette != -100)).sum(-1)


scelte, scartate = [c["scelta"] for c in coppie], [c["scartata"] for c in coppie]
pol_c, pol_r = log_prob(politica, scelte), log_prob(politica, scartate)
ref_c, ref_r = log_prob(riferimento, scelte), log_prob(riferimento, scartate)
margini = BETA * (pol_c - ref_c) - BETA * (pol_r - ref_r)  # ricompense implicite: scelta − scartata
perdite = -F.logsigmoid(margini)  # Bradley-Terry sul margine implicito

print(f"{'coppia':<7}{'log π scelta':>13}{'log π scartata':>15}{'margine':>9}{'perdita':>9}")
for c, a, b, m, p in zip(coppie, pol_c, pol_r, margini, perdite):
    print(f"{c['id']:<7}{a.item():>13.3f}{b.item():>15.3f}{m.item():>9.4f}{p.item():>9.4f}")
print(f"\nperdita DPO media: {perdite.mean().item():.7f}   log 2 = {math.log(2):.7f}")
# Il riferimento è una copia della politica non ancora aggiornata: stessi numeri, margine 0,
# perdita log 2 per coppia. Dopo il primo passo di addestramento non sarebbe più così.
assert torch.equal(pol_c, ref_c) and torch.equal(pol_r, ref_r)
assert torch.equal(perdite, torch.full_like(perdite, math.log(2)))
coppie_n = len(coppie)  # la pagina cita quante coppie
