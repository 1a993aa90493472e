# La linea di base più semplice: rispondere sempre con la classe più frequente tra i testi.
import csv
from collections import Counter

from sklearn.dummy import DummyClassifier
from sklearn.metrics import accuracy_score, f1_score

CLASSI = ["positivo", "negativo", "neutro"]

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
testi = [r["testo_it"] for r in righe]
vere = [r["etichetta"] for r in righe]

conta = Counter(vere)
print(f"testi di sviluppo: {len(righe)}")
for c in CLASSI:
    print(f"  {c:<9}{conta[c]:>5}   ({conta[c] / len(vere):.3f})")

# Il classificatore «di comodo» di scikit-learn non legge il testo: impara solo le frequenze
banale = DummyClassifier(strategy="most_frequent").fit(testi, vere)
previste = list(banale.predict(testi))
classe_scelta = previste[0]
assert set(previste) == {classe_scelta}  # la stessa risposta per ogni testo

# Lo stesso a mano: la classe più frequente (a pari merito vince la prima in ordine alfabetico,
# come fa DummyClassifier, che tiene le classi in ordine alfabetico)
piu_frequente = max(sorted(conta), key=conta.get)
assert piu_frequente == classe_scelta
pari_merito = sum(n == conta[piu_frequente] for n in conta.values())  # classi con più testi

accuratezza = accuracy_score(vere, previste)
macro_f1 = f1_score(vere, previste, labels=CLASSI, average="macro", zero_division=0)
print()
print(
    f"risposta per ogni testo: {classe_scelta}  (classi più frequenti a pari merito: {pari_merito})"
)
print(f"accuratezza:             {accuratezza:.3f}")
print(f"macro-F1:                {macro_f1:.3f}")
# L'accuratezza è la quota della classe scelta: il numero da battere dipende solo dalle frequenze
assert accuratezza == conta[classe_scelta] / len(vere)

# Su un insieme bilanciato (un terzo per classe) la stessa regola farebbe esattamente così:
# precisione 1/3 e richiamo 1 per la classe scelta, zero per le altre due
f1_scelta_bilanciato = 2 * (1 / 3) * 1 / (1 / 3 + 1)
accuratezza_bilanciato, macro_f1_bilanciato = 1 / 3, f1_scelta_bilanciato / 3
print(f"su tre classi bilanciate: accuratezza {accuratezza_bilanciato:.3f}, ", end="")
print(f"macro-F1 {macro_f1_bilanciato:.3f}")

# La pagina cita anche quanti sono i testi di sviluppo
testi_sviluppo = len(righe)
