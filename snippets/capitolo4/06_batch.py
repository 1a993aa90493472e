# Molti testi in una chiamata: padding, attention mask, inference_mode, decodifica greedy.
import csv
import os
import textwrap

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

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
righe = righe[:8]
prompt = [PROMPT.format(testo=r["testo_it"]) for r in righe]

# padding=True: i prompt più corti vengono allungati con <pad> fino al più lungo
inputs = tokenizer(prompt, return_tensors="pt", padding=True).to(device)
print(f"dispositivo: {device}")
print(f"input_ids:      {tuple(inputs.input_ids.shape)}")
print(f"attention_mask: {tuple(inputs.attention_mask.shape)}")
print(f"token veri per prompt: {inputs.attention_mask.sum(dim=1).tolist()}")

with torch.inference_mode():  # niente gradienti: meno memoria e meno lavoro
    uscite = model.generate(**inputs, max_new_tokens=5, do_sample=False)
risposte = tokenizer.batch_decode(uscite, skip_special_tokens=True)
print(f"uscite {tuple(uscite.shape)}")
print()

uguali = 0
for r, p, risposta in zip(righe, prompt, risposte):
    # la controprova: lo stesso prompt da solo, senza padding
    da_solo = tokenizer(p, return_tensors="pt").to(device)
    with torch.inference_mode():
        singola = model.generate(**da_solo, max_new_tokens=5, do_sample=False)
    uguali += tokenizer.decode(singola[0], skip_special_tokens=True) == risposta
    testo = textwrap.shorten(r["testo_it"], 55, placeholder="…")
    print(f"{r['id']}  {r['etichetta']:<9} {risposta!r:<14} {testo}")
print(f"\nrisposte uguali a quelle date testo per testo: {uguali}/{len(righe)}")
