# Soluzione: un testo troppo lungo diviso in pezzi che entrano nel prompt, un'etichetta per pezzo.
import os
import re
from collections import Counter

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
ISTRUZIONE = "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto:"
ATTACCO = "Risposta:"
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

# Si taglia sui token, non sul testo: un pezzo decodificato e ritokenizzato può avere più token
# di prima, e il troncamento taglierebbe proprio la fine del prompt, cioè «Risposta:»
prima = tokenizer(ISTRUZIONE, add_special_tokens=False).input_ids
dopo = tokenizer(ATTACCO, add_special_tokens=False).input_ids + [tokenizer.eos_token_id]
spazio = MAX_TOKEN - len(prima) - len(dopo)  # i token che restano per il testo
ids = tokenizer(testo, add_special_tokens=False).input_ids
a_inizio_parola = [t.startswith("▁") for t in tokenizer.convert_ids_to_tokens(ids)]
pezzi, inizio = [], 0
while inizio < len(ids):
    fine = min(inizio + spazio, len(ids))
    while inizio + 1 < fine < len(ids) and not a_inizio_parola[fine]:
        fine -= 1  # il taglio cadeva dentro una parola: arretra fino al suo primo token
    pezzi.append(ids[inizio:fine])
    inizio = fine
inputs = tokenizer.pad({"input_ids": [prima + p + dopo for p in pezzi]}, return_tensors="pt")
print(f"token del testo: {len(ids)}, spazio nel prompt: {spazio}, pezzi: {len(pezzi)}")

# Le due garanzie: nessun input supera il limite, e ognuno finisce con la domanda
assert inputs.input_ids.shape[1] <= MAX_TOKEN
for riga in inputs.input_ids:
    assert tokenizer.decode(riga, skip_special_tokens=True).endswith(ATTACCO)

with torch.inference_mode():
    uscite = model.generate(**inputs, max_new_tokens=5, do_sample=False)
etichette = [normalizza(r) for r in tokenizer.batch_decode(uscite, skip_special_tokens=True)]
for numero, (pezzo, etichetta) in enumerate(zip(pezzi, etichette), start=1):
    n = len(prima) + len(pezzo) + len(dopo)
    print(f"pezzo {numero}: {n} token  {etichetta:<17} …{tokenizer.decode(pezzo)[-45:]!r}")
# La maggioranza, se c'è: a pari voti non si sceglie in silenzio, si dice che è un pareggio
voti = Counter(etichette).most_common()
if len(voti) > 1 and voti[0][1] == voti[1][1]:
    pari = [f"«{e}»" for e, v in voti if v == voti[0][1]]
    maggioranza = "i pezzi si dividono alla pari tra " + ", ".join(pari[:-1]) + " e " + pari[-1]
    maggioranza += ", e la maggioranza non decide"
else:
    maggioranza = f"la maggioranza dà «{voti[0][0]}»"
ultimo = etichette[-1]  # citati nella pagina, con maggioranza
print(f"maggioranza:  {maggioranza}")
print(f"ultimo pezzo: {ultimo}")
n_pezzi = len(pezzi)
