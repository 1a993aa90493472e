# Soluzione: l'identificatore di lingua a n-grammi giudica ogni riga di p08, non la pagina intera.
import csv
import math
from collections import Counter


def ngrammi(testo, n_max=3):
    testo = f" {' '.join(testo.lower().split())} "
    return [testo[i : i + n] for n in range(1, n_max + 1) for i in range(len(testo) - n + 1)]


with open("data/guida.txt", encoding="utf-8") as f:
    italiano = f.read()
with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
inglese = " ".join(r["testo_en"] for r in righe)
conteggi = {"it": Counter(ngrammi(italiano)), "en": Counter(ngrammi(inglese))}
tutti = set(conteggi["it"]) | set(conteggi["en"])


def prob_inglese(testo):  # Bayes ingenuo, priori uguali, lisciatura di Laplace (come lo snippet)
    log_v = {}
    for lingua, c in conteggi.items():
        totale = sum(c.values()) + len(tutti)
        log_v[lingua] = sum(math.log((c[g] + 1) / totale) for g in ngrammi(testo))
    return 1 / (1 + math.exp(min(700, log_v["it"] - log_v["en"])))


with open("data/pagine_web.txt", encoding="utf-8") as f:
    testo = f.read()
p08 = [r for r in testo.split("=== p08\n")[1].split("\n===")[0].splitlines() if r]
print(f"{'P(inglese)':>10}  C4 la tiene?  riga")
for riga in p08:
    p = prob_inglese(riga)
    print(f"{p:>10.4f}  {'sì' if p >= 0.99 else 'no':<12}  {riga[:60]}".rstrip())
assert prob_inglese(next(r for r in p08 if '"' in r)) >= 0.99  # la riga con la frase italiana
