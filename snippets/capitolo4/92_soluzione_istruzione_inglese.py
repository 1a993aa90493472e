# Soluzione: i testi italiani con l'istruzione in inglese (e le risposte ammesse in inglese).
import csv
import os
import re

import torch
from sklearn.metrics import accuracy_score, f1_score
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
PROMPT_EN = (
    "Classify the sentiment of the text as positive, negative or neutral.\nText: {testo}\nAnswer:"
)
CLASSI = ["positivo", "negativo", "neutro"]

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


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
vere = [r["etichetta"] for r in righe]
testi = [r["testo_it"] for r in righe]  # testi italiani in entrambi i casi
print(f"dispositivo: {device}   testi italiani: {len(testi)}")
print(f"{'istruzione':<12}{'accuratezza':>12}{'macro-F1':>10}{'non ric.':>10}")
accuratezze = {}
for nome, prompt in (("italiano", PROMPT), ("inglese", PROMPT_EN)):
    previste = classifica(testi, prompt=prompt)
    accuratezza = accuratezze[nome] = accuracy_score(vere, previste)
    f1 = f1_score(vere, previste, labels=CLASSI, average="macro", zero_division=0)
    nr = previste.count("non riconosciuto")
    print(f"{nome:<12}{accuratezza:>12.3f}{f1:>10.3f}{nr:>10}")

# I valori che la pagina cita: l'istruzione inglese rispetto a quella italiana
accuratezza_it, accuratezza_en = accuratezze["italiano"], accuratezze["inglese"]
punti = abs(accuratezza_en - accuratezza_it) * 100  # la distanza in punti percentuali
if accuratezza_en == accuratezza_it:
    istruzione_inglese = "la stessa accuratezza"
else:
    istruzione_inglese = "un'accuratezza più " + (
        "alta" if accuratezza_en > accuratezza_it else "bassa"
    )
