# Top-k e top-p scritti a mano sulla distribuzione di Flan-T5, controllati con transformers.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer, TopKLogitsWarper, TopPLogitsWarper

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
K, P = 50, 0.9  # 50 è il top_k predefinito di transformers quando campiona

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()
inputs = tokenizer("Complete the sentence: I drink my coffee with", return_tensors="pt")
inizio = torch.tensor([[model.config.decoder_start_token_id]])
with torch.inference_mode():
    logits = model(**inputs, decoder_input_ids=inizio).logits[0, -1]
logits = logits[: len(tokenizer)]  # solo le righe che hanno un token


def taglio_top_k(z, k):
    soglia = torch.sort(z, descending=True).values[k - 1]  # il k-esimo logit più alto
    return z.masked_fill(z < soglia, -float("inf"))


def taglio_top_p(z, p):
    prob, ordine = torch.sort(torch.softmax(z, dim=-1), descending=True)
    prima = torch.cumsum(prob, dim=0) - prob  # probabilità accumulata prima di ogni token
    tieni = torch.zeros_like(z, dtype=torch.bool)
    tieni[ordine] = prima < p  # si entra finché il totale non ha ancora raggiunto p
    return z.masked_fill(~tieni, -float("inf"))


prob = torch.softmax(logits, dim=-1)
for nome, a_mano, warper in [
    (f"top-k, k = {K}", taglio_top_k(logits, K), TopKLogitsWarper(top_k=K)),
    (f"top-p, p = {P}", taglio_top_p(logits, P), TopPLogitsWarper(top_p=P)),
]:
    tenuti = torch.isfinite(a_mano)
    # Lo stesso taglio fatto da transformers (riceve una riga per sequenza: [None]).
    assert torch.equal(tenuti, torch.isfinite(warper(None, logits[None])[0])), nome
    print(f"{nome}: tiene {int(tenuti.sum()):>5} token su {len(logits)}, ", end="")
    print(f"con probabilità totale {prob[tenuti].sum():.4f}")
    nuova = torch.softmax(a_mano, dim=-1)  # la probabilità tolta va ai token rimasti
    assert torch.allclose(nuova[tenuti], prob[tenuti] / prob[tenuti].sum())
print("i tagli a mano coincidono con TopKLogitsWarper e TopPLogitsWarper")
