# Che cosa risponde davvero il modello: le risposte grezze su 48 testi e le etichette che ne escono.
import csv
import os
import re
from collections import Counter

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)

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


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
testi = [r["testo_it"] for r in righe][:48]

risposte = []
for i in range(0, len(testi), 16):
    batch = [PROMPT.format(testo=t) for t in testi[i : i + 16]]
    inputs = tokenizer(batch, return_tensors="pt", padding=True).to(device)
    with torch.inference_mode():
        uscite = model.generate(**inputs, max_new_tokens=5, do_sample=False)
    risposte += tokenizer.batch_decode(uscite, skip_special_tokens=True)

conta = Counter(risposte)
risposte_diverse = len(conta)
print(f"dispositivo: {device}   testi: {len(testi)}   risposte diverse: {risposte_diverse}")
print()
print(f"{'risposta grezza':<26}{'volte':>6}  etichetta")
ordinate = sorted(conta.items(), key=lambda kv: (-kv[1], kv[0]))  # le più frequenti prima
for risposta, volte in ordinate:
    print(f"{risposta!r:<26}{volte:>6}  {normalizza(risposta)}")

# La pagina cita questi valori: la risposta più frequente (tutte, se sono a pari merito), quante
# risposte la normalizzazione ha ricondotto a una classe e quante finiscono in «non riconosciuto»
volte_top = ordinate[0][1]
pari = [f"«{r}»" for r, v in ordinate if v == volte_top]  # a pari merito con la prima
piu_frequente = pari[0] if len(pari) == 1 else " e ".join(pari) + ", a pari merito"
if len(pari) > 2:  # troppe per una frase: basta dire quante sono
    piu_frequente = f"{len(pari)} risposte a pari merito"
quota_piu_frequente = volte_top / len(testi)
etichette = {r: normalizza(r) for r in conta}
da_normalizzare = sum(v for r, v in conta.items() if etichette[r] not in (r, "non riconosciuto"))
non_riconosciute = sum(v for r, v in conta.items() if etichette[r] == "non riconosciuto")
