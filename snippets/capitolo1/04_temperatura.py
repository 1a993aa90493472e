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

# Le righe oltre len(tokenizer) non hanno un token (Flan-T5: 32 128 righe, 32 100 token).
n_token = len(tokenizer)
tabella = {t: torch.softmax(logits / t, dim=-1)[:n_token] for t in TEMPERATURE}
# Stessi candidati per tutte le colonne: i K token con il logit più alto.
candidati = torch.topk(logits[:n_token], K).indices
token = tokenizer.convert_ids_to_tokens(candidati.tolist())
print(f"{'token':<14}" + "".join(f"{'T = ' + str(t):>10}" for t in TEMPERATURE))
for i, tok in zip(candidati.tolist(), token):
    print(f"{tok:<14}" + "".join(f"{tabella[t][i].item():>10.4f}" for t in TEMPERATURE))
print(
    f"{'somma dei ' + str(K):<14}"
    + "".join(f"{tabella[t][candidati].sum().item():>10.4f}" for t in TEMPERATURE)
)

# La scelta greedy, calcolata di nuovo a ogni temperatura: l'argmax delle probabilità.
greedy = {t: tokenizer.convert_ids_to_tokens(tabella[t].argmax().item()) for t in TEMPERATURE}
print(f"{'scelta greedy':<14}" + "".join(f"{greedy[t]:>10}" for t in TEMPERATURE))
# Dividere tutti i logit per lo stesso T > 0 non ne cambia l'ordine: l'argmax è lo stesso.
assert len(set(greedy.values())) == 1, greedy
