# TF-IDF e regressione logistica: una previsione fuori piega per ogni testo, e le parole più pesate.
import csv
import statistics

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

CLASSI = ["positivo", "negativo", "neutro"]

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
testi = [r["testo_it"] for r in righe]
vere = [r["etichetta"] for r in righe]


def tfidf_logistica():
    """Il vettorizzatore sta dentro la pipeline: in ogni piega impara il vocabolario e i pesi
    IDF solo dai testi di addestramento, mai da quelli tenuti da parte."""
    return make_pipeline(
        TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1),
        LogisticRegression(max_iter=1000),
    )


pieghe = StratifiedKFold(5, shuffle=True, random_state=0)
# Cinque addestramenti: ogni testo riceve la previsione del modello che non l'ha visto
previste = list(cross_val_predict(tfidf_logistica(), testi, vere, cv=pieghe))

print(f"testi di sviluppo: {len(testi)}, cinque pieghe stratificate")
print(f"{'piega':<7}{'testi':>6}{'accuratezza':>13}")
per_piega = []
for k, (_, tenuti) in enumerate(pieghe.split(testi, vere), start=1):
    a = accuracy_score([vere[i] for i in tenuti], [previste[i] for i in tenuti])
    per_piega.append(a)
    print(f"{k:<7}{len(tenuti):>6}{a:>13.3f}")
accuratezza = accuracy_score(vere, previste)
macro_f1 = f1_score(vere, previste, labels=CLASSI, average="macro", zero_division=0)
media_pieghe, sd_pieghe = statistics.mean(per_piega), statistics.stdev(per_piega)
print(f"pieghe: media {media_pieghe:.3f}, deviazione standard {sd_pieghe:.3f}")
print(f"su tutti i testi, fuori piega: accuratezza {accuratezza:.3f}, macro-F1 {macro_f1:.3f}")

# Le parole più pesate: il modello addestrato su tutti i testi di sviluppo
modello = tfidf_logistica().fit(testi, vere)
vettorizzatore, logistica = modello.named_steps.values()
parole = vettorizzatore.get_feature_names_out()
print()
print("parole e coppie di parole con il peso più alto per ogni classe:")
for c in CLASSI:
    pesi = logistica.coef_[list(logistica.classes_).index(c)]
    migliori = sorted(range(len(parole)), key=lambda j: (-pesi[j], parole[j]))[:6]
    print(f"  {c:<9}" + ", ".join(f"{parole[j]} ({pesi[j]:.2f})" for j in migliori))

# La pagina cita questi valori: la piega peggiore e la migliore, il vocabolario e i testi
piega_peggiore, piega_migliore = min(per_piega), max(per_piega)
voci_vocabolario, testi_sviluppo = len(parole), len(testi)
