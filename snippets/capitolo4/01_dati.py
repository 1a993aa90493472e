# Il data set del progetto: 180 testi scritti per questa guida, in italiano e in inglese.
import csv
from collections import Counter

CLASSI = ["positivo", "negativo", "neutro"]

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = list(csv.DictReader(f))

print(f"righe: {len(righe)}   colonne: {', '.join(righe[0])}")
print()
conta = Counter((r["tipo"], r["etichetta"]) for r in righe)
print(f"{'tipo':<12}" + "".join(f"{c:>10}" for c in CLASSI) + f"{'totale':>10}")
for tipo in sorted({r["tipo"] for r in righe}):
    numeri = [conta[tipo, c] for c in CLASSI]
    assert len(set(numeri)) == 1  # dentro ogni tipo, le tre classi hanno tanti testi quanti
    print(f"{tipo:<12}" + "".join(f"{n:>10}" for n in numeri) + f"{sum(numeri):>10}")
totali = [sum(r["etichetta"] == c for r in righe) for c in CLASSI]
print(f"{'totale':<12}" + "".join(f"{n:>10}" for n in totali) + f"{sum(totali):>10}")
print()
for lingua in ("it", "en"):
    testi = [r[f"testo_{lingua}"] for r in righe]
    vuoti = sum(not t.strip() for t in testi)
    media = sum(len(t) for t in testi) / len(testi)
    print(f"testi in {lingua}: {len(testi)}, vuoti: {vuoti}, lunghezza media {media:.1f} caratteri")
print()
print("un esempio per classe (italiano / inglese):")
for classe in CLASSI:
    r = next(r for r in righe if r["etichetta"] == classe)
    print(f"{r['id']}  {classe:<9} {r['testo_it']}")
    print(f"{'':<15}{r['testo_en']}")
