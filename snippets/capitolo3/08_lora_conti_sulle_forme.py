# Quanti parametri addestra LoRA su q e v? Il conto fatto sulle forme vere del modello caricato.
import math
import os
from collections import Counter

import matplotlib.pyplot as plt
from transformers import AutoModelForSeq2SeqLM

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
totale = sum(p.numel() for p in model.parameters())

# Le proiezioni q e v di ogni blocco di attenzione (encoder, decoder, incrociata).
forme = [
    tuple(m.weight.shape) for nome, m in model.named_modules() if nome.split(".")[-1] in ("q", "v")
]
print(f"parametri del modello: {totale:,}")
print(f"matrici q e v: {len(forme)}   forme (d, k): {dict(Counter(forme))}")
pieno = sum(d * k for d, k in forme)
print(f"pesi in quelle matrici (d·k): {pieno:,}  ({100 * pieno / totale:.2f} % del modello)\n")

print(f"{'r':>3} {'parametri LoRA r·(d+k)':>23} {'% di q e v':>11} {'% del modello':>14}")
lora = {}
for r in (4, 8, 16):
    lora[r] = sum(r * (d + k) for d, k in forme)
    print(f"{r:>3} {lora[r]:>23,} {100 * lora[r] / pieno:>11.3f} {100 * lora[r] / totale:>14.3f}")

# la pagina cita questi valori: matrici adattate, parametri e quota con r = 8, ordini risparmiati
matrici = len(forme)
parametri_r8, quota_r8 = lora[8], lora[8] / totale
ordini_risparmiati = math.log10(totale / lora[8])
nomi = ["tutto il modello", "q e v, pieni"] + [f"LoRA r={r}" for r in lora]
valori = [totale, pieno, *lora.values()]
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.barh(nomi[::-1], valori[::-1], color=["#3f51b5"] * 3 + ["#9fa8da"] * 2)
ax.set_xscale("log")
ax.set_xlabel("parametri da addestrare (scala logaritmica)")
fig.tight_layout()
titolo = "Parametri addestrabili: fine-tuning completo contro LoRA su q e v"
fig.savefig("lora_parametri.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: lora_parametri.png")
