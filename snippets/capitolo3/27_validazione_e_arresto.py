# Validazione a ogni epoca e arresto anticipato: stop dopo PAZIENZA epoche senza miglioramenti.
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
gruppi = [[r for r in righe if r["etichetta"] == e] for e in ("positivo", "negativo", "neutro")]
addestramento = [g[i] for i in range(2) for g in gruppi]  # 6 frasi, 2 per etichetta
validazione = [g[i] for i in range(2, 5) for g in gruppi]  # altre 9: l'addestramento non le vede
EPOCHE_MAX, PAZIENZA = 12, 2


def perdita(righe_batch):
    testi = [f"Recensione: {r['testo_it']}\nSentiment:" for r in righe_batch]
    ingresso = tokenizer(testi, return_tensors="pt", padding=True)
    etichette = tokenizer([r["etichetta"] for r in righe_batch], return_tensors="pt", padding=True)
    etichette = etichette.input_ids.masked_fill(etichette.attention_mask == 0, -100)
    return model(**ingresso, labels=etichette).loss


def valida():  # in eval, senza dropout: la misura non dipende dal caso
    model.eval()
    with torch.inference_mode():
        return perdita(validazione).item()


torch.manual_seed(0)
ottimizzatore = torch.optim.Adafactor(model.parameters(), lr=1e-3)
curva_add, curva_val = [], [valida()]  # l'epoca 0 è il modello di partenza
migliore, senza_miglioramenti = 0, 0
pesi_migliori = {k: v.clone() for k, v in model.state_dict().items()}
print(f"epoca  addestramento  validazione\n    0  {'':>13}  {curva_val[0]:>11.4f}")
for epoca in range(1, EPOCHE_MAX + 1):
    model.train()
    perdite = []
    for inizio in (0, 3):  # due batch da 3 frasi
        p = perdita(addestramento[inizio : inizio + 3])
        ottimizzatore.zero_grad()
        p.backward()
        ottimizzatore.step()
        perdite.append(p.item())
    curva_add.append(sum(perdite) / len(perdite))
    curva_val.append(valida())
    if curva_val[-1] < curva_val[migliore]:  # nuovo minimo: questi pesi vanno tenuti
        migliore, senza_miglioramenti = epoca, 0
        pesi_migliori = {k: v.clone() for k, v in model.state_dict().items()}
    else:
        senza_miglioramenti += 1
    segno = "  <- migliore finora" if migliore == epoca else ""
    print(f"{epoca:>5}  {curva_add[-1]:>13.4f}  {curva_val[-1]:>11.4f}{segno}")
    if senza_miglioramenti == PAZIENZA:
        break

ultima, fermato = epoca, senza_miglioramenti == PAZIENZA
model.load_state_dict(pesi_migliori)  # si torna ai pesi dell'epoca migliore
ripristinata = valida()
print(f"\nfine all'epoca {ultima}; pesi tenuti: epoca {migliore}, validazione {ripristinata:.4f}")
assert curva_val[migliore] == min(curva_val) and abs(ripristinata - curva_val[migliore]) < 1e-6
assert ultima == (migliore + PAZIENZA if fermato else EPOCHE_MAX)

fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(range(1, ultima + 1), curva_add, marker="o", label="addestramento (media dell'epoca)")
ax.plot(range(ultima + 1), curva_val, marker="s", label="validazione (fine dell'epoca)")
ax.axvline(migliore, color="gray", linestyle=":", label=f"pesi tenuti (epoca {migliore})")
fine = "arresto anticipato" if fermato else "limite di epoche"
ax.axvline(ultima, color="firebrick", linestyle="--", label=f"{fine} (epoca {ultima})")
ax.set_xlabel("epoca")
ax.set_ylabel("perdita (entropia incrociata)")
ax.legend(fontsize=8)
fig.tight_layout()
titolo = "Perdita di addestramento e di validazione per epoca, con l'arresto anticipato"
fig.savefig("arresto_anticipato.png", dpi=110, metadata={"Title": titolo})
print("figura salvata: arresto_anticipato.png")

# la pagina cita questi valori: come è finito l'addestramento, in parole
esito = f"ha fatto tutte le {ultima} epoche"
if fermato:
    esito = f"si è fermato da solo all'epoca {ultima}"
val_iniziale, val_tenuta = curva_val[0], curva_val[migliore]
add_finale, val_finale = curva_add[-1], curva_val[-1]
