# Soluzione: i numeri da battere, classificatori che non leggono il testo, sui testi di sviluppo.
import csv
import random

from sklearn.metrics import accuracy_score, f1_score

CLASSI = ["positivo", "negativo", "neutro"]

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
vere = [r["etichetta"] for r in righe]

random.seed(0)
banali = {
    "sempre positivo": ["positivo"] * len(vere),
    "sempre neutro": ["neutro"] * len(vere),
    "a caso (seme 0)": [random.choice(CLASSI) for _ in vere],
}
print(f"{'classificatore':<18}{'accuratezza':>12}{'macro-F1':>10}")
risultati = {}
for nome, previste in banali.items():
    accuratezza = accuracy_score(vere, previste)
    f1 = f1_score(vere, previste, labels=CLASSI, average="macro", zero_division=0)
    print(f"{nome:<18}{accuratezza:>12.3f}{f1:>10.3f}")
    risultati[nome] = accuratezza, f1

# La pagina cita questi valori: la macro-F1 di chi risponde sempre uguale, i numeri del caso
f1_sempre_positivo = risultati["sempre positivo"][1]
accuratezza_caso, f1_caso = risultati["a caso (seme 0)"]
