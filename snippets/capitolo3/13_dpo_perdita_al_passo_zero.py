# La perdita DPO su sei coppie scelta/scartata: modello addestrato e riferimento congelato.
import copy
import json
import math
import os

import torch
import torch.nn.functional as F
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
BETA = 0.1  # quanto conta il riferimento; 0.1 negli esempi degli autori di DPO

tokenizer = AutoTokenizer.from_pretrained(MODEL)
politica = AutoModelForSeq2SeqLM.from_pretrained(MODEL).eval()  # il modello da addestrare
riferimento = copy.deepcopy(politica).requires_grad_(False)  # la copia congelata, π_ref
with open("data/preferenze.jsonl", encoding="utf-8") as f:
    coppie = [json.loads(riga) for riga in f]


def log_prob(modello, prompt, risposte):
    """log π(y|x): la somma dei log-probabilità dei token della risposta, </s> compreso."""
    ingresso = tokenizer(prompt, return_tensors="pt", padding=True)
    etichette = tokenizer(risposte, return_tensors="pt", padding=True).input_ids
    etichette = etichette.masked_fill(etichette == tokenizer.pad_token_id, -100)
    logit = modello(**ingresso, labels=etichette).logits  # in T5 la posizione t prevede il token t
    lp = torch.log_softmax(logit, dim=-1).gather(-1, etichette.clamp(min=0)[..., None])[..., 0]
    return (lp * (etichette != -100)).sum(-1)


prompt = [c["prompt"] for c in coppie]
lp = {}
with torch.inference_mode():
    for nome, modello in (("politica", politica), ("riferimento", riferimento)):
        for lato in ("scelta", "scartata"):
            lp[nome, lato] = log_prob(modello, prompt, [c[lato] for c in coppie])
pol_c, pol_r = lp["politica", "scelta"], lp["politica", "scartata"]
ref_c, ref_r = lp["riferimento", "scelta"], lp["riferimento", "scartata"]
ricompensa_c, ricompensa_r = BETA * (pol_c - ref_c), BETA * (pol_r - ref_r)  # ricompense implicite
perdite = -F.logsigmoid(ricompensa_c - ricompensa_r)  # Bradley-Terry sul margine implicito

print(f"{'coppia':<7}{'log π scelta':>13}{'log π scartata':>15}{'margine':>9}{'perdita':>9}")
for c, a, b, m, p in zip(coppie, pol_c, pol_r, ricompensa_c - ricompensa_r, perdite):
    print(f"{c['id']:<7}{a.item():>13.3f}{b.item():>15.3f}{m.item():>9.4f}{p.item():>9.4f}")
perdita_media = perdite.mean().item()
print(f"\nperdita DPO media: {perdita_media:.7f}   log 2 = {math.log(2):.7f}")
# Al passo zero la politica è il riferimento: stessi numeri, margine 0, perdita log 2 per coppia.
assert torch.equal(pol_c, ref_c) and torch.equal(pol_r, ref_r)
assert torch.equal(perdite, torch.full_like(perdite, math.log(2)))
coppie_n = len(coppie)  # la pagina cita quante coppie
