# Soluzione: la stessa ricerca della contaminazione con N diversi, da 6 a 13 parole.
import csv
import re

pagine = {}
with open("data/pagine_web.txt", encoding="utf-8") as f:
    for riga in f.read().splitlines():
        if riga.startswith("=== "):
            pagine[riga[4:]] = []
        elif riga and not riga.startswith("#"):
            pagine[list(pagine)[-1]].append(riga)
with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
prove = {f"{r['id']} {lingua}": r[f"testo_{lingua}"] for r in righe for lingua in ("it", "en")}


def parole(testo):  # come GPT-3: minuscole, separate da spazi, senza punteggiatura
    return [p for p in (re.sub(r"[^\w]", "", w) for w in testo.lower().split()) if p]


def ngrammi(seq, n):
    return {tuple(seq[i : i + n]) for i in range(len(seq) - n + 1)}


sporchi_per_n = {}
for n in (6, 8, 10, 13):
    corpus = set().union(*(ngrammi(parole(" ".join(r)), n) for r in pagine.values()))
    sporchi_per_n[n] = sorted(k for k, t in prove.items() if ngrammi(parole(t), n) & corpus)
    print(f"N = {n:>2}: {len(sporchi_per_n[n])} testi sporchi: {', '.join(sporchi_per_n[n])}")
lunghi = {k: len(parole(prove[k])) for k in ("s048 it", "s057 en")}  # i due testi copiati
print(f"parole dei due testi copiati: {lunghi}")
assert "s045 en" in sporchi_per_n[6]  # con 6 parole anche la frase che p10 riscrive è «sporca»
assert all(k in sporchi_per_n[13] for k in lunghi)  # i due copiati hanno almeno 13 parole
