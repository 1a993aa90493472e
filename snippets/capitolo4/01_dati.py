# Il data set del progetto: testi scritti per questa guida, divisi in sviluppo e test.
import csv
from collections import Counter

CLASSI = ["positivo", "negativo", "neutro"]

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = list(csv.DictReader(f))  # tutto il file: qui si conta soltanto
parti = sorted({r["parte"] for r in righe})  # i valori della colonna «parte»
assert len(parti) == 2 and parti[0] == "sviluppo"  # lo sviluppo e la parte per la prova finale
sviluppo = [r for r in righe if r["parte"] == "sviluppo"]

print(f"righe: {len(righe)}   colonne: {', '.join(righe[0])}")
print()
conta = Counter((r["parte"], r["etichetta"]) for r in righe)
print(f"{'parte':<12}" + "".join(f"{c:>10}" for c in CLASSI) + f"{'totale':>10}")
for parte in parti:
    numeri = [conta[parte, c] for c in CLASSI]
    assert len(set(numeri)) == 1  # dentro ogni parte, le tre classi hanno tanti testi quanti
    print(f"{parte:<12}" + "".join(f"{n:>10}" for n in numeri) + f"{sum(numeri):>10}")
totali = [sum(r["etichetta"] == c for r in righe) for c in CLASSI]
print(f"{'totale':<12}" + "".join(f"{n:>10}" for n in totali) + f"{sum(totali):>10}")
print()
fenomeni = Counter((r["fenomeno"], r["parte"]) for r in righe)
print(f"{'fenomeno':<19}" + "".join(f"{p:>10}" for p in parti) + f"{'totale':>10}")
for fenomeno in sorted({r["fenomeno"] for r in righe}):
    numeri = [fenomeni[fenomeno, p] for p in parti]
    print(f"{fenomeno:<19}" + "".join(f"{n:>10}" for n in numeri) + f"{sum(numeri):>10}")
print()
# Della parte per la prova finale si contano solo le righe: lunghezze ed esempi dallo sviluppo
for lingua in ("it", "en"):
    testi = [r[f"testo_{lingua}"] for r in sviluppo]
    vuoti = sum(not t.strip() for t in testi)
    media = sum(len(t) for t in testi) / len(testi)
    print(f"sviluppo, testi in {lingua}: {len(testi)}, vuoti: {vuoti}, media {media:.1f} caratteri")
print()
print("un esempio per classe, dallo sviluppo (italiano / inglese):")
for classe in CLASSI:
    r = next(r for r in sviluppo if r["etichetta"] == classe)
    print(f"{r['id']}  {classe:<9} {r['testo_it']}")
    print(f"{'':<15}{r['testo_en']}")

# La pagina cita questi valori: le righe in tutto, per parte e per classe dentro ogni parte
n_righe, n_sviluppo = len(righe), len(sviluppo)
n_test = n_righe - n_sviluppo
per_classe_sviluppo, per_classe_test = n_sviluppo // len(CLASSI), n_test // len(CLASSI)
punti_per_testo_test = 100 / n_test  # i punti di accuratezza che vale un testo di test
