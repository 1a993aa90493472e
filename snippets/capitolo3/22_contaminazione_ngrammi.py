# Contaminazione: quali testi del data set di prova compaiono, parola per parola, nel corpus?
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


def parole(testo):
    """Come GPT-3: parole in minuscolo, separate da spazi, senza punteggiatura."""
    return [p for p in (re.sub(r"[^\w]", "", w) for w in testo.lower().split()) if p]


def ngrammi(seq, n):
    return {tuple(seq[i : i + n]) for i in range(len(seq) - n + 1)}


lunghezze = sorted(len(parole(t)) for t in prove.values())
N = min(13, max(8, lunghezze[len(lunghezze) // 20]))  # 5° percentile, tra 8 e 13 (GPT-3, App. C)
corti_per_13 = sum(n < 13 for n in lunghezze)
print(f"testi di prova: {len(prove)}; lunghezza in parole da {lunghezze[0]} a {lunghezze[-1]}")
print(f"più corti di 13 parole, che un 13-gramma non può mai trovare: {corti_per_13}")
print(f"N scelto come in GPT-3 (5° percentile, tra 8 e 13): {N}\n")

corpus = {nome: ngrammi(parole(" ".join(righe)), N) for nome, righe in pagine.items()}
sporchi = {}
for chiave, testo in prove.items():
    for nome, grammi in corpus.items():
        comuni = ngrammi(parole(testo), N) & grammi
        if comuni:
            sporchi[chiave] = nome
            print(f"sporco: {chiave} in {nome}: «{' '.join(sorted(comuni)[0])}»")
print(f"\ntesti sporchi: {len(sporchi)} su {len(prove)}")
# p07 copia s048 in italiano, p10 copia s057 in inglese con altre maiuscole e punteggiatura
sporchi_trovati = sorted(sporchi)
n_prove = len(prove)
assert sporchi_trovati == ["s048 it", "s057 en"]
parafrasi_trovata = "s045 en" in sporchi  # p10 riscrive s045 con parole sue
assert not parafrasi_trovata  # la pagina cita N, corti_per_13, sporchi_trovati, n_prove
