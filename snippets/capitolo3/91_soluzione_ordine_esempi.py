# Soluzione: gli stessi tre esempi few-shot in tutti e sei gli ordini possibili; la risposta cambia?
import csv
import itertools
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
per_id = {r["id"]: r for r in righe}
esempi = [per_id[i] for i in ("s002", "s003", "s001")]
frase = per_id["s014"]["testo_it"]

istruzione = "Classifica il sentiment del testo come positivo, negativo o neutro.\n\n"
ordini = list(itertools.permutations(esempi))
prompt = [
    istruzione
    + "".join(f"Testo: {r['testo_it']}\nRisposta: {r['etichetta']}\n\n" for r in ordine)
    + f"Testo: {frase}\nRisposta:"
    for ordine in ordini
]
ingresso = tokenizer(prompt, return_tensors="pt", padding=True)  # sei prompt, un batch
lunghezze = ingresso.attention_mask.sum(dim=1)
assert (lunghezze == lunghezze[0]).all()  # stessi token in ogni ordine: cambia solo l'ordine
with torch.inference_mode():
    uscita = model.generate(**ingresso, max_new_tokens=5, do_sample=False)

risposte = tokenizer.batch_decode(uscita, skip_special_tokens=True)
print(f"{'ordine degli esempi':<30} risposta")
for ordine, risposta in zip(ordini, risposte):
    print(f"{' → '.join(r['etichetta'] for r in ordine):<30} {risposta}")

# la pagina cita questi valori: quante risposte diverse, quante ripetono l'ultimo esempio
diverse = len(set(risposte))
verdetto = "sempre la stessa risposta" if diverse == 1 else f"{diverse} risposte diverse"
ripete_ultimo = sum(
    risposta.strip() == ordine[-1]["etichetta"] for ordine, risposta in zip(ordini, risposte)
)
