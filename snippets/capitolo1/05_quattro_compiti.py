# Quattro compiti diversi chiesti allo stesso modello, ognuno con una sola istruzione.
import os
import textwrap

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

compiti = {
    "riassunto": "Summarize the following text in one sentence.\nText: The council of Borgo "
    "San Vito voted to close the historic centre to cars on Sundays from May to September. "
    "Shop owners asked for more parking outside the walls, while residents welcomed the "
    "quieter streets. The council will review the decision after the first summer.",
    "sentiment": "Is the sentiment of this review positive or negative?\nReview: The room "
    "was small, but the staff were kind and the breakfast was excellent.",
    "entità": "List the people, organizations and places mentioned in this text.\nText: "
    "Maria Rossi joined Ferrari in Maranello in 2019, after ten years at Fiat in Turin.",
    "traduzione": "Translate English to German: The train to Milan leaves at eight.",
}

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

# Un solo batch per i quattro prompt: il padding li porta alla stessa lunghezza.
inputs = tokenizer(list(compiti.values()), padding=True, return_tensors="pt")
with torch.inference_mode():
    uscite = model.generate(**inputs, max_new_tokens=40, do_sample=False)
risposte = tokenizer.batch_decode(uscite, skip_special_tokens=True)


def a_capo(etichetta, testo):
    # Va a capo a 80 caratteri, rispettando gli a capo del prompt.
    righe = [r for riga in testo.splitlines() for r in textwrap.wrap(riga, 80)] or [""]
    return "\n".join(f"{etichetta if i == 0 else '':<10}{r}" for i, r in enumerate(righe))


blocchi = []
for (nome, prompt), risposta in zip(compiti.items(), risposte):
    # Ciò che il modello legge davvero: il testo ricostruito dagli id del tokenizer.
    letto = tokenizer.decode(tokenizer(prompt).input_ids)
    assert "\n" not in letto, "un a capo è arrivato al modello"
    blocchi.append(
        f"[{nome}]\n{a_capo('prompt:', prompt)}\n{a_capo('letto:', letto)}\n"
        f"{a_capo('risposta:', risposta)}"
    )
print("\n\n".join(blocchi))
