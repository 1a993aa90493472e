# Cinque pieghe a caso o stratificate: quanti testi di ogni classe finiscono in ciascuna.
import csv

from sklearn.model_selection import KFold, StratifiedKFold

CLASSI = ["positivo", "negativo", "neutro"]

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
vere = [r["etichetta"] for r in righe]
quota_totale = {c: vere.count(c) / len(vere) for c in CLASSI}  # la quota di ogni classe in tutto

divisioni = {
    "a caso (KFold)": KFold(5, shuffle=True, random_state=0),
    "stratificate": StratifiedKFold(5, shuffle=True, random_state=0),
}
scarto = {}
for nome, divisione in divisioni.items():
    print(f"pieghe {nome}: testi di ogni classe nella parte tenuta da parte")
    print(f"{'piega':<7}" + "".join(f"{c:>10}" for c in CLASSI) + f"{'totale':>8}")
    visti, quote = [], []
    for k, (_, tenuti) in enumerate(divisione.split(vere, vere), start=1):
        numeri = [sum(vere[i] == c for i in tenuti) for c in CLASSI]
        print(f"{k:<7}" + "".join(f"{n:>10}" for n in numeri) + f"{len(tenuti):>8}")
        visti += list(tenuti)
        quote += [(c, n / len(tenuti)) for c, n in zip(CLASSI, numeri)]
    assert sorted(visti) == list(range(len(vere)))  # ogni testo è tenuto da parte una volta sola
    # nel caso peggiore, quanto la quota di una classe in una piega si allontana da quella in tutto
    scarto[nome] = max(abs(q - quota_totale[c]) for c, q in quote)
    print(f"massima distanza di una quota da quella in tutto sviluppo: {scarto[nome]:.3f}")
    print()

# La pagina cita questi valori: lo scarto peggiore con le pieghe a caso e con quelle stratificate
scarto_caso, scarto_stratificate = scarto["a caso (KFold)"], scarto["stratificate"]
