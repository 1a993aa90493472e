# La matrice di confusione sui testi italiani: quale classe diventa quale (e «non riconosciuto»).
import csv
import os
import re

import matplotlib.pyplot as plt
import torch
from sklearn.metrics import confusion_matrix
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
CLASSI = ["positivo", "negativo", "neutro"]
COLONNE = CLASSI + ["non riconosciuto"]

device = "cuda" if torch.cuda.is_available() else "cpu"
# bfloat16 solo sulle GPU che lo calcolano in hardware (capacità di calcolo 8.0 o più),
# altrove float32. Mai float16: in T5 alcune attivazioni superano il suo massimo, 65504
bf16 = device == "cuda" and torch.cuda.is_bf16_supported(including_emulation=False)
dtype = torch.bfloat16 if bf16 else torch.float32
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL, dtype=dtype).to(device).eval()


def normalizza(risposta: str) -> str:
    """Riduce una risposta a positivo, negativo o neutro; se è ambigua, a «non riconosciuto»."""
    parole = re.findall(r"\w+", risposta.lower())  # minuscole, senza punteggiatura
    if "non" in parole or "not" in parole:  # «non positivo» non dice quale classe
        return "non riconosciuto"
    radici = {"positiv": "positivo", "negativ": "negativo", "neutr": "neutro"}
    trovate = {e for p in parole for r, e in radici.items() if p.startswith(r)}
    return trovate.pop() if len(trovate) == 1 else "non riconosciuto"


def classifica(testi, batch_size=16, prompt=PROMPT):
    """Un'etichetta per testo; i prompt vanno al modello a gruppi di batch_size."""
    etichette = []
    for i in range(0, len(testi), batch_size):
        batch = [prompt.format(testo=t) for t in testi[i : i + batch_size]]
        inputs = tokenizer(batch, return_tensors="pt", padding=True).to(device)
        with torch.inference_mode():
            uscite = model.generate(**inputs, max_new_tokens=5, do_sample=False)
        etichette += map(normalizza, tokenizer.batch_decode(uscite, skip_special_tokens=True))
    return etichette


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
vere = [r["etichetta"] for r in righe]
previste = classifica([r["testo_it"] for r in righe])

# Righe: etichetta vera (solo le tre classi); colonne: prevista, «non riconosciuto» compreso
m = confusion_matrix(vere, previste, labels=COLONNE)[: len(CLASSI)]
print(f"dispositivo: {device}   righe = etichetta vera, colonne = prevista")
print(f"{'':<10}" + "".join(f"{c:>18}" for c in COLONNE))
for classe, riga in zip(CLASSI, m):
    print(f"{classe:<10}" + "".join(f"{n:>18}" for n in riga))

# La pagina cita questi valori: le caselle fuori diagonale più piene (tutte, se sono a pari
# merito) e dove vanno gli errori
fuori_diagonale = {
    (CLASSI[i], COLONNE[j]): int(m[i, j])
    for i in range(len(CLASSI))
    for j in range(len(COLONNE))
    if i != j
}
volte = max(fuori_diagonale.values())
piu_piene = [f"{v} → {p}" for (v, p), n in fuori_diagonale.items() if n == volte]
if volte == 0:
    piu_piene = "nessuna, perché non ci sono errori"
errori = int(m.sum() - m.trace())
polarita_scambiate = int(m[0, 1] + m[1, 0])  # positivi presi per negativi e viceversa
verso_neutro = int(m[0, 2] + m[1, 2])  # positivi o negativi presi per neutri

fig, ax = plt.subplots(figsize=(6.4, 4))
ax.imshow(m, cmap="Blues", vmin=0)
ax.set_xticks(range(len(COLONNE)), ["positivo", "negativo", "neutro", "non\nriconosciuto"])
ax.set_yticks(range(len(CLASSI)), CLASSI)
ax.set_xlabel("etichetta prevista")
ax.set_ylabel("etichetta vera")
ax.axvline(len(CLASSI) - 0.5, color="gray", linestyle="--")  # a destra: nessuna etichetta
for i in range(len(CLASSI)):
    for j in range(len(COLONNE)):
        colore = "white" if m[i, j] > m.max() / 2 else "black"
        ax.text(j, i, m[i, j], ha="center", va="center", color=colore)
fig.tight_layout()
titolo = f"Matrice di confusione sui {len(righe)} testi italiani di sviluppo, prompt zero-shot"
fig.savefig("matrice_confusione.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: matrice_confusione.png")
