# Soluzione: un testo troppo lungo diviso in pezzi che entrano nel prompt, un'etichetta per pezzo.
import os
import re
from collections import Counter

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
MAX_TOKEN = 512

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL).eval()


def normalizza(risposta: str) -> str:
    """Riduce una risposta a positivo, negativo o neutro; se è ambigua, a «non riconosciuto»."""
    parole = re.findall(r"\w+", risposta.lower())  # minuscole, senza punteggiatura
    if "non" in parole or "not" in parole:  # «non positivo» non dice quale classe
        return "non riconosciuto"
    radici = {"positiv": "positivo", "negativ": "negativo", "neutr": "neutro"}
    trovate = {e for p in parole for r, e in radici.items() if p.startswith(r)}
    return trovate.pop() if len(trovate) == 1 else "non riconosciuto"


descrizione = "La lavatrice ha dieci programmi, un oblò grande e un display con il timer. "
testo = descrizione * 60 + "Peccato che dopo un mese perda acqua: soldi buttati."

# Lo spazio per il testo è ciò che resta dei 512 token dopo istruzione, «Risposta:» e </s>
spazio = MAX_TOKEN - len(tokenizer(PROMPT.format(testo="")).input_ids)
ids = tokenizer(testo, add_special_tokens=False).input_ids
pezzi = [tokenizer.decode(ids[i : i + spazio]) for i in range(0, len(ids), spazio)]
print(f"token del testo: {len(ids)}, spazio nel prompt: {spazio}, pezzi: {len(pezzi)}")

prompt = [PROMPT.format(testo=p) for p in pezzi]
inputs = tokenizer(prompt, return_tensors="pt", padding=True, truncation=True, max_length=MAX_TOKEN)
with torch.inference_mode():
    uscite = model.generate(**inputs, max_new_tokens=5, do_sample=False)
etichette = [normalizza(r) for r in tokenizer.batch_decode(uscite, skip_special_tokens=True)]
for numero, (pezzo, etichetta) in enumerate(zip(pezzi, etichette), start=1):
    print(f"pezzo {numero}: {etichetta:<17} …{pezzo[-50:]!r}")
print(f"maggioranza:  {Counter(etichette).most_common(1)[0][0]}")
print(f"ultimo pezzo: {etichette[-1]}")
