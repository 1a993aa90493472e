# Zero-shot contro TF-IDF sugli stessi testi di sviluppo: tabella 2×2, McNemar esatto, bootstrap.
import csv
import os
import re
from math import comb, isclose

import numpy as np
import torch
from scipy.stats import binomtest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
CLASSI = ["positivo", "negativo", "neutro"]
RICAMPIONI = 2000  # per il bootstrap

device = "cuda" if torch.cuda.is_available() else "cpu"
# bfloat16 solo sulle GPU che lo calcolano in hardware (capacità di calcolo 8.0 o più),
# altrove float32. Mai float16: in T5 alcune attivazioni superano il suo massimo, 65504
bf16 = device == "cuda" and torch.cuda.is_bf16_supported(including_emulation=False)
dtype = torch.bfloat16 if bf16 else torch.float32
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL, dtype=dtype).to(device).eval()


def normalizza(risposta: str) -> str:
    """Riduce una risposta a positivo, negativo o neutro; se è ambigua, a «non riconosciuto»."""
    parole = re.findall(r"\w+", risposta.lower())  # minuscole, senza punteggiatura
    if "non" in parole or "not" in parole:  # «non positivo» non dice quale classe
        return "non riconosciuto"
    radici = {"positiv": "positivo", "negativ": "negativo", "neutr": "neutro"}
    trovate = {e for p in parole for r, e in radici.items() if p.startswith(r)}
    return trovate.pop() if len(trovate) == 1 else "non riconosciuto"


def classifica(testi, batch_size=16, prompt=PROMPT):
    """Un'etichetta per testo; i prompt vanno al modello a gruppi di batch_size."""
    etichette = []
    for i in range(0, len(testi), batch_size):
        batch = [prompt.format(testo=t) for t in testi[i : i + batch_size]]
        inputs = tokenizer(batch, return_tensors="pt", padding=True).to(device)
        with torch.inference_mode():
            uscite = model.generate(**inputs, max_new_tokens=5, do_sample=False)
        etichette += map(normalizza, tokenizer.batch_decode(uscite, skip_special_tokens=True))
    return etichette


def mcnemar_esatto(b, c):
    """Valore p bilaterale del test di McNemar esatto. Se i due classificatori si equivalgono,
    ogni testo discordante (giusto con uno solo dei due) va all'uno o all'altro a testa o croce."""
    n = b + c
    return min(1.0, 2 * sum(comb(n, k) for k in range(min(b, c) + 1)) / 2**n)


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
testi = [r["testo_it"] for r in righe]
vere = [r["etichetta"] for r in righe]

# Le due previsioni per ogni testo: zero-shot, e TF-IDF fuori piega (come nello snippet 32)
zero = classifica(testi)
tfidf = make_pipeline(
    TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1),
    LogisticRegression(max_iter=1000),
)
pieghe = StratifiedKFold(5, shuffle=True, random_state=0)
fuori_piega = list(cross_val_predict(tfidf, testi, vere, cv=pieghe))

giusto_zero = np.array([p == v for p, v in zip(zero, vere)])
giusto_tfidf = np.array([p == v for p, v in zip(fuori_piega, vere)])
entrambi_giusti = int(np.sum(giusto_zero & giusto_tfidf))
solo_zero = int(np.sum(giusto_zero & ~giusto_tfidf))
solo_tfidf = int(np.sum(~giusto_zero & giusto_tfidf))
entrambi_sbagliati = int(np.sum(~giusto_zero & ~giusto_tfidf))
n = len(vere)
print(f"testi di sviluppo: {n}")
print(f"{'':<20}{'TF-IDF giusto':>15}{'TF-IDF sbagliato':>18}")
print(f"{'zero-shot giusto':<20}{entrambi_giusti:>15}{solo_zero:>18}")
print(f"{'zero-shot sbagliato':<20}{solo_tfidf:>15}{entrambi_sbagliati:>18}")

accuratezza_zero, accuratezza_tfidf = giusto_zero.mean(), giusto_tfidf.mean()
f1_zero, f1_tfidf = (f1_score(vere, p, labels=CLASSI, average="macro", zero_division=0)
                     for p in (zero, fuori_piega))  # fmt: skip
differenza = accuratezza_tfidf - accuratezza_zero
# La differenza tra le accuratezze viene tutta dai discordanti
assert isclose(differenza, (solo_tfidf - solo_zero) / n)
discordanti = solo_zero + solo_tfidf
valore_p = mcnemar_esatto(solo_tfidf, solo_zero)
if discordanti:  # con zero discordanti non c'è niente da confrontare: p = 1
    assert isclose(valore_p, binomtest(solo_tfidf, discordanti, 0.5).pvalue)
print()
print(f"accuratezza: zero-shot {accuratezza_zero:.3f}, TF-IDF {accuratezza_tfidf:.3f}, "
      f"differenza {differenza:+.3f}")  # fmt: skip
print(f"macro-F1:    zero-shot {f1_zero:.3f}, TF-IDF {f1_tfidf:.3f}")
print(f"discordanti: {discordanti}; valore p di McNemar esatto (bilaterale): {valore_p:.3g}")

# Bootstrap appaiato: si ricampionano i testi, e ogni testo porta con sé le due risposte
rng = np.random.default_rng(0)
indici = rng.integers(0, n, size=(RICAMPIONI, n))
differenze = giusto_tfidf[indici].mean(axis=1) - giusto_zero[indici].mean(axis=1)
intervallo_basso, intervallo_alto = np.percentile(differenze, [2.5, 97.5])
print(f"bootstrap appaiato ({RICAMPIONI} ricampionamenti, seme 0): differenza al 95% "
      f"tra {intervallo_basso:+.3f} e {intervallo_alto:+.3f}")  # fmt: skip

# La pagina cita questi valori
sotto_5 = valore_p < 0.05
zero_nell_intervallo = bool(intervallo_basso <= 0 <= intervallo_alto)
intervallo_basso, intervallo_alto = float(intervallo_basso), float(intervallo_alto)
accuratezza_zero, accuratezza_tfidf = float(accuratezza_zero), float(accuratezza_tfidf)
# Un valore p piccolissimo, a tre decimali, sembrerebbe zero: la pagina scrive «meno di 0,001»
valore_p_in_prosa = "meno di 0,001" if valore_p < 0.001 else f"{valore_p:.3f}".replace(".", ",")
