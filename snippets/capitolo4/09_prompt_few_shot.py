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
DA_PROVARE = ["s109", "s164", "s141", "s117", "s091", "s034"]  # ironia, misti, titolo, domanda

device = "cuda" if torch.cuda.is_available() else "cpu"
# bfloat16 solo sulle GPU che lo calcolano in hardware (capacità di calcolo 8.0 o più),
# altrove float32. Mai float16: in T5 alcune attivazioni superano il suo massimo, 65504
bf16 = device == "cuda" and torch.cuda.is_bf16_supported(including_emulation=False)
dtype = torch.bfloat16 if bf16 else torch.float32
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL, dtype=dtype).to(device).eval()

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
per_id = {r["id"]: r for r in righe}
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
testi = [per_id[i]["testo_it"] for i in DA_PROVARE]
primo = PROMPT_FEW.format(testo=testi[0])
print(primo)  # il prompt completo, come lo scriviamo
print()
# e come lo legge il modello: i suoi token ritrasformati in testo
print(f"letto: {tokenizer.decode(tokenizer(primo).input_ids)!r}")
print()
token = {}
for nome, prompt in (("zero-shot", PROMPT), ("few-shot", PROMPT_FEW)):
    token[nome] = len(tokenizer(prompt.format(testo=testi[0])).input_ids)
    print(f"token del prompt {nome:<10} (primo testo): {token[nome]}")
print()
print(f"{'id':<6}{'vera':<10}{'zero-shot':<16}few-shot")
cambiate = 0
for i, zero, few in zip(DA_PROVARE, risposte(PROMPT, testi), risposte(PROMPT_FEW, testi)):
    print(f"{i:<6}{per_id[i]['etichetta']:<10}{zero!r:<16}{few!r}")
    cambiate += zero != few  # True conta 1

# La pagina cita questi valori: quanto è più lungo il prompt few-shot, quante risposte cambiano
token_zero, token_few = token["zero-shot"], token["few-shot"]
rapporto_token = token_few / token_zero
