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
        # top_k=0 toglie il taglio predefinito di transformers (top_k=50, solo i 50 token
        # più probabili): così si estrae da tutta la distribuzione, come dice la pagina.
        uscita = model.generate(
            **inputs, max_new_tokens=10, do_sample=True, temperature=1.0, top_k=0
        )
    return tokenizer.decode(uscita[0], skip_special_tokens=True)


risposte = []
for seme in [0, 1, 2, 0]:
    risposte.append(campiona(seme))
    print(f"seme {seme}: {risposte[-1]!r}")
assert risposte[0] == risposte[-1], "stesso seme, risposte diverse"
with torch.inference_mode():
    greedy = model.generate(**inputs, max_new_tokens=10, do_sample=False)
print(f"greedy: {tokenizer.decode(greedy[0], skip_special_tokens=True)!r}")
