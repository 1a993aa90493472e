# Soluzione: LoRA e TF-IDF addestrati sugli stessi quattro quinti, confrontati sul quinto restante.
import csv
import os
import random
import re
from math import comb, isclose

import torch
from peft import LoraConfig, get_peft_model
from scipy.stats import binomtest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
CLASSI = ["positivo", "negativo", "neutro"]
EPOCHE, BATCH, LR = 3, 16, 1e-3

device = "cuda" if torch.cuda.is_available() else "cpu"
# bfloat16 solo sulle GPU che lo calcolano in hardware (capacità di calcolo 8.0 o più),
# altrove float32. Mai float16: in T5 alcune attivazioni superano il suo massimo, 65504
bf16 = device == "cuda" and torch.cuda.is_bf16_supported(including_emulation=False)
dtype = torch.bfloat16 if bf16 else torch.float32
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL, dtype=dtype).to(device).eval()


def mcnemar_esatto(b, c):
    """Valore p bilaterale del test di McNemar esatto. Se i due classificatori si equivalgono,
    ogni testo discordante (giusto con uno solo dei due) va all'uno o all'altro a testa o croce."""
    n = b + c
    return min(1.0, 2 * sum(comb(n, k) for k in range(min(b, c) + 1)) / 2**n)


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


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
vere = [r["etichetta"] for r in righe]
# La prima delle cinque pieghe stratificate di TF-IDF: quattro quinti per addestrare, uno per
# misurare
pieghe = StratifiedKFold(5, shuffle=True, random_state=0)
indici_add, indici_val = next(pieghe.split(vere, vere))
addestramento = [righe[i] for i in indici_add]
validazione = [righe[i] for i in indici_val]
assert not {r["id"] for r in addestramento} & {r["id"] for r in validazione}
testi_val, vere_val = [r["testo_it"] for r in validazione], [r["etichetta"] for r in validazione]


torch.manual_seed(0)  # A parte da numeri casuali, B da zero; poi il dropout dell'addestramento
config = LoraConfig(
    r=8, lora_alpha=16, target_modules=["q", "v"], lora_dropout=0.0, task_type="SEQ_2_SEQ_LM"
)
model = get_peft_model(model, config)

# Batch di testi di lunghezza simile (meno padding), in un ordine diverso a ogni epoca
ordinati = sorted(addestramento, key=lambda r: (len(r["testo_it"]), r["id"]))
batch_add = [ordinati[i : i + BATCH] for i in range(0, len(ordinati), BATCH)]
mescola = random.Random(0)
ottimizzatore = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=LR)
for _ in range(EPOCHE):
    model.train()
    mescola.shuffle(batch_add)
    for batch in batch_add:
        ingresso = tokenizer(
            [PROMPT.format(testo=r["testo_it"]) for r in batch], return_tensors="pt", padding=True
        ).to(device)
        # La risposta da imparare è la stringa dell'etichetta; il padding non conta nella perdita
        bersaglio = tokenizer([r["etichetta"] for r in batch], return_tensors="pt", padding=True)
        etichette = bersaglio.input_ids.masked_fill(bersaglio.attention_mask == 0, -100)
        perdita = model(**ingresso, labels=etichette.to(device)).loss
        ottimizzatore.zero_grad()
        perdita.backward()
        ottimizzatore.step()

model.eval()
giusto_lora = [p == v for p, v in zip(classifica(testi_val), vere_val)]

# TF-IDF addestrato sugli stessi quattro quinti
tfidf = make_pipeline(
    TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1),
    LogisticRegression(max_iter=1000),
)
previste_tfidf = list(
    tfidf.fit(
        [r["testo_it"] for r in addestramento], [r["etichetta"] for r in addestramento]
    ).predict(testi_val)
)
# sono proprio le previsioni fuori piega della prima piega dello snippet 32
fuori_piega = cross_val_predict(tfidf, [r["testo_it"] for r in righe], vere, cv=pieghe)
assert previste_tfidf == [fuori_piega[i] for i in indici_val]
giusto_tfidf = [p == v for p, v in zip(previste_tfidf, vere_val)]

coppie = list(zip(giusto_lora, giusto_tfidf))
solo_lora, solo_tfidf = coppie.count((True, False)), coppie.count((False, True))
print(f"quinto tenuto da parte: {len(validazione)} testi, gli stessi per i due modelli")
print(f"{'':<16}{'TF-IDF giusto':>15}{'TF-IDF sbagliato':>18}")
print(f"{'LoRA giusto':<16}{coppie.count((True, True)):>15}{solo_lora:>18}")
print(f"{'LoRA sbagliato':<16}{solo_tfidf:>15}{coppie.count((False, False)):>18}")
accuratezza_lora = sum(giusto_lora) / len(giusto_lora)
accuratezza_tfidf = sum(giusto_tfidf) / len(giusto_tfidf)
valore_p = mcnemar_esatto(solo_lora, solo_tfidf)
if solo_lora + solo_tfidf:  # con zero discordanti non c'è niente da confrontare: p = 1
    assert isclose(valore_p, binomtest(solo_lora, solo_lora + solo_tfidf, 0.5).pvalue)
print(f"accuratezza: LoRA {accuratezza_lora:.3f}, TF-IDF {accuratezza_tfidf:.3f}")
print(f"valore p di McNemar esatto (bilaterale): {valore_p:.3g}")
# Un valore p piccolissimo, a tre decimali, sembrerebbe zero: la pagina scrive «meno di 0,001»
valore_p_in_prosa = "meno di 0,001" if valore_p < 0.001 else f"{valore_p:.3f}".replace(".", ",")
