# Greedy o campionamento: come la temperatura cambia la distribuzione del prossimo token.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
TEMPERATURE = [0.5, 1.0, 2.0]
K = 5

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

inputs = tokenizer("Complete the sentence: I drink my coffee with", return_tensors="pt")
inizio = torch.tensor([[model.config.decoder_start_token_id]])
with torch.inference_mode():
    logits = model(**inputs, decoder_input_ids=inizio).logits[0, -1]

# Stessi candidati per tutte le colonne: i K più probabili a temperatura 1.
candidati = torch.topk(logits, K).indices
token = tokenizer.convert_ids_to_tokens(candidati.tolist())
print(f"{'token':<14}" + "".join(f"{'T = ' + str(t):>10}" for t in TEMPERATURE))
tabella = {t: torch.softmax(logits / t, dim=-1) for t in TEMPERATURE}
for i, tok in zip(candidati.tolist(), token):
    print(f"{tok:<14}" + "".join(f"{tabella[t][i].item():>10.4f}" for t in TEMPERATURE))
print(
    f"{'somma dei ' + str(K):<14}"
    + "".join(f"{tabella[t][candidati].sum().item():>10.4f}" for t in TEMPERATURE)
)
print(f"\nscelta greedy (uguale a ogni temperatura): {token[0]}")
