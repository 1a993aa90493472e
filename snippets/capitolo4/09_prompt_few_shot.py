# Il prompt few-shot: tre esempi già risolti prima del testo, a confronto con lo zero-shot.
import csv
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
ESEMPI = ["s048", "s056", "s042"]  # uno per classe: positivo, negativo, neutro
IN_INGLESE = {"positivo": "positive", "negativo": "negative", "neutro": "neutral"}
DA_PROVARE = ["s109", "s164", "s141", "s117", "s091", "s034"]  # ironia, opinioni miste, titoli

device = "cuda" if torch.cuda.is_available() else "cpu"
dtype = torch.bfloat16 if device == "cuda" else torch.float32  # bfloat16 solo su GPU
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL, dtype=dtype).to(device).eval()

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    per_id = {r["id"]: r for r in csv.DictReader(f)}
esempi = [per_id[i] for i in ESEMPI]


def few_shot(prompt, lingua):
    """Il prompt con gli esempi già risolti tra l'istruzione e il testo da classificare."""
    istruzione, domanda = prompt.split("\n", 1)  # domanda: "Testo: {testo}\nRisposta:"
    risolti = []
    for e in esempi:
        etichetta = e["etichetta"] if lingua == "it" else IN_INGLESE[e["etichetta"]]
        risolti.append(domanda.format(testo=e[f"testo_{lingua}"]) + f" {etichetta}")
    return "\n".join([istruzione, *risolti, domanda])


def risposte(prompt, testi):
    inputs = tokenizer([prompt.format(testo=t) for t in testi], return_tensors="pt", padding=True)
    with torch.inference_mode():
        uscite = model.generate(**inputs.to(device), max_new_tokens=5, do_sample=False)
    return tokenizer.batch_decode(uscite, skip_special_tokens=True)


PROMPT_FEW = few_shot(PROMPT, "it")
print(PROMPT_FEW.format(testo="<il testo da classificare>"))
print()
testi = [per_id[i]["testo_it"] for i in DA_PROVARE]
for nome, prompt in (("zero-shot", PROMPT), ("few-shot", PROMPT_FEW)):
    token = len(tokenizer(prompt.format(testo=testi[0])).input_ids)
    print(f"token del prompt {nome:<10} (primo testo): {token}")
print()
print(f"{'id':<6}{'vera':<10}{'zero-shot':<16}few-shot")
for i, zero, few in zip(DA_PROVARE, risposte(PROMPT, testi), risposte(PROMPT_FEW, testi)):
    print(f"{i:<6}{per_id[i]['etichetta']:<10}{zero!r:<16}{few!r}")
