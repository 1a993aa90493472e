# Soluzione: campionare invece di scegliere il più probabile, con un seme fisso.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()
inputs = tokenizer("Complete the sentence: I drink my coffee with", return_tensors="pt")


def campiona(seme):
    torch.manual_seed(seme)  # il seme fissa la sequenza di numeri casuali
    with torch.inference_mode():
        uscita = model.generate(**inputs, max_new_tokens=10, do_sample=True, temperature=1.0)
    return tokenizer.decode(uscita[0], skip_special_tokens=True)


for seme in [0, 1, 2, 0]:
    print(f"seme {seme}: {campiona(seme)!r}")
with torch.inference_mode():
    greedy = model.generate(**inputs, max_new_tokens=10, do_sample=False)
print(f"greedy: {tokenizer.decode(greedy[0], skip_special_tokens=True)!r}")
