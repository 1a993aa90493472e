# Soluzione: il vettorizzatore adattato prima delle pieghe vede anche i testi tenuti da parte.
import csv

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
testi = [r["testo_it"] for r in righe]
vere = [r["etichetta"] for r in righe]
pieghe = StratifiedKFold(5, shuffle=True, random_state=0)


def vettorizzatore():
    return TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1)


# Giusto: vocabolario e pesi IDF si imparano in ogni piega, dai soli testi di addestramento
dentro = make_pipeline(vettorizzatore(), LogisticRegression(max_iter=1000))
previste_dentro = cross_val_predict(dentro, testi, vere, cv=pieghe)
# Sbagliato: vocabolario e pesi IDF imparati una volta sola, anche dai testi tenuti da parte
X_tutti = vettorizzatore().fit_transform(testi)
previste_fuori = cross_val_predict(LogisticRegression(max_iter=1000), X_tutti, vere, cv=pieghe)

accuratezza_dentro = accuracy_score(vere, previste_dentro)
accuratezza_fuori = accuracy_score(vere, previste_fuori)
print(f"{'vettorizzatore':<36}{'accuratezza fuori piega':>24}")
print(f"{'dentro le pieghe (pipeline)':<36}{accuratezza_dentro:>24.3f}")
print(f"{'adattato prima, su tutti i testi':<36}{accuratezza_fuori:>24.3f}")
previsioni_diverse = int(sum(a != b for a, b in zip(previste_dentro, previste_fuori)))
print(f"testi con una previsione diversa: {previsioni_diverse} su {len(testi)}")

# Che cosa vede in più la versione sbagliata: nella prima piega, le voci del vocabolario che
# compaiono solo nei testi tenuti da parte
indici_add, indici_val = next(pieghe.split(testi, vere))
voci_add = set(vettorizzatore().fit([testi[i] for i in indici_add]).get_feature_names_out())
voci_tutte = set(vettorizzatore().fit(testi).get_feature_names_out())
voci_solo_tenute = len(voci_tutte - voci_add)
print(f"prima piega: {voci_solo_tenute} voci su {len(voci_tutte)} solo nei testi tenuti da parte")
