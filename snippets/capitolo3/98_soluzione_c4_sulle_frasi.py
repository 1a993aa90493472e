# Soluzione: le regole di C4 sulle righe, applicate alle frasi inglesi del data set di sentiment.
import csv
from collections import Counter

FINE_FRASE = (".", "!", "?", '"', "”")

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]

totale, tenute, esempi_scartati = Counter(), Counter(), {}
for r in righe:
    testo = r["testo_en"]
    resta = testo.endswith(FINE_FRASE) and len(testo.split()) >= 5
    totale[r["tipo"]] += 1
    tenute[r["tipo"]] += resta
    if not resta:
        esempi_scartati.setdefault(r["tipo"], testo)

print(f"{'tipo':<11} {'frasi':>5} {'tenute':>6} {'quota':>6}  una frase scartata")
for tipo in sorted(totale):
    quota, esempio = tenute[tipo] / totale[tipo], esempi_scartati.get(tipo, "")[:48]
    print(f"{tipo:<11} {totale[tipo]:>5} {tenute[tipo]:>6} {quota:>6.2f}  {esempio}".rstrip())
quota_titoli = tenute["titolo"] / totale["titolo"]  # la pagina cita questo valore
titoli_chiusi = [
    r["testo_en"] for r in righe if r["tipo"] == "titolo" and r["testo_en"].endswith(FINE_FRASE)
]
# Un titolo non chiude con il punto: quelli che la regola tiene sono domande
assert all(t.endswith("?") for t in titoli_chiusi)
titoli_domanda = len(titoli_chiusi)  # la pagina cita questo valore
