# Soluzione: il few-shot con le etichette giuste negli esempi e con positivo e negativo scambiati.
import csv
import os
import re

import torch
from sklearn.metrics import accuracy_score
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
CLASSI = ["positivo", "negativo", "neutro"]
ESEMPI = ["s048", "s056", "s042"]  # uno per classe: positivo, negativo, neutro
SCAMBIO = {"positivo": "negativo", "negativo": "positivo", "neutro": "neutro"}

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
esempi = [r for i in ESEMPI for r in righe if r["id"] == i]
# Gli stessi 90 testi del confronto zero-shot/few-shot: i primi 30 per classe, esempi esclusi
resto = [r for r in righe if r["id"] not in ESEMPI]
valutati = [r for c in CLASSI for r in [r for r in resto if r["etichetta"] == c][:30]]
vere = [r["etichetta"] for r in valutati]
testi = [r["testo_it"] for r in valutati]


def few_shot(mostrata):
    """Il prompt few-shot; mostrata dice quale etichetta scrivere per ogni classe vera."""
    istruzione, domanda = PROMPT.split("\n", 1)
    risolti = [domanda.format(testo=e["testo_it"]) + f" {mostrata[e['etichetta']]}" for e in esempi]
    return "\n".join([istruzione, *risolti, domanda])


polari = sum(v != "neutro" for v in vere)  # i testi positivi o negativi
print(f"testi valutati: {len(testi)} in italiano (30 per classe), esempi esclusi")
print(f"{'esempi':<22}{'accuratezza':>12}{'polarità rovesciata':>21}")
rovesciati_per_esempi = []
for nome, mostrata in (
    ("etichette giuste", dict(zip(CLASSI, CLASSI))),
    ("pos./neg. scambiati", SCAMBIO),
):
    previste = classifica(testi, prompt=few_shot(mostrata))
    # quanti testi positivi o negativi ricevono l'etichetta opposta, come negli esempi scambiati
    rovesciati = sum(p == SCAMBIO[v] for v, p in zip(vere, previste) if v != "neutro")
    rovesciati_per_esempi.append(rovesciati)
    print(f"{nome:<22}{accuracy_score(vere, previste):>12.3f}{rovesciati:>17}/{polari}")

# La pagina cita questi valori: i testi rovesciati con le etichette giuste e con quelle scambiate
rovesciati_giuste, rovesciati_scambiate = rovesciati_per_esempi
