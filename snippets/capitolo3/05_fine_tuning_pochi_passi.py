# Fine-tuning in miniatura: 9 passi di Adafactor su 9 frasi etichettate, risposte prima e dopo.
import csv
import os

import matplotlib.pyplot as plt
import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
per_id = {r["id"]: r for r in righe}
# Ogni batch di 3 ha un positivo, un negativo e un neutro; due frasi restano fuori.
addestramento = [
    per_id[i] for i in ("s002", "s003", "s001", "s005", "s004", "s009", "s007", "s015", "s011")
]
tenute_fuori = [per_id[i] for i in ("s019", "s020")]


def prompt(riga):  # nessuna istruzione, nessuna etichetta nominata
    return f"Recensione: {riga['testo_it']}\nSentiment:"


def rispondi(righe_da_provare):
    model.eval()
    ingresso = tokenizer([prompt(r) for r in righe_da_provare], return_tensors="pt", padding=True)
    with torch.inference_mode():
        uscita = model.generate(**ingresso, max_new_tokens=5, do_sample=False)
    return tokenizer.batch_decode(uscita, skip_special_tokens=True)


# Ciò che il modello legge davvero: il tokenizer di T5 trasforma l'a capo in uno spazio.
print(f"il modello legge: {tokenizer.decode(tokenizer(prompt(tenute_fuori[0])).input_ids)}\n")
prima = rispondi(tenute_fuori)
torch.manual_seed(0)  # il dropout, attivo in addestramento, usa numeri casuali
# Adafactor, usato negli esperimenti di T5: lr=1e-3 sposta ogni matrice, a ogni passo, al più di
# un millesimo circa della sua grandezza tipica.
ottimizzatore = torch.optim.Adafactor(model.parameters(), lr=1e-3)
perdite = []
for passo in range(9):
    batch = addestramento[(passo * 3) % 9 : (passo * 3) % 9 + 3]
    ingresso = tokenizer([prompt(r) for r in batch], return_tensors="pt", padding=True)
    etichette = tokenizer([r["etichetta"] for r in batch], return_tensors="pt", padding=True)
    etichette = etichette.input_ids.masked_fill(etichette.attention_mask == 0, -100)
    model.train()
    perdita = model(**ingresso, labels=etichette).loss
    ottimizzatore.zero_grad()
    perdita.backward()
    ottimizzatore.step()
    perdite.append(perdita.item())
    print(f"passo {passo + 1}  perdita {perdita.item():.4f}")

dopo = rispondi(tenute_fuori)
print(f"\n{'frase tenuta fuori':<45} {'etichetta':<9}  {'prima':<12} dopo")
for r, a, b in zip(tenute_fuori, prima, dopo):
    print(f"{r['testo_it'][:44]:<45} {r['etichetta']:<9}  {a:<12} {b}")

# la pagina cita questi valori. Ogni epoca (3 passi) vede le stesse nove frasi: si confronta la
# perdita media della prima epoca con quella dell'ultima, non due passi su batch diversi; il
# verdetto usa le cifre che la pagina mostra.
media_prima, media_ultima = sum(perdite[:3]) / 3, sum(perdite[-3:]) / 3
andamento = "è scesa" if round(media_ultima, 2) < round(media_prima, 2) else "non è scesa"
risalite = sum(b > a for a, b in zip(perdite, perdite[1:]))
giuste_prima = sum(a.strip() == r["etichetta"] for r, a in zip(tenute_fuori, prima))
giuste_dopo = sum(b.strip() == r["etichetta"] for r, b in zip(tenute_fuori, dopo))
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(range(1, len(perdite) + 1), perdite, marker="o")
ax.set_xlabel("passo di ottimizzazione")
ax.set_ylabel("perdita (entropia incrociata)")
fig.tight_layout()
titolo = "Perdita del fine-tuning, passo per passo"
fig.savefig("perdita_fine_tuning.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: perdita_fine_tuning.png")
