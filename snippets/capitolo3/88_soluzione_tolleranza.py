# Soluzione: che cosa sposta le perdite del ciclo a mano più della tolleranza, e che cosa no.
import csv
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer, get_linear_schedule_with_warmup

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
per_id = {r["id"]: r for r in righe}
ordine = ("s002", "s003", "s001", "s005", "s004", "s009", "s007", "s015", "s011")
testi = [f"Recensione: {per_id[i]['testo_it']}\nSentiment:" for i in ordine]
etichette = [per_id[i]["etichetta"] for i in ordine]
TOLLERANZA = 1e-4  # quella dello snippet del Trainer


def ciclo(taglio, fused):  # il ciclo a mano dello snippet del Trainer, con due scelte variabili
    model = AutoModelForSeq2SeqLM.from_pretrained(MODEL, dropout_rate=0.0)
    model.train()
    ottimizzatore = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.0, fused=fused)
    programma = get_linear_schedule_with_warmup(ottimizzatore, 0, 9)
    perdite = []
    for passo in range(9):
        da = (passo * 3) % 9
        ingresso = tokenizer(testi[da : da + 3], return_tensors="pt", padding=True)
        bersaglio = tokenizer(etichette[da : da + 3], return_tensors="pt", padding=True)
        bersaglio = bersaglio.input_ids.masked_fill(bersaglio.attention_mask == 0, -100)
        perdita = model(**ingresso, labels=bersaglio).loss
        perdita.backward()
        if taglio:
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        ottimizzatore.step()
        programma.step()
        ottimizzatore.zero_grad()
        perdite.append(perdita.item())
    return perdite


come_il_trainer = ciclo(taglio=True, fused=True)
varianti = {"senza taglio del gradiente": ciclo(taglio=False, fused=True),
            "AdamW non fuso (stessa formula)": ciclo(taglio=True, fused=False)}  # fmt: skip
scarti = {}
for nome, perdite in varianti.items():
    scarti[nome] = max(abs(a - b) for a, b in zip(come_il_trainer, perdite))
    verdetto = "oltre" if scarti[nome] > TOLLERANZA else "entro"
    print(f"{nome:<32} differenza massima {scarti[nome]:.1e}: {verdetto} la tolleranza")
assert scarti["AdamW non fuso (stessa formula)"] < TOLLERANZA  # solo arrotondamenti

# la pagina cita questi valori: se togliere il taglio supera la tolleranza (dipende dal modello)
taglio_supera = scarti["senza taglio del gradiente"] > TOLLERANZA
