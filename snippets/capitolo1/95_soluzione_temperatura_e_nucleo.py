# Soluzione: la temperatura, applicata prima di top-p, allarga o stringe il nucleo.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
P = 0.9
TEMPERATURE = [0.3, 0.5, 0.7, 1.0, 1.5, 2.0]

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()
inputs = tokenizer("Complete the sentence: I drink my coffee with", return_tensors="pt")
inizio = torch.tensor([[model.config.decoder_start_token_id]])
with torch.inference_mode():
    logits = model(**inputs, decoder_input_ids=inizio).logits[0, -1, : len(tokenizer)]

dimensioni = []
print(f"{'T':>4}  {'primo token':>11}  {'nucleo (p = ' + str(P) + ')':>17}")
for t in TEMPERATURE:
    # Come in generate: prima si divide per T, poi si taglia con top-p.
    prob = torch.sort(torch.softmax(logits / t, dim=-1), descending=True).values
    dimensioni.append(int((torch.cumsum(prob, dim=0) - prob < P).sum()))
    print(f"{t:>4}  {prob[0]:>11.4f}  {dimensioni[-1]:>17}")
# Con T più alta la probabilità dei primi m token cala per ogni m: il nucleo non si stringe.
assert dimensioni == sorted(dimensioni), dimensioni
