# Pesi in float32 o in bfloat16: quanta memoria occupano e se le risposte cambiano.
import csv
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)

# Sulla GPU solo se calcola il bfloat16 in hardware (capacità di calcolo 8.0 o più); altrimenti
# sulla CPU, dove PyTorch sa calcolare in bfloat16 anche senza unità dedicate
gpu_bf16 = torch.cuda.is_available() and torch.cuda.is_bf16_supported(including_emulation=False)
device = "cuda" if gpu_bf16 else "cpu"
tokenizer = AutoTokenizer.from_pretrained(MODEL)
with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
righe = righe[:16]
prompt = [PROMPT.format(testo=r["testo_it"]) for r in righe]
inputs = tokenizer(prompt, return_tensors="pt", padding=True).to(device)

print(f"dispositivo: {device}   testi: {len(righe)}")
risposte, memoria = {}, {}
for dtype in (torch.float32, torch.bfloat16):
    model = AutoModelForSeq2SeqLM.from_pretrained(MODEL, dtype=dtype).to(device).eval()
    byte = sum(p.numel() * p.element_size() for p in model.parameters())
    with torch.inference_mode():
        uscite = model.generate(**inputs, max_new_tokens=5, do_sample=False)
    risposte[dtype] = tokenizer.batch_decode(uscite, skip_special_tokens=True)
    memoria[dtype] = byte
    print(f"{str(dtype):<16}{dtype.itemsize} byte per peso, pesi: {byte / 2**20:.1f} MiB")

# 2 byte per peso invece di 4: la memoria dei pesi si dimezza esattamente
assert 2 * memoria[torch.bfloat16] == memoria[torch.float32]
diverse = [i for i, (a, b) in enumerate(zip(*risposte.values())) if a != b]
print(f"\nrisposte uguali: {len(righe) - len(diverse)}/{len(righe)}")
for i in diverse:
    a, b = risposte[torch.float32][i], risposte[torch.bfloat16][i]
    print(f"{righe[i]['id']}: float32 {a!r}, bfloat16 {b!r}")

# I valori che la pagina cita nel testo
mib_float32, mib_bfloat16 = memoria[torch.float32] / 2**20, memoria[torch.bfloat16] / 2**20
risposte_uguali = len(righe) - len(diverse)
