# Sei passi di DPO sulle sei coppie: perdita, margine medio e log-probabilità prima e dopo.
import json
import os

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
BETA, PASSI = 0.1, 6

torch.manual_seed(0)
tokenizer = AutoTokenizer.from_pretrained(MODEL)
politica = AutoModelForSeq2SeqLM.from_pretrained(MODEL).eval()  # niente dropout: passi ripetibili
with open("data/preferenze.jsonl", encoding="utf-8") as f:
    coppie = [json.loads(riga) for riga in f]
n = len(coppie)
# Un solo batch: prima le sei risposte scelte, poi le sei scartate, ognuna con il suo prompt.
ingresso = tokenizer([c["prompt"] for c in coppie] * 2, return_tensors="pt", padding=True)
risposte = [c["scelta"] for c in coppie] + [c["scartata"] for c in coppie]
ids = tokenizer(risposte, return_tensors="pt", padding=True).input_ids
etichette = ids.masked_fill(ids == tokenizer.pad_token_id, -100)


def log_prob():  # log π(y|x) di ogni risposta: la somma sui suoi token, senza il padding
    logit = politica(**ingresso, labels=etichette).logits
    lp = torch.log_softmax(logit, dim=-1).gather(-1, ids[..., None])[..., 0]
    return (lp * (etichette != -100)).sum(-1)


with torch.no_grad():  # il riferimento è il modello di partenza: i suoi log π non cambiano
    rif = log_prob()
ottimizzatore = torch.optim.Adafactor(politica.parameters(), lr=1e-3)
perdite, margini, medie = [], [], []  # medie: log π/π_ref medio di scelte e scartate
for passo in range(PASSI + 1):  # l'ultimo giro misura soltanto, dopo l'ultimo aggiornamento
    rapporto = log_prob() - rif  # log π/π_ref di ogni risposta
    margine = BETA * (rapporto[:n] - rapporto[n:])  # ricompensa implicita: scelta − scartata
    perdita = -F.logsigmoid(margine).mean()
    medie.append(rapporto.detach().view(2, n).mean(dim=1).tolist())
    perdite.append(round(perdita.item(), 4))
    margini.append(round(margine.mean().item(), 4) + 0.0)  # + 0.0: niente «-0.0000»
    print(f"passo {passo}  perdita {perdite[-1]:.4f}  margine medio {margini[-1]:+.4f}")
    if passo < PASSI:
        ottimizzatore.zero_grad()
        perdita.backward()
        ottimizzatore.step()

prima, dopo = rif.view(2, n), (rapporto.detach() + rif).view(2, n)
print(f"\n{'coppia':<7}{'log π scelta: prima → dopo':>28}{'log π scartata: prima → dopo':>30}")
for i, c in enumerate(coppie):
    scelta, scartata = (f"{prima[j, i]:.2f} → {dopo[j, i]:.2f}" for j in (0, 1))
    print(f"{c['id']:<7}{scelta:>28}{scartata:>30}")
assert perdite[-1] < perdite[0] and margini[-1] > margini[0]  # la direzione giusta
# la pagina cita questi valori: perdita e margine alla fine, le variazioni medie di log π
perdita_finale, margine_finale = perdite[-1], margini[-1]
delta = (dopo - prima).mean(dim=1).tolist()  # variazione media: scelte, poi scartate
verso_scelte, verso_scartate = ("salito" if d > 0 else "sceso" for d in delta)
salto_scelte, salto_scartate = (abs(d) for d in delta)
fig, (sx, dx) = plt.subplots(1, 2, figsize=(7.5, 2.8))
sx.plot(perdite, marker="o"), sx.set_xlabel("passo"), sx.set_ylabel("perdita DPO")
for j, nome in enumerate(("scelte", "scartate")):
    dx.plot([m[j] for m in medie], marker="o", label=f"risposte {nome}")
dx.axhline(0, color="grey", lw=0.8), dx.set_xlabel("passo"), dx.set_ylabel("log π/π_ref medio")
dx.legend()
fig.tight_layout()
titolo = "Perdita DPO e spostamento medio delle risposte scelte e scartate, passo per passo"
fig.savefig("dpo_passi.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: dpo_passi.png")
