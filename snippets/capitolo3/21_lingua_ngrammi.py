# Un identificatore di lingua a n-grammi di caratteri, addestrato qui, e la soglia di C4 (0,99).
import csv
import math
import re
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


def prob_inglese(testo):
    """P(inglese | testo) con Bayes ingenuo, priori uguali e lisciatura di Laplace."""
    log_v = {}
    for lingua, c in conteggi.items():
        totale = sum(c.values()) + len(tutti)
        log_v[lingua] = sum(math.log((c[g] + 1) / totale) for g in ngrammi(testo))
    return 1 / (1 + math.exp(min(700, log_v["it"] - log_v["en"])))


pagine = {}
with open("data/pagine_web.txt", encoding="utf-8") as f:
    for riga in f.read().splitlines():
        if riga.startswith("=== "):
            pagine[riga[4:]] = []
        elif riga and not riga.startswith("#"):
            pagine[list(pagine)[-1]].append(riga)

print(f"addestrato su {len(italiano):,} caratteri italiani e {len(inglese):,} inglesi\n")
print(f"{'pagina':<7} {'P(inglese)':>10}  C4 la tiene?  inizio")
p_en = {nome: prob_inglese(" ".join(r)) for nome, r in pagine.items()}
for nome, righe in pagine.items():
    verdetto = "sì" if p_en[nome] >= 0.99 else "no"
    print(f"{nome:<7} {p_en[nome]:>10.4f}  {verdetto:<12}  {righe[0][:40]}".rstrip())

citazione = re.search(r'"(.+)"', " ".join(pagine["p08"])).group(1)  # la frase italiana in p08
p_citazione = prob_inglese(citazione)
print(f"\nla frase citata in p08, da sola: P(inglese) = {p_citazione:.4f}  «{citazione}»")
# la pagina cita questi valori
scartate_come_non_inglesi = [nome for nome, p in p_en.items() if p < 0.99]
p08_tenuta = p_en["p08"] >= 0.99
estreme = sum(p < 0.0001 or p > 0.9999 for p in p_en.values())  # quasi 0 o quasi 1
assert {"p06", "p07", "p11"} <= set(scartate_come_non_inglesi) and p08_tenuta
assert p_citazione < 0.99  # la frase italiana, da sola, sarebbe scartata
assert estreme >= len(p_en) - 2  # quasi tutte le pagine stanno a un passo da 0 o da 1
