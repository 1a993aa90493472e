# La perdita di un LLM è l'entropia incrociata: la dà il modello, la rifacciamo a mano dai logit.
import math
import os

import torch
import torch.nn.functional as F
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

ingresso = tokenizer("translate English to German: The weather is nice today.", return_tensors="pt")
etichette = tokenizer("Das Wetter ist heute schön.", return_tensors="pt").input_ids

with torch.inference_mode():
    uscita = model(**ingresso, labels=etichette)
logit = uscita.logits  # (1, T, V): un punteggio per ogni token del vocabolario, a ogni passo
print("logit:", tuple(logit.shape), "  etichette:", tuple(etichette.shape))

# A mano: log-softmax sui logit, poi il -log della probabilità del token giusto.
log_p = F.log_softmax(logit[0], dim=-1)  # (T, V)
log_p_giusto = log_p[torch.arange(etichette.shape[1]), etichette[0]]  # (T,)
print(f"\n{'token':<10} {'probabilità':>12} {'-log p':>8}")
for token, lp in zip(tokenizer.convert_ids_to_tokens(etichette[0]), log_p_giusto.tolist()):
    print(f"{token:<10} {math.exp(lp):>12.4f} {-lp:>8.4f}")

a_mano = -log_p_giusto.mean()
con_f = F.cross_entropy(logit.view(-1, logit.shape[-1]), etichette.view(-1))
print(f"\nperdita del modello (labels=...):   {uscita.loss.item():.4f}")
print(f"media dei -log p, a mano:           {a_mano.item():.4f}")
print(f"F.cross_entropy sui logit:          {con_f.item():.4f}")
print(f"perplessità = exp(perdita):         {math.exp(uscita.loss.item()):.4g}")
# Le tre perdite sono lo stesso numero, a meno degli arrotondamenti dei float.
assert torch.allclose(uscita.loss, a_mano, atol=1e-5) and torch.allclose(a_mano, con_f, atol=1e-5)
