# La normalizzazione di T5 rifatta a mano: divide per la radice della media dei quadrati.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
norma = model.encoder.block[0].layer[0].layer_norm  # prima dell'attenzione del primo strato
print("modulo:", type(norma).__name__, " parametri:", [n for n, _ in norma.named_parameters()])

ids = tokenizer("Il treno è in ritardo.", return_tensors="pt").input_ids
with torch.inference_mode():
    x = model.get_input_embeddings()(ids)[0]  # (token, d_model)
    # RMS: radice della media dei quadrati, su ogni vettore (la media NON viene sottratta)
    rms = torch.sqrt(x.pow(2).mean(dim=-1, keepdim=True) + norma.variance_epsilon)
    a_mano = x / rms * norma.weight  # un peso per dimensione, nessun bias
    del_modello = norma(x)
uguale = torch.allclose(a_mano, del_modello)
print("x:", tuple(x.shape), " a mano uguale al modulo:", uguale)
assert uguale

# dopo la divisione ogni vettore ha rms 1, ma la sua media non è 0 (con la LayerNorm lo sarebbe)
print(f"\n{'token':<10} {'media x':>9} {'rms x':>7} {'media x/rms':>12} {'rms x/rms':>10}")
for token, riga, r in zip(tokenizer.convert_ids_to_tokens(ids[0]), x, rms[:, 0]):
    n = riga / r
    rms_n = n.pow(2).mean().sqrt()
    print(f"{token:<10} {riga.mean():>9.3f} {r:>7.3f} {n.mean():>12.3f} {rms_n:>10.3f}")
    assert abs(rms_n - 1) < 1e-3  # epsilon sposta l'rms solo di pochissimo
