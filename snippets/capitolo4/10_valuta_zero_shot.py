# Valutare lo zero-shot sui testi italiani di sviluppo: accuratezza, macro-F1, per classe.
import csv
import os
import re

import torch
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
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
previste = classifica([r["testo_it"] for r in righe])

# Le metriche si calcolano sulle tre classi vere: «non riconosciuto» è sempre un errore
accuratezza = accuracy_score(vere, previste)
macro_f1 = f1_score(vere, previste, labels=CLASSI, average="macro", zero_division=0)
non_riconosciute = previste.count("non riconosciuto")
print(f"dispositivo: {device}   testi: {len(righe)} in italiano, prompt zero-shot")
print(f"accuratezza:      {accuratezza:.3f}")
print(f"macro-F1:         {macro_f1:.3f}")
print(f"non riconosciuto: {non_riconosciute} risposte")
print()
p, r, f1, n = precision_recall_fscore_support(vere, previste, labels=CLASSI, zero_division=0)
print(f"{'classe':<10}{'precisione':>11}{'richiamo':>10}{'F1':>8}{'testi':>7}{'previsti':>10}")
for i, c in enumerate(CLASSI):
    print(f"{c:<10}{p[i]:>11.3f}{r[i]:>10.3f}{f1[i]:>8.3f}{int(n[i]):>7}{previste.count(c):>10}")

# La pagina cita questi valori: il confronto con chi tira a indovinare (un terzo), lo scarto
# tipico dell'accuratezza misurata e le classi che il modello non usa mai
corretti = sum(vera == prevista for vera, prevista in zip(vere, previste))
rispetto_al_caso = (
    "sopra" if 3 * corretti > len(vere) else "sotto" if 3 * corretti < len(vere) else "pari a"
)
scarto_tipico = (accuratezza * (1 - accuratezza) / len(vere)) ** 0.5
# Intervallo approssimato al 95%: accuratezza ± due scarti tipici. Lascia fuori un terzo?
esclude_un_terzo = abs(accuratezza - 1 / 3) > 2 * scarto_tipico
mai_previste = [c for c in CLASSI if c not in previste] or "nessuna"
# Quanto pesa un testo: con n testi, uno in più o in meno sposta l'accuratezza di 1/n; lo scarto
# tipico è al massimo 0,5/√n (quando l'accuratezza vale 0,5), l'intervallo al 95% il doppio
n_testi = len(vere)
punti_per_testo = 100 / n_testi  # in punti percentuali
scarto_massimo = 0.5 / n_testi**0.5
punti_intervallo_massimo = 100 * 2 * scarto_massimo
